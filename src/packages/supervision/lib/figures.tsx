import { Text } from '@tarojs/components';
import type { SupervisionCell } from '../../../../contract/functions/supervision';
import { bandText, type Band, type IndicatorDirection, type IndicatorUnit } from '../../../../contract/supervision';
import { formatTime } from '../../../utils/date';
import './figures.scss';

/** A figure with its unit: 82.5%, 3.2小时, 无数据. */
export function figureText(value: number | null, unit: IndicatorUnit): string {
  return value === null ? '无数据' : `${value}${unit}`;
}

/** 先进（红） as a tag: the words always, the colour beside them. */
export function BandTag({ band }: { band: Band }) {
  return <Text className={`sv-band sv-band--${band}`}>{bandText(band)}</Text>;
}

/**
 * The change since the previous quarter: ↑1.2 / ↓3 / 持平; nothing without a previous figure. For
 * an indicator where less is better a fall is the good direction (class `--better`).
 */
export function Change({
  value,
  unit,
  better,
}: {
  value: number | null;
  unit?: IndicatorUnit;
  better?: IndicatorDirection;
}) {
  if (value === null) return null;
  if (value === 0) return <Text className="sv-change sv-change--flat">持平</Text>;
  const up = value > 0;
  const good = better === 'range' ? null : better === 'lower' ? !up : up;
  const shown = `${up ? '↑' : '↓'}${Math.abs(value)}${unit && unit !== '%' ? unit : ''}`;
  return (
    <Text
      className={`sv-change sv-change--${up ? 'up' : 'down'}${good === null ? '' : good ? ' sv-change--better' : ' sv-change--worse'}`}
    >
      {shown}
    </Text>
  );
}

/** 数据更新于 今天 19:05 (the last refresh of the open quarter). */
export function asOfText(asOf: string | null): string {
  return asOf ? `数据更新于 ${formatTime(asOf)}` : '数据每 5 分钟更新';
}

/** A cell's points: 7.5/10分; 不计分 without a figure. */
export function pointsText(cell: Pick<SupervisionCell, 'score' | 'weight'>): string {
  return cell.score === null ? '不计分' : `${cell.score}/${cell.weight}分`;
}
