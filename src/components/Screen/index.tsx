import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { PropsWithChildren } from 'react';
import { session } from '../../stores/session';
import './index.scss';

/** The root of every page: carries the large-text class that scales all text below it. */
export const Screen = observer(({ children }: PropsWithChildren) => (
  <View className={session.largeText ? 'txy-screen txy-screen--large' : 'txy-screen'}>{children}</View>
));
