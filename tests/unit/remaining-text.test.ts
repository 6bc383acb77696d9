/** A case's time left (src/components/case/labels.ts): to the nearest minute, never a whole unit short. */
import { remainingText } from '../../src/components/case/labels';

const now = Date.parse('2026-12-07T02:00:00Z');
const due = (ms: number) => new Date(now + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

test('2 hours less a second is 剩余 2 小时, not 1', () => {
  expect(remainingText(due(2 * HOUR - 1000), false, now)).toBe('剩余 2 小时');
});

test('hours and minutes under two days; minutes under an hour; days and hours beyond', () => {
  expect(remainingText(due(90 * MIN), false, now)).toBe('剩余 1 小时 30 分钟');
  expect(remainingText(due(25 * MIN), false, now)).toBe('剩余 25 分钟');
  expect(remainingText(due(20 * 1000), false, now)).toBe('剩余 1 分钟');
  expect(remainingText(due(30 * HOUR), false, now)).toBe('剩余 30 小时');
  expect(remainingText(due(3 * 24 * HOUR + 5 * HOUR + 10 * MIN), false, now)).toBe('剩余 3 天 5 小时');
  expect(remainingText(due(4 * 24 * HOUR), false, now)).toBe('剩余 4 天');
});

test('past, or marked overdue: 已超期; no deadline: nothing', () => {
  expect(remainingText(due(-MIN), false, now)).toBe('已超期');
  expect(remainingText(due(HOUR), true, now)).toBe('已超期');
  expect(remainingText(null, false, now)).toBe('');
});
