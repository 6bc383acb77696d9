/** Times as shown in the county (Asia/Shanghai, UTC+8), whatever the device's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** `2026-11-03T06:05:00.000Z` → `2026-11-03 14:05`. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
