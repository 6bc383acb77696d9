import Taro, { useReady } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect, useState, type PropsWithChildren } from 'react';
import { session } from '../../stores/session';
import './index.scss';

/** h5: Taro's title bar and tab bar sit outside the page root; app.scss sizes them from this body class. */
export const LARGE_BODY_CLASS = 'txy-large';

/**
 * The root of every page: carries the large-text class that scales all text below it (适老化,
 * docs/architecture.md), in weapp at WeChat's own body size when that is larger (`rootFontPx`).
 */
export const Screen = observer(({ children }: PropsWithChildren) => {
  const large = session.largeText;
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.body.classList.toggle(LARGE_BODY_CLASS, large);
  }, [large]);
  const rootPx = session.rootFontPx;
  return (
    <View
      className={large ? 'txy-screen txy-screen--large' : 'txy-screen'}
      style={rootPx === null ? undefined : { fontSize: `${rootPx}px` }}
    >
      {children}
    </View>
  );
});

/**
 * A title that depends on how the page was opened (网格诉求 or 社区诉求, 编辑活动): set once the
 * page is ready, and again when it changes. Set earlier (in onLoad), h5's title bar writes the
 * page config's title over it when it shows the page; null keeps the config's title.
 */
export function usePageTitle(title: string | null): void {
  const [ready, setReady] = useState(false);
  useReady(() => setReady(true));
  useEffect(() => {
    if (ready && title) void Taro.setNavigationBarTitle({ title });
  }, [ready, title]);
}
