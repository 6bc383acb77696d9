/**
 * An activity's times as the secretary picks them (a day and hours and minutes in Asia/Shanghai,
 * UTC+8, no daylight saving) and as the contract takes them: instants with their offset,
 * `2026-12-01T09:00:00+08:00` — the same whatever zone the phone is set to.
 */
import { addDays, instantAt, shanghai } from './date';

export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
}

/** `2026-12-01T01:00:00.000Z` → `{ date: '2026-12-01', time: '09:00' }`. */
export function toShanghai(iso: string | number): LocalTime {
  const t = shanghai(typeof iso === 'number' ? iso : Date.parse(iso));
  return { date: t.format('YYYY-MM-DD'), time: t.format('HH:mm') };
}

/** `('2026-12-01', '09:00')` → `2026-12-01T09:00:00+08:00`. */
export const fromShanghai = instantAt;

/** Whether a picked day and time make a real instant (a picker always gives one; a typed value may not). */
export function isValidLocal(date: string, time: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return false;
  const t = Date.parse(fromShanghai(date, time));
  return !Number.isNaN(t) && toShanghai(t).date === date;
}

/** `12月1日 09:00–11:00`, or with both days when it runs past midnight. */
export function formatSpan(startIso: string, endIso: string): string {
  const start = toShanghai(startIso);
  const end = toShanghai(endIso);
  const day = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  const year = start.date.slice(0, 4) === toShanghai(Date.now()).date.slice(0, 4) ? '' : `${start.date.slice(0, 4)}年`;
  return start.date === end.date
    ? `${year}${day(start.date)} ${start.time}–${end.time}`
    : `${year}${day(start.date)} ${start.time} – ${day(end.date)} ${end.time}`;
}

/** The current year in Shanghai (the year tallies count by). */
export function currentYear(now = Date.now()): number {
  return Number(toShanghai(now).date.slice(0, 4));
}

/** A month's first and last day as `YYYY-MM-DD` (a 轮值主席 month: its activity starts within it). */
export function monthDays({ year, month }: { year: number; month: number }): { first: string; last: string } {
  const mm = String(month).padStart(2, '0');
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { first: `${year}-${mm}-01`, last: addDays(next, -1) };
}
