/** The order of every staff queue (server/complaints/rules.ts urgentFirst): overdue, 紧急, the nearest deadline, then none. */
import { urgentFirst } from '../../server/complaints/rules';

const now = new Date('2026-12-07T02:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
interface Item {
  name: string;
  due: Date | null;
  urgent: boolean;
  since: Date;
}
const item = (name: string, due: number | null, urgent = false, since = -600): Item => ({
  name,
  due: due === null ? null : at(due),
  urgent,
  since: at(since),
});
const order = (items: Item[]) => [...items].sort(urgentFirst((x) => x, now)).map((x) => x.name);

test('a 紧急 case due in 30 minutes comes before normal ones due later, after those already overdue', () => {
  expect(
    order([
      item('normal in 2 days', 2 * 24 * 60),
      item('normal in 3 hours', 180),
      item('urgent in 30 minutes', 30, true),
      item('overdue by 10 minutes', -10),
      item('overdue by an hour', -60),
      item('no deadline, waiting long', null, false, -5000),
      item('no deadline, urgent', null, true),
    ]),
  ).toEqual([
    'overdue by an hour',
    'overdue by 10 minutes',
    'urgent in 30 minutes',
    'no deadline, urgent',
    'normal in 3 hours',
    'normal in 2 days',
    'no deadline, waiting long',
  ]);
});

test('equal deadlines: the longest waiting first', () => {
  expect(order([item('new', 60, false, -1), item('old', 60, false, -100)])).toEqual(['old', 'new']);
});
