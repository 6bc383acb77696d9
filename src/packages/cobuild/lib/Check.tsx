import { Text, View } from '@tarojs/components';

/** One item of a several-choice list as a large row with a ✓ (the state in a sign, not in colour alone). */
export function Check(props: { id: string; on: boolean; title: string; hint?: string; onTap(): void }) {
  const { id, on, title, hint, onTap } = props;
  return (
    <View id={id} className={`cobuild__check${on ? ' cobuild__check--on' : ''}`} onClick={onTap}>
      <Text className="cobuild__check-box">{on ? '✓' : '○'}</Text>
      <View className="cobuild__check-text">
        <Text>{title}</Text>
        {hint ? <Text className="cobuild__muted">{hint}</Text> : null}
      </View>
    </View>
  );
}
