/** Dates as shown in the county (Asia/Shanghai, UTC+8, no daylight saving), whatever the device zone. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** `2026-11-03T01:00:00.000Z` → `2026-11-03`. */
export function formatDay(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Shanghai as `YYYY-MM-DD` (the latest a date picker for past events allows). */
export function today(now = Date.now()): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
