/**
 * Staff queues in the order of urgency (server/complaints/rules.ts urgentFirst): the department's
 * inbox, the community's and the grid's queues each list overdue first, then 紧急, then the
 * nearest deadline. A 紧急 whistle due in 30 minutes is first among those not yet overdue.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { clockNow, people, type People } from '../helpers/people';

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

/** Each item's rank key as the queue shows it: overdue, urgent, due. */
function inOrder(items: Array<{ overdue: boolean; urgency: string; due: string | null }>): boolean {
  const due = (d: string | null) => (d === null ? Infinity : Date.parse(d));
  return items.every((b, i) => {
    if (i === 0) return true;
    const a = items[i - 1];
    if (a.overdue !== b.overdue) return a.overdue;
    if (a.overdue) return true; // among overdue: the longest overdue first (checked by the unit test)
    if ((a.urgency === 'urgent') !== (b.urgency === 'urgent')) return a.urgency === 'urgent';
    return due(a.due) <= due(b.due);
  });
}

test('吹哨报到: a 紧急 whistle to report in within 30 minutes is first among those not overdue', async () => {
  const now = await clockNow(t);
  const open = t.cloud.store.find('deptTasks', { query: { departmentId: 'd01', status: 'open' } }) as any[];
  expect(open.length).toBeGreaterThan(1);
  const pick = open[open.length - 1];
  t.cloud.store.update(
    'deptTasks',
    { _id: pick._id },
    {
      $set: {
        'summary.urgency': 'urgent',
        reportedAt: null,
        reportBy: new Date(now.getTime() + 30 * 60_000),
        deadline: new Date(now.getTime() + 3 * 86_400_000),
      },
    },
    { multi: false, merge: true, upsert: false },
  );
  const inbox = await p.allPages('complaint', 'deptInbox', { status: 'open' }, 'demo-department');
  const firstCalm = inbox.find((x) => !x.overdue);
  expect(firstCalm.caseId).toBe(pick.caseId);
  expect(
    inOrder(
      inbox.map((x) => ({ overdue: x.overdue, urgency: x.urgency, due: x.reportedAt ? x.deadline : x.reportBy })),
    ),
  ).toBe(true);
});

test('社区诉求 and 网格诉求 list overdue, then 紧急, then by deadline', async () => {
  const community = await p.allPages('complaint', 'communityQueue', { filter: 'all' }, 'demo-secretary');
  expect(community.length).toBeGreaterThan(1);
  // The deadline staff work to (none while a case waits for the resident's rating).
  const staffDue = (c: any) =>
    (t.cloud.store.find('cases', { query: { _id: c.id } })[0] as any).dueKind === 'rate' ? null : c.dueAt;
  expect(inOrder(community.map((c) => ({ overdue: c.overdue, urgency: c.urgency, due: staffDue(c) })))).toBe(true);
  const grid = await p.allPages('complaint', 'gridQueue', {}, 'demo-grid-worker');
  expect(grid.length).toBeGreaterThan(1);
  expect(inOrder(grid.map((c) => ({ overdue: c.overdue, urgency: c.urgency, due: staffDue(c) })))).toBe(true);
});

describe('待办 / 已办 and search', () => {
  const stored = (id: string) => t.cloud.store.find('cases', { query: { _id: id } })[0] as any;

  test("网格诉求 已办: the grids' cases no longer waiting on the grid, latest moved first; none of 待办 in it", async () => {
    const todo = await p.allPages('complaint', 'gridQueue', {}, 'demo-grid-worker');
    const done = await p.allPages('complaint', 'gridQueue', { tab: 'done' }, 'demo-grid-worker');
    expect(done.length).toBeGreaterThan(0);
    const todoIds = new Set(todo.map((c: any) => c.id));
    expect(done.some((c: any) => todoIds.has(c.id))).toBe(false);
    const docs = done.map((c: any) => stored(c.id));
    expect(docs.every((d: any) => d.gridId === 'c01-g01' || d.gridId?.startsWith('c01-'))).toBe(true);
    expect(docs.every((d: any) => !String(d.queue ?? '').startsWith('grid:'))).toBe(true);
    const moved = docs.map((d: any) => new Date(d.updatedAt).getTime());
    expect([...moved].sort((a, b) => b - a)).toEqual(moved);
  });

  test('社区诉求 已办 holds what needs nothing of the community now; 待办 what does', async () => {
    const todo = await p.allPages('complaint', 'communityQueue', {}, 'demo-secretary');
    const done = await p.allPages('complaint', 'communityQueue', { tab: 'done' }, 'demo-secretary');
    expect(done.length).toBeGreaterThan(0);
    const todoIds = new Set(todo.map((c: any) => c.id));
    expect(done.some((c: any) => todoIds.has(c.id))).toBe(false);
    expect(done.every((c: any) => stored(c.id).communityId === 'c01')).toBe(true);
  });

  test('search narrows 待办 and 已办 to cases with every word typed, in description or place', async () => {
    const done = await p.allPages('complaint', 'gridQueue', { tab: 'done' }, 'demo-grid-worker');
    const target = stored(done[0].id);
    const word = [...target.description].slice(0, 4).join('');
    const found = await p.allPages('complaint', 'gridQueue', { tab: 'done', q: word }, 'demo-grid-worker');
    expect(found.map((c: any) => c.id)).toContain(target._id);
    expect(found.every((c: any) => `${stored(c.id).description} ${stored(c.id).location.label}`.includes(word))).toBe(
      true,
    );
    const none = await p.allPages('complaint', 'gridQueue', { q: '不会出现的词语组合' }, 'demo-grid-worker');
    expect(none).toEqual([]);
    // Over-long search text is refused, nothing read.
    const long = await p.call('complaint', 'gridQueue', { q: '长'.repeat(31) }, 'demo-grid-worker');
    expect(long.error?.code).toBe('INVALID_INPUT');
  });
});
