/** A rate (a share to four decimals, 0.8333) in percent to one decimal: 83.3 — as 诉求指标 shows it. */
export const ratePercent = (rate: number): number => Math.round(rate * 1000) / 10;

/** 0.8333 → 83.3%. */
export const percentText = (rate: number): string => `${ratePercent(rate)}%`;

/** `part` of `whole` as a whole percentage (六个一's shares); 0 of nobody is 0 %. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
