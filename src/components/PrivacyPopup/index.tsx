import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ROUTES } from '../../routes';
import { PRIVACY_AGREE_BUTTON_ID } from '../../services/privacy';
import { session } from '../../stores/session';
import './index.scss';

/**
 * Asks for consent to the privacy guide before any private data is asked for. 同意 records the
 * accepted version on the server; 拒绝 keeps browsing without private features for this launch.
 */
function agree() {
  session.answerPlatformPrivacy('agree');
  void session.acceptPrivacy();
}

export const PrivacyPopup = observer(() => (
  <Popup
    visible={session.privacyPromptVisible}
    position="center"
    round
    closeOnOverlayClick={false}
    onClose={session.declinePrivacy}
  >
    <View className="privacy-popup">
      <Text className="privacy-popup__title">用户隐私保护指引</Text>
      <Text className="privacy-popup__summary">
        为提交心愿、反映诉求和参加活动，同心圆需要使用您的姓名、手机号、住址、位置和照片。这些信息只给处理您事项的社区工作人员查看，对其他人一律打码显示。
      </Text>
      <Text className="privacy-popup__link" onClick={() => void Taro.navigateTo({ url: ROUTES.privacyGuide })}>
        阅读完整的《用户隐私保护指引》
      </Text>
      {session.consent.error ? <Text className="privacy-popup__error">{session.consent.error.message}</Text> : null}
      <View className="privacy-popup__actions">
        <Button className="privacy-popup__button" onClick={session.declinePrivacy}>
          拒绝
        </Button>
        <Button
          className="privacy-popup__button"
          type="primary"
          id={PRIVACY_AGREE_BUTTON_ID}
          openType="agreePrivacyAuthorization"
          loading={session.consent.busy}
          onClick={agree}
        >
          同意
        </Button>
      </View>
    </View>
  </Popup>
));
