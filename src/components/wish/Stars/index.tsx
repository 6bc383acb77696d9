import { Text, View } from '@tarojs/components';
import './index.scss';

export const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** A 1–5 rating as five large stars (0: none chosen yet); with `onChange` a tap on the n-th star gives n. */
export function Stars({ value, onChange }: { value: number; onChange?: (stars: number) => void }) {
  return (
    <View className={`wish-stars${onChange ? ' wish-stars--input' : ''}`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          className={`wish-stars__star wish-stars__star--${n}${n <= value ? ' wish-stars__star--on' : ''}`}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </Text>
      ))}
      <Text className="wish-stars__words">
        {value >= 1 ? `${value} 星 · ${STAR_WORDS[value] ?? ''}` : onChange ? '请点星评价' : '未评价'}
      </Text>
    </View>
  );
}
