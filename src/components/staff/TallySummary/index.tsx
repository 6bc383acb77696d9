import { Text, View } from '@tarojs/components';
import type { TallyView } from '../../../../contract';
import { SIX_ONES_ITEMS, SIX_ONES_LABELS, SIX_ONES_SHORT } from '../../../../contract/sixOnes';
import { percent } from '../../../utils/percent';
import './index.scss';

/**
 * One scope's 六个一 for a year (sixOnes.tally): members reported, all six done, each item's
 * count with a bar of its share of the reported members, volunteer hours.
 */
export function TallySummary({ tally }: { tally: TallyView }) {
  const { reported, complete, itemsDone, volunteerHours } = tally;
  return (
    <View className="staff-tally">
      <View className="staff-tally__numbers">
        <View className="staff-tally__number staff-tally__number--reported">
          <Text className="staff-tally__value">{reported}</Text>
          <Text className="staff-tally__label">已报到党员</Text>
        </View>
        <View className="staff-tally__number staff-tally__number--complete">
          <Text className="staff-tally__value">{complete}</Text>
          <Text className="staff-tally__label">全部完成（{percent(complete, reported)}%）</Text>
        </View>
        <View className="staff-tally__number staff-tally__number--hours">
          <Text className="staff-tally__value">{volunteerHours}</Text>
          <Text className="staff-tally__label">志愿服务小时</Text>
        </View>
      </View>
      <View className="staff-tally__items">
        {SIX_ONES_ITEMS.map((item) => {
          const done = itemsDone[item];
          const share = percent(done, reported);
          return (
            <View key={item} className={`staff-tally__item staff-tally__item--${item}`}>
              <View className="staff-tally__item-head">
                <Text className="staff-tally__item-name">{SIX_ONES_SHORT[item]}</Text>
                <Text className="staff-tally__item-count">
                  {done} 人 · {share}%
                </Text>
              </View>
              <View className="staff-tally__bar">
                <View className="staff-tally__bar-fill" style={{ width: `${Math.min(100, share)}%` }} />
              </View>
              <Text className="staff-tally__item-hint">{SIX_ONES_LABELS[item]}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
