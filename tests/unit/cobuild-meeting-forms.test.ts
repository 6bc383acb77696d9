/** The co-building meeting forms' own logic (src/stores/cobuild): what they refuse before sending, and in what order lists show. */
import type { DecisionView } from '../../contract';
import { overdueFirst } from '../../src/stores/cobuild/decisions';
import { meetingCall } from '../../src/stores/cobuild/meetingCall';
import { monthDays } from '../../src/utils/activityTimes';

jest.mock('../../src/services/cloud', () => ({ call: jest.fn() }));

const NOW = Date.parse('2026-12-07T10:00:00+08:00');

test("a chair month's days: December runs into no next year, February knows leap years", () => {
  expect(monthDays({ year: 2026, month: 12 })).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  expect(monthDays({ year: 2028, month: 2 })).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  expect(monthDays({ year: 2027, month: 2 }).last).toBe('2027-02-28');
});

describe('召集联席会议', () => {
  beforeEach(() => meetingCall.openNew(NOW));

  it('starts a week ahead at 09:00 with topics until 18:00 three days before, and follows the day until the window is set', () => {
    expect([meetingCall.date, meetingCall.time, meetingCall.topicsDate, meetingCall.topicsTime]).toEqual([
      '2026-12-14',
      '09:00',
      '2026-12-11',
      '18:00',
    ]);
    meetingCall.setDate('2026-12-20');
    expect(meetingCall.topicsDate).toBe('2026-12-17');
    meetingCall.setTopicsDate('2026-12-15');
    meetingCall.setDate('2026-12-22');
    expect(meetingCall.topicsDate).toBe('2026-12-15');
  });

  it('refuses a meeting in the past, a window closing after the start or already closed, and no place', () => {
    meetingCall.setDate('2026-12-06');
    expect(meetingCall.check(NOW).errors).toMatchObject({ start: '会议时间须在将来', place: '请填写会议地点' });

    meetingCall.openNew(NOW);
    meetingCall.setPlace('三楼会议室');
    meetingCall.setTopicsDate('2026-12-14');
    meetingCall.setTopicsTime('10:00');
    expect(meetingCall.check(NOW).errors).toEqual({ topicsBy: '议题征集须在会议开始前截止' });
    meetingCall.setTopicsDate('2026-12-07');
    meetingCall.setTopicsTime('09:00');
    expect(meetingCall.check(NOW).errors).toEqual({ topicsBy: '议题征集截止须在将来' });
  });

  it('sends the instants on the county clock, the subject only when given', () => {
    meetingCall.setPlace(' 三楼会议室 ');
    expect(meetingCall.check(NOW)).toEqual({
      errors: {},
      input: { startAt: '2026-12-14T09:00:00+08:00', place: '三楼会议室', topicsBy: '2026-12-11T18:00:00+08:00' },
    });
    meetingCall.setSubject('冬季联席会议');
    expect(meetingCall.check(NOW).input).toMatchObject({ subject: '冬季联席会议' });
  });
});

test('议定事项: overdue ones first, then the soonest due', () => {
  const d = (id: string, dueAt: string, overdue: boolean) => ({ id, dueAt, overdue }) as DecisionView;
  const sorted = overdueFirst([
    d('a', '2026-12-20', false),
    d('b', '2026-12-01', true),
    d('c', '2026-12-10', false),
    d('e', '2026-11-20', true),
  ]);
  expect(sorted.map((x) => x.id)).toEqual(['e', 'b', 'c', 'a']);
});
