import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { Screen } from '../../../../components/Screen';
import { SIX_ONES } from './sixOnes';
import './index.scss';

/** What the 六个一 are. Each member's own progress comes with the activity and tally features. */
const SixOnesGuide = observer(() => (
  <Screen>
    <View className="six-ones">
      <Text className="six-ones__intro">
        到社区报到（双报到）的在职党员，每年在社区至少完成以下六件事。记录经社区书记审核通过后计入当年进度。
      </Text>
      {SIX_ONES.map((item, i) => (
        <View key={item.key} className="six-ones__item">
          <Text className="six-ones__index">{i + 1}</Text>
          <View className="six-ones__body">
            <Text className="six-ones__name">{item.name}</Text>
            <Text className="six-ones__how">{item.howDone}</Text>
          </View>
        </View>
      ))}
    </View>
  </Screen>
));

export default SixOnesGuide;
