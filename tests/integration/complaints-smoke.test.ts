import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

type Envelope = { ok: boolean; data?: any; error?: { code: string; message: string }; requestId: string };
let t: TestCloud;
let seq = 0;
const call = (action: string, payload: unknown, openid: string) =>
  t.invoke('complaint', { action, payload }, openid) as Promise<Envelope>;
const ok = async (p: Promise<Envelope>) => {
  const r = await p;
  if (!r.ok)
    throw new Error(
      `expected ok, got ${r.error?.code}: ${r.error?.message} ${JSON.stringify((r.error as any)?.details ?? '')}`,
    );
  return r.data;
};
const upload = (openid: string) =>
  t.cloud.storage.put(`uploads/${openid}/photo-${++seq}.png`, Buffer.from(`png ${seq}`));

beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

it('resident → grid worker escalates → secretary whistles → department reports in and resolves → ratings → metrics', async () => {
  const c = await ok(
    call(
      'submit',
      {
        category: '环境卫生',
        description: '小区门口垃圾堆积三天无人清理',
        photos: [upload('demo-resident')],
        location: { kind: 'address' },
      },
      'demo-resident',
    ),
  );
  expect(c).toMatchObject({ status: 'assigned', level: 'grid', grid: { id: 'c01-g01' } });
  const q = await ok(call('gridQueue', {}, 'demo-grid-worker'));
  expect(q.items.map((i: any) => i.id)).toContain(c.id);
  await ok(call('accept', { caseId: c.id }, 'demo-grid-worker'));
  await ok(call('escalate', { caseId: c.id, reason: '需要城管执法' }, 'demo-grid-worker'));
  const cq = await ok(call('communityQueue', {}, 'demo-secretary'));
  expect(cq.items.map((i: any) => i.id)).toContain(c.id);
  const w = await ok(
    call(
      'whistle',
      {
        caseId: c.id,
        leadDepartmentId: 'd01',
        reason: '需要综合执法',
        class: '日常',
        deadline: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      },
      'demo-secretary',
    ),
  );
  expect(w.status).toBe('whistled');
  const inbox = await ok(call('deptInbox', {}, 'demo-department'));
  expect(inbox.items.map((i: any) => i.caseId)).toContain(c.id);
  await ok(call('reportIn', { caseId: c.id }, 'demo-department'));
  await ok(
    call(
      'deptResolve',
      { caseId: c.id, outcome: '已清运垃圾并处罚', photos: [upload('demo-department')] },
      'demo-department',
    ),
  );
  await ok(call('rateDepartment', { caseId: c.id, grade: '好' }, 'demo-secretary'));
  const closed = await ok(call('rate', { caseId: c.id, grade: '满意' }, 'demo-resident'));
  expect(closed.status).toBe('closed');
  const m = await ok(call('metrics', { scope: 'community' }, 'demo-secretary'));
  expect(m.rates).toMatchObject({
    submitted: 1,
    respondedOnTime: 1,
    resolved: 1,
    rated: 1,
    satisfied: 1,
    whistled: 1,
    communityLevel: 1,
  });
  const d = await ok(call('metrics', { scope: 'department' }, 'demo-department'));
  expect(d.rates).toMatchObject({ whistlesReceived: 1, reportedOnTime: 1, departmentGrades: { 好: 1 } });
  const job = await t.cloud.functions.invoke('scheduler', { Type: 'Timer', TriggerName: 'caseDeadlines' }, {});
  expect(job).toMatchObject({ ok: true });
});
