import { Text } from '@tarojs/components';
import './index.scss';

/** The loading line every page shows while its data is on the way. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return <Text className="loading-line">{text}</Text>;
}
