import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';
import './index.scss';

/**
 * A static picture of a blank sheet (lines on paper, a pale red sheet behind), drawn in CSS: it
 * reads as "nothing here", never as loading, and needs no image from a third-party CDN.
 */
const Sheet = () => (
  <View className="empty-state__sheet">
    <View className="empty-state__paper empty-state__paper--back" />
    <View className="empty-state__paper">
      <View className="empty-state__line empty-state__line--accent" />
      <View className="empty-state__line" />
      <View className="empty-state__line empty-state__line--short" />
    </View>
  </View>
);

/**
 * What is empty (`title`) and what to do or what will appear here, and when (`description`),
 * on NutUI's Empty.
 */
export function EmptyState({ title, description }: { title: string; description: string }) {
  return <Empty className="empty-state" image={<Sheet />} title={title} description={description} />;
}
