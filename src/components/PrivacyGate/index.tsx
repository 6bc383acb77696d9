import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import type { PropsWithChildren } from 'react';
import { ROUTES } from '../../routes';
import { session } from '../../stores/session';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { Prompt } from '../Prompt';

/**
 * Renders its children (a form asking for personal data) only once the privacy guide is
 * accepted; before that, says why and reopens the consent popup. Pages render <PrivacyPopup />.
 */
export const PrivacyGate = observer(({ children }: PropsWithChildren) => {
  if (session.error && !session.me) return <ErrorNotice error={session.error} onRetry={session.load} />;
  if (!session.me) return <Loading />;
  if (session.privacyAccepted) return <>{children}</>;
  return (
    <Prompt
      name="privacy"
      title="请先同意隐私保护指引"
      description="填写姓名、手机号和住址前，请先阅读并同意《用户隐私保护指引》。我们只把这些信息用于办理您的事项。"
      action={session.privacyDeclined ? '阅读并同意' : '查看指引全文'}
      onAction={() =>
        session.privacyDeclined ? session.reopenPrivacy() : void Taro.navigateTo({ url: ROUTES.privacyGuide })
      }
    />
  );
});
