import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { Screen } from '../../../../components/Screen';
import { openPlatformPrivacyContract, PRIVACY_VERSION } from '../../../../services/privacy';
import { session } from '../../../../stores/session';
import { GUIDE_INTRO, GUIDE_SECTIONS } from './guide';
import './index.scss';

const PrivacyGuide = observer(() => (
  <Screen>
    <View className="guide">
      <Text className="guide__title">同心圆用户隐私保护指引</Text>
      <Text className="guide__version">版本 {PRIVACY_VERSION}</Text>
      <Text className="guide__paragraph">{GUIDE_INTRO}</Text>
      {GUIDE_SECTIONS.map((section) => (
        <View key={section.heading} className="guide__section">
          <Text className="guide__heading">{section.heading}</Text>
          {section.paragraphs.map((p) => (
            <Text key={p} className="guide__paragraph">
              {p}
            </Text>
          ))}
        </View>
      ))}
      {session.me && !session.privacyAccepted ? (
        <Button type="primary" block loading={session.consent.busy} onClick={() => void session.acceptPrivacy()}>
          我已阅读并同意
        </Button>
      ) : null}
      {process.env.TARO_ENV === 'weapp' ? (
        <Text className="guide__platform" onClick={() => openPlatformPrivacyContract()}>
          查看微信平台登记的隐私保护指引
        </Text>
      ) : null}
    </View>
  </Screen>
));

export default PrivacyGuide;
