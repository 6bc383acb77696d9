/** When a scheduled job is due (server/platform/jobRuns.ts): the latest slot at or before now, in the county's time. */
import { latestSlot } from '../../server/platform/jobRuns';

// 2026-12-07 10:17:42 in Asia/Shanghai (02:17:42 UTC).
const now = new Date('2026-12-07T02:17:42Z');
const iso = (d: Date) => d.toISOString();

test('every 5 minutes: the last multiple of 5 minutes, seconds dropped', () => {
  expect(iso(latestSlot({ everyMinutes: 5 }, now))).toBe('2026-12-07T02:15:00.000Z');
  expect(iso(latestSlot({ everyMinutes: 5 }, new Date('2026-12-07T02:15:00Z')))).toBe('2026-12-07T02:15:00.000Z');
});

test('hourly at :00 and at :30: this hour once passed, else the hour before', () => {
  expect(iso(latestSlot({ hourlyAt: 0 }, now))).toBe('2026-12-07T02:00:00.000Z');
  expect(iso(latestSlot({ hourlyAt: 30 }, now))).toBe('2026-12-07T01:30:00.000Z');
});

test('daily at a local time: today once passed, else yesterday (local days, not UTC days)', () => {
  // 03:40 local = 19:40 UTC the day before.
  expect(iso(latestSlot({ dailyAt: '03:40' }, now))).toBe('2026-12-06T19:40:00.000Z');
  // 18:00 local has not come yet today: yesterday's.
  expect(iso(latestSlot({ dailyAt: '18:00' }, now))).toBe('2026-12-06T10:00:00.000Z');
  // Just after local midnight (16:05 UTC), 09:00 is yesterday's local 09:00.
  expect(iso(latestSlot({ dailyAt: '09:00' }, new Date('2026-12-07T16:05:00Z')))).toBe('2026-12-07T01:00:00.000Z');
});
