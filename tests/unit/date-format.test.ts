/** Dates and times as people read them, one way everywhere (src/utils/date.ts), on the county's clock. */
import {
  addDays,
  calendarDays,
  dayValue,
  formatDay,
  formatTime,
  instantAt,
  shanghai,
  timeRange,
  today,
} from '../../src/utils/date';
import { currentYear, isValidLocal, toShanghai } from '../../src/utils/activityTimes';

// Monday 2026-12-07 10:00 in the county (02:00 UTC).
const now = Date.parse('2026-12-07T02:00:00Z');
const local = (s: string) => new Date(`${s}+08:00`).toISOString();

test('near days by name, with the time', () => {
  expect(formatTime(local('2026-12-07T19:00:00'), now)).toBe('今天 19:00');
  expect(formatTime(local('2026-12-08T09:00:00'), now)).toBe('明天 09:00');
  expect(formatTime(local('2026-12-09T09:00:00'), now)).toBe('后天 09:00');
  expect(formatTime(local('2026-12-06T18:30:00'), now)).toBe('昨天 18:30');
});

test('this year without the year, other years with it', () => {
  expect(formatTime(local('2026-11-03T14:05:00'), now)).toBe('11月3日 14:05');
  expect(formatTime(local('2025-12-07T19:00:00'), now)).toBe('2025年12月7日 19:00');
  expect(formatDay(local('2024-11-04T10:00:00'), now)).toBe('2024年11月4日');
  expect(formatDay(local('2026-12-25T10:00:00'), now)).toBe('12月25日');
});

test('the county’s day, whatever the instant’s UTC day (00:30 local is the day before in UTC)', () => {
  expect(formatTime('2026-12-06T16:30:00.000Z', now)).toBe('今天 00:30');
  expect(calendarDays('2026-12-06T16:30:00.000Z', now)).toBe(0);
  expect(today(Date.parse('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
});

test('a range within a day shows the day once; across days both ends', () => {
  expect(timeRange(local('2026-12-07T19:00:00'), local('2026-12-07T20:30:00'), now)).toBe('今天 19:00–20:30');
  expect(timeRange(local('2026-12-20T19:00:00'), local('2026-12-21T08:00:00'), now)).toBe(
    '12月20日 19:00 至 12月21日 08:00',
  );
});

test('no date, or not a date: nothing', () => {
  expect(formatTime(null, now)).toBe('');
  expect(formatDay('not a date', now)).toBe('');
  expect(timeRange('', '', now)).toBe('');
});

test('a picked county day and time is the instant the contract takes, whatever the phone’s zone', () => {
  expect(instantAt('2026-12-01', '09:00')).toBe('2026-12-01T09:00:00+08:00');
  expect(toShanghai('2026-12-01T01:00:00.000Z')).toEqual({ date: '2026-12-01', time: '09:00' });
  // 23:30 UTC is already the next morning in the county.
  expect(toShanghai(Date.parse('2026-12-31T23:30:00Z'))).toEqual({ date: '2027-01-01', time: '07:30' });
  expect(dayValue('2026-12-06T16:30:00.000Z')).toBe('2026-12-07');
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  expect(isValidLocal('2026-02-30', '09:00')).toBe(false);
  expect(isValidLocal('2026-02-28', '24:00')).toBe(false);
  expect(isValidLocal('2026-02-28', '23:59')).toBe(true);
});

test('the county’s year turns at its midnight, not at UTC’s', () => {
  expect(currentYear(Date.parse('2026-12-31T15:59:00Z'))).toBe(2026);
  expect(currentYear(Date.parse('2026-12-31T16:30:00Z'))).toBe(2027);
  expect(shanghai(Date.parse('2026-03-31T16:30:00Z')).month() + 1).toBe(4);
});
