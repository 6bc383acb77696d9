/** A rate (a share to four decimals, 0.8333) in percent to one decimal: 83.3 — as 诉求指标 shows it. */
export const ratePercent = (rate: number): number => Math.round(rate * 1000) / 10;

/** 0.8333 → 83.3%. */
export const percentText = (rate: number): string => `${ratePercent(rate)}%`;
