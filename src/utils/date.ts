import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Dates and times as people in the county read them — one way, everywhere in the app. The
 * county's clock is Asia/Shanghai: UTC+8 all year (no daylight saving), set as a fixed offset
 * because WeChat's JS engines may lack time zones (`Intl`), whatever the device's zone.
 *
 * Near days by name (今天 19:00, 明天 09:00, 昨天 18:30), this year without the year (12月7日
 * 19:00), other years with it (2025年12月7日 19:00).
 */
const OFFSET_MINUTES = 8 * 60;
const SHANGHAI_OFFSET_MS = OFFSET_MINUTES * 60_000;
/** The same offset as an instant written on the county's clock carries it. */
const SHANGHAI_OFFSET = '+08:00';
const DAY_MS = 24 * 3600 * 1000;

/** An instant on the county's clock. */
export const shanghai = (at: string | number | Date): Dayjs => dayjs(at).utcOffset(OFFSET_MINUTES);

/** A county day and time of day (`2026-12-01`, `09:00`) as the instant the contract takes: `2026-12-01T09:00:00+08:00`. */
export const instantAt = (date: string, time: string): string => `${date}T${time}:00${SHANGHAI_OFFSET}`;

/** A calendar day `days` later (or earlier): `'2026-12-31', 1` → `'2027-01-01'`. */
export const addDays = (date: string, days: number): string => dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');

/** The county's calendar day number of an instant (days since 1970-01-01 there). */
const dayNumber = (t: number) => Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS);

/** Whole calendar days from `fromIso` to `now` in the county (0: the same day). */
export function calendarDays(fromIso: string, now = Date.now()): number {
  return dayNumber(now) - dayNumber(Date.parse(fromIso));
}

const NEAR: Record<number, string> = { [-1]: '昨天', 0: '今天', 1: '明天', 2: '后天' };

/** The day as people say it: 今天, 明天, 后天, 昨天, 12月7日, 2025年12月7日 ('' for no date). */
export function formatDay(iso: string | null | undefined, now = Date.now()): string {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return '';
  const near = NEAR[dayNumber(t) - dayNumber(now)];
  if (near) return near;
  const d = shanghai(t);
  return d.year() === shanghai(now).year() ? d.format('M月D日') : d.format('YYYY年M月D日');
}

/** The day and the time: 今天 19:00, 12月7日 19:00, 2025年12月7日 19:00 ('' for no date). */
export function formatTime(iso: string | null | undefined, now = Date.now()): string {
  const day = formatDay(iso, now);
  return day ? `${day} ${shanghai(Date.parse(iso!)).format('HH:mm')}` : '';
}

/** From–to: 今天 19:00–20:30 within a day, else both ends in full (12月7日 19:00 至 12月8日 08:00). */
export function timeRange(startIso: string, endIso: string, now = Date.now()): string {
  const start = formatTime(startIso, now);
  if (!start) return '';
  if (dayNumber(Date.parse(startIso)) === dayNumber(Date.parse(endIso)))
    return `${start}–${shanghai(Date.parse(endIso)).format('HH:mm')}`;
  return `${start} 至 ${formatTime(endIso, now)}`;
}

/** Today in the county as `YYYY-MM-DD` (what date pickers take and give). */
export function today(now = Date.now()): string {
  return shanghai(now).format('YYYY-MM-DD');
}

/** An instant's county day as `YYYY-MM-DD` (a date picker's value). */
export function dayValue(at: string | number): string {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(t) ? '' : shanghai(t).format('YYYY-MM-DD');
}

/** The county's quarter of an instant as a key (`2026Q4`, contract/quarters.ts). */
export function quarterNow(now = Date.now()): string {
  const d = shanghai(now);
  return `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;
}
