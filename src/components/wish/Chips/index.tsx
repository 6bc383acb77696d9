import { Text, View } from '@tarojs/components';
import './index.scss';

export interface Chip {
  /** Names the chip in class names (`wish-chips__chip--<key>`): ASCII. */
  key: string;
  label: string;
}

/** One choice among a few, as large chips in a wrapping row (category filter, sort, category of a new wish). */
export function Chips({
  name,
  chips,
  value,
  onPick,
}: {
  name: string;
  chips: readonly Chip[];
  value: string | null;
  onPick: (key: string) => void;
}) {
  return (
    <View className={`wish-chips wish-chips--${name}`}>
      {chips.map((chip) => (
        <View
          key={chip.key}
          className={`wish-chips__chip wish-chips__chip--${chip.key}${chip.key === value ? ' wish-chips__chip--on' : ''}`}
          onClick={() => onPick(chip.key)}
        >
          <Text>{chip.label}</Text>
        </View>
      ))}
    </View>
  );
}
