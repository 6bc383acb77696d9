import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are stored as UTC Dates and shown in the county's zone. */
export const TZ = 'Asia/Shanghai';

export const local = (at: Date) => dayjs(at).tz(TZ);

/** A stored time as the contract sends it (ISO 8601, UTC); null stays null. */
export const toIso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function formatLocal(at: Date): string {
  return local(at).format('YYYY-MM-DD HH:mm');
}

/** The calendar year in Asia/Shanghai (六个一 years run by the local calendar). */
export function localYear(at: Date): number {
  return local(at).year();
}

/** Whether `HH:mm-HH:mm` (local time) includes the instant `at`; a range past midnight wraps. */
export function isOpenAt(hours: string, at: Date): boolean {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours);
  if (!m) return false;
  const t = local(at);
  const minute = t.hour() * 60 + t.minute();
  const open = Number(m[1]) * 60 + Number(m[2]);
  const close = Number(m[3]) * 60 + Number(m[4]);
  return open <= close ? minute >= open && minute < close : minute >= open || minute < close;
}
