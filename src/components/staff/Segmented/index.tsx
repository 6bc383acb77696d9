import { Text, View } from '@tarojs/components';
import './index.scss';

interface Option<K extends string> {
  key: K;
  label: string;
}

/** Tabs as large buttons in a row (wrapping when many): 待审核 / 已通过 / 已驳回 … */
export function Segmented<K extends string>({
  options,
  value,
  onChange,
}: {
  options: ReadonlyArray<Option<K>>;
  value: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className="staff-segmented">
      {options.map((o) => (
        <View
          key={o.key}
          className={`staff-segmented__item staff-segmented__item--${o.key}${o.key === value ? ' staff-segmented__item--active' : ''}`}
          onClick={() => onChange(o.key)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
