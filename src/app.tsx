import './stores/configure';
import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { ROUTES } from './routes';
import { getDemoOpenid } from './services/demoIdentity';
import { onPlatformPrivacyRequest } from './services/privacy';
import { initCloud } from './services/transport';
import { messages } from './stores/messages';
import { session } from './stores/session';
import './app.scss';

// h5 demo: without a chosen demo identity there is nobody to be, so the app opens on the picker.
// Set before the router starts (a reLaunch from onLaunch races the first page's mount).
const pickDemoIdentityFirst = process.env.TARO_ENV === 'h5' && !getDemoOpenid();
if (process.env.TARO_ENV === 'h5' && pickDemoIdentityFirst) window.location.hash = `#${ROUTES.demoPicker}`;

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud();
    onPlatformPrivacyRequest(session.requestPlatformPrivacy);
    // The unread count on 我的 once the user is known (each tab page's show refreshes it).
    if (!pickDemoIdentityFirst) void session.load().then(messages.refreshUnread);
  });

  return children;
}

export default App;
