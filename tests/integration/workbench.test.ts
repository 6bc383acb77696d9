/**
 * 工作台 (account.workbench): for each staff role, the to-dos of its scope. Every count equals the
 * length of the queue it opens (read page after page as the queue's own page reads it), and the
 * overdue ones are those past their deadline — so a queue and its count cannot drift apart.
 */
import type { WorkbenchView } from '../../contract';
import { isOverdue } from '../../server/complaints/rules';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { clockNow, people, type People } from '../helpers/people';

let t: TestCloud;
let p: People;

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const bench = (openid: string) => p.ok<WorkbenchView>(p.account('workbench', {}, openid));
const todo = (view: WorkbenchView, role: string, key: string) =>
  view.roles.find((r) => r.role === role)?.todos.find((x) => x.key === key);

const pastDue = (at: string | null | undefined, now: Date) => at != null && Date.parse(at) < now.getTime();

test('a grid worker: 网格诉求, 心愿审核, 待居民确认 — each its queue’s length', async () => {
  const now = await clockNow(t);
  const view = await bench('demo-grid-worker');
  expect(view.roles.map((r) => r.role)).toEqual(['gridWorker']);
  const queue = await p.allPages('complaint', 'gridQueue', {}, 'demo-grid-worker');
  const cases = queue.map((c) => p.doc('cases', c.id));
  expect(todo(view, 'gridWorker', 'caseQueue')).toEqual({
    key: 'caseQueue',
    count: queue.length,
    overdue: cases.filter((c) => isOverdue(c, now)).length,
  });
  expect(queue.length).toBeGreaterThan(0);
  const review = await p.ok(p.call('wish', 'reviewQueue', {}, 'demo-grid-worker'));
  expect(todo(view, 'gridWorker', 'wishReview')?.count).toBe(review.length);
  const awaiting = await p.ok(p.call('wish', 'awaitingConfirmation', {}, 'demo-grid-worker'));
  expect(todo(view, 'gridWorker', 'wishAwaiting')?.count).toBe(awaiting.length);
});

test('a secretary: 社区诉求 (待处理) and extensions, 报到审核, 六个一审核, 心愿审核, 待居民确认', async () => {
  const view = await bench('demo-secretary');
  const queue = await p.allPages('complaint', 'communityQueue', { filter: 'action' }, 'demo-secretary');
  expect(todo(view, 'secretary', 'caseQueue')?.count).toBe(queue.length);
  expect(todo(view, 'secretary', 'extensions')?.count).toBe(
    queue.filter((c) => p.doc('cases', c.id).whistle?.extension?.status === 'pending').length,
  );
  const reports = await p.ok(p.account('reportQueue', {}, 'demo-secretary'));
  expect(todo(view, 'secretary', 'reports')?.count).toBe(reports.length);
  const records = await p.allPages('sixOnes', 'recordQueue', { status: 'pending' }, 'demo-secretary');
  expect(todo(view, 'secretary', 'records')?.count).toBe(records.length);
  expect(records.length).toBeGreaterThan(0);
  const review = await p.ok(p.call('wish', 'reviewQueue', {}, 'demo-secretary'));
  expect(todo(view, 'secretary', 'wishReview')?.count).toBe(review.length);
});

test('a department: 吹哨报到 open tasks; overdue = not reported in by reportBy, or past the deadline', async () => {
  const now = await clockNow(t);
  const view = await bench('demo-department');
  const inbox = await p.allPages('complaint', 'deptInbox', { status: 'open' }, 'demo-department');
  const tasks = t.cloud.store.find('deptTasks', { query: { departmentId: 'd01', status: 'open' } }) as any[];
  expect(inbox.length).toBe(tasks.length);
  expect(todo(view, 'department', 'caseInbox')).toEqual({
    key: 'caseInbox',
    count: inbox.length,
    overdue: tasks.filter(
      (x) =>
        (x.reportedAt === null && pastDue(new Date(x.reportBy).toISOString(), now)) ||
        pastDue(new Date(x.deadline).toISOString(), now),
    ).length,
  });
});

test('a new case and a new report show at once; handled, they leave the count', async () => {
  const before = await bench('demo-secretary');
  const { report } = await p.newMember();
  const after = await bench('demo-secretary');
  expect(todo(after, 'secretary', 'reports')!.count).toBe(todo(before, 'secretary', 'reports')!.count + 1);
  await p.ok(p.account('reviewReport', { reportId: report.id, decision: 'verify' }, 'demo-secretary'));
  expect(todo(await bench('demo-secretary'), 'secretary', 'reports')!.count).toBe(
    todo(before, 'secretary', 'reports')!.count,
  );
});

test('a unit admin counts their unit’s pending reports; the county admin has the workbench without to-dos', async () => {
  const view = await bench('demo-unit-admin');
  const unitId = view.roles[0].scopeId;
  const pending = t.cloud.store.count('memberReports', { unitId, status: 'pending' });
  expect(view.roles).toEqual([
    { role: 'unitAdmin', scopeId: unitId, todos: [{ key: 'unitReports', count: pending, overdue: 0 }] },
  ]);
  expect(await bench('demo-county-admin')).toEqual({ roles: [{ role: 'countyAdmin', scopeId: null, todos: [] }] });
});

test('someone holding two roles gets both; a resident is refused', async () => {
  const multi = await bench('demo-multi');
  expect(multi.roles.map((r) => r.role)).toContain('secretary');
  expect(await p.account('workbench', {}, 'demo-resident')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
