import { Text, View } from '@tarojs/components';
import './index.scss';

/** Above a long form opened on a kept draft (utils/drafts.ts): it says so, and 清空 starts afresh. */
export function DraftNote({ name, onClear }: { name: string; onClear: () => void }) {
  return (
    <View className={`draft-note draft-note--${name}`}>
      <Text className="draft-note__text">已恢复您上次未提交的内容</Text>
      <Text className="draft-note__clear" onClick={onClear}>
        清空
      </Text>
    </View>
  );
}
