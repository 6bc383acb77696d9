import './stores/configure';
import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { ROUTES } from './routes';
import { getDemoOpenid } from './services/demoIdentity';
import { onPlatformPrivacyRequest } from './services/privacy';
import { initCloud } from './services/transport';
import { session } from './stores/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud();
    onPlatformPrivacyRequest(session.requestPlatformPrivacy);
    // h5 demo: without a chosen demo identity there is nobody to be; pick one first.
    if (process.env.TARO_ENV === 'h5' && !getDemoOpenid()) {
      void Taro.reLaunch({ url: ROUTES.demoPicker });
      return;
    }
    void session.load();
  });

  return children;
}

export default App;
