import { Text, View } from '@tarojs/components';
import './index.scss';

interface Tab<K extends string> {
  key: K;
  label: string;
}

/** Two or three large tabs across the top (近期活动 / 往期活动); `six-ones-tabs__tab--<key>`. */
export function Tabs<K extends string>({
  tabs,
  value,
  onChange,
}: {
  tabs: ReadonlyArray<Tab<K>>;
  value: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className="six-ones-tabs">
      {tabs.map((t) => (
        <View
          key={t.key}
          className={`six-ones-tabs__tab six-ones-tabs__tab--${t.key}${t.key === value ? ' six-ones-tabs__tab--on' : ''}`}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
