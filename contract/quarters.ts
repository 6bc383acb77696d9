/**
 * Quarters as keys: `2026Q3` (the format 红色物业's ratings store, server/cobuild/propertyRatings.ts
 * `quarterOf`) — sortable as text for four-digit years. Zod-free: src/ imports it.
 */
export const QUARTER_KEY = /^(\d{4})Q([1-4])$/;
export const QUARTER_KEY_MESSAGE = '季度格式应为 2026Q3';

export interface Quarter {
  year: number;
  /** 1–4. */
  index: number;
}

export const QUARTER_WORDS = ['', '一季度', '二季度', '三季度', '四季度'] as const;

export const quarterKey = (year: number, index: number): string => `${year}Q${index}`;

/** `2026Q3` → { year: 2026, index: 3 }; null for anything else. */
export function parseQuarter(key: string): Quarter | null {
  const m = QUARTER_KEY.exec(key);
  return m ? { year: Number(m[1]), index: Number(m[2]) } : null;
}

/** `2026Q3` → 2026年三季度 (a key it cannot read is returned as it is). */
export function quarterWords(key: string): string {
  const q = parseQuarter(key);
  return q ? `${q.year}年${QUARTER_WORDS[q.index]}` : key;
}

/** The quarter before: 2026Q1 → 2025Q4. */
export function previousQuarter(key: string): string {
  const q = parseQuarter(key);
  if (!q) throw new Error(`not a quarter key: ${key}`);
  return q.index === 1 ? quarterKey(q.year - 1, 4) : quarterKey(q.year, q.index - 1);
}

/** The quarter after: 2026Q4 → 2027Q1. */
export function nextQuarter(key: string): string {
  const q = parseQuarter(key);
  if (!q) throw new Error(`not a quarter key: ${key}`);
  return q.index === 4 ? quarterKey(q.year + 1, 1) : quarterKey(q.year, q.index + 1);
}

/** A half year's two quarters: 上半年 (1) is Q1 and Q2, 下半年 (2) Q3 and Q4. */
export const halfQuarters = (year: number, half: 1 | 2): [string, string] =>
  half === 1 ? [quarterKey(year, 1), quarterKey(year, 2)] : [quarterKey(year, 3), quarterKey(year, 4)];

/** The half year a quarter is in: 2026Q3 → { year: 2026, half: 2 } (a key it cannot read: null). */
export function halfOf(key: string): { year: number; half: 1 | 2 } | null {
  const q = parseQuarter(key);
  return q ? { year: q.year, half: q.index <= 2 ? 1 : 2 } : null;
}

/** 2026年上半年. */
export const halfWords = (year: number, half: 1 | 2): string => `${year}年${half === 1 ? '上' : '下'}半年`;
