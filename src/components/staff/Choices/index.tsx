import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Choice {
  value: string;
  label: string;
}

/**
 * A choice among a few options as large chips: one (`selected` a string) or several
 * (`selected` a list). `name` marks each chip's class for tests (`staff-choice--<name>-<value>`, or
 * the option's position when the value is not an id).
 */
export function Choices({
  name,
  options,
  selected,
  onPick,
  disabled,
}: {
  name: string;
  options: readonly Choice[];
  selected: string | readonly string[] | null;
  onPick: (value: string) => void;
  disabled?: boolean;
}) {
  const isOn = (v: string) => (Array.isArray(selected) ? selected.includes(v) : selected === v);
  // Ids make class names as they are; other values (Chinese words) go by their position.
  const mark = (v: string, i: number) => (/^[A-Za-z0-9_-]+$/.test(v) ? v : String(i));
  return (
    <View className="staff-choices">
      {options.map((o, i) => (
        <View
          key={o.value}
          className={`staff-choice staff-choice--${name}-${mark(o.value, i)}${isOn(o.value) ? ' staff-choice--on' : ''}${disabled ? ' staff-choice--disabled' : ''}`}
          onClick={disabled ? undefined : () => onPick(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
