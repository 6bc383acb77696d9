import { Text, View } from '@tarojs/components';
import './index.scss';

/**
 * ‹ 上一季度 · 2026年三季度 · 下一季度 ›: never past the current quarter (no 下一季度 there), nor
 * before the first with figures (`canBack` false: no 上一季度). `unit` 半年 steps half years.
 */
export function QuarterStepper(props: {
  /** The quarter in words (2026年三季度); null while unknown (本季度). */
  label: string | null;
  atCurrent: boolean;
  canBack?: boolean;
  onPrev(): void;
  onNext(): void;
  /** What a step moves by: 季度 (default) or 半年. */
  unit?: '季度' | '半年';
}) {
  const { label, atCurrent, canBack = true, onPrev, onNext, unit = '季度' } = props;
  return (
    <View className="quarter-stepper">
      {canBack ? (
        <View className="quarter-stepper__step quarter-stepper__step--prev" onClick={onPrev}>
          <Text>‹ 上一{unit}</Text>
        </View>
      ) : (
        <View />
      )}
      <Text className="quarter-stepper__quarter txy-nowrap">
        {label ?? `本${unit}`}
        {label && atCurrent ? `（本${unit}）` : ''}
      </Text>
      {atCurrent ? (
        <View />
      ) : (
        <View className="quarter-stepper__step quarter-stepper__step--next" onClick={onNext}>
          <Text>下一{unit} ›</Text>
        </View>
      )}
    </View>
  );
}
