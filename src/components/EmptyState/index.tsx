import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';
import './index.scss';

/** NutUI Empty with a local mark instead of its default image hosted on a third-party CDN. */
export function EmptyState({ title, description }: { title: string; description?: string }) {
  return (
    <Empty
      className="empty-state"
      image={<View className="empty-state__mark" />}
      title={title}
      description={description}
    />
  );
}
