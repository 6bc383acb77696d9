import { countersFrom, type CounterDoc } from '../../server/complaints/metrics';
import type { CaseDoc } from '../../server/complaints/model';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { runJob } from '../helpers/jobs';

/**
 * The metric counters are moved step by step by the live actions; `countersFrom` derives them
 * from the cases alone (the seed writes those). After a varied, partly concurrent workload —
 * and a scheduler run — the two agree exactly, document by document.
 */
type Envelope = { ok: boolean; data?: any; error?: { code: string; message: string } };
let t: TestCloud;
let seq = 0;
const call = (action: string, payload: unknown, openid: string) =>
  t.invoke('complaint', { action, payload }, openid) as Promise<Envelope>;
const ok = async (p: Promise<Envelope>) => {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.error?.code}: ${r.error?.message}`);
  return r.data;
};
const upload = (openid: string) =>
  t.cloud.storage.put(`uploads/${openid}/photo-${++seq}.png`, Buffer.from(`png ${seq}`));
const clock = (advanceMs: number) =>
  fetch(`${t.url}/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
const tick = () => runJob(t.cloud, 'caseDeadlines');

beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

async function report(urgency: 'normal' | 'urgent' = 'normal') {
  return ok(
    call(
      'submit',
      { category: '噪音', description: `夜间施工噪音扰民 ${++seq}`, location: { kind: 'address' }, urgency },
      'demo-resident',
    ),
  );
}
const whistle = (caseId: string, cls = '日常', assist: string[] = []) =>
  call(
    'whistle',
    {
      caseId,
      leadDepartmentId: 'd01',
      assistDepartmentIds: assist,
      reason: '需要综合执法',
      class: cls,
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
    'demo-secretary',
  );

it('live counters equal the counters derived from the cases', async () => {
  // Withdrawn; resolved at the grid and rated; reopened once then closed; escalated and
  // resolved by the community; whistled with an assist, reported in late and on time.
  const withdrawn = await report();
  await ok(call('withdraw', { caseId: withdrawn.id }, 'demo-resident'));

  const atGrid = await Promise.all([report(), report(), report('urgent')]);
  await Promise.all(atGrid.map((c) => call('accept', { caseId: c.id }, 'demo-grid-worker')));
  // Racing accepts: one wins; the counters move once.
  await Promise.all([
    call('accept', { caseId: atGrid[0].id }, 'demo-grid-worker'),
    call('accept', { caseId: atGrid[0].id }, 'demo-grid-worker'),
  ]);
  for (const c of atGrid) await ok(call('resolve', { caseId: c.id, note: '已处理', photos: [] }, 'demo-grid-worker'));
  await ok(call('rate', { caseId: atGrid[0].id, grade: '满意' }, 'demo-resident'));
  await ok(call('rate', { caseId: atGrid[1].id, grade: '不满意', comment: '问题还没解决' }, 'demo-resident'));
  await ok(call('resolve', { caseId: atGrid[1].id, note: '再次处理', photos: [] }, 'demo-grid-worker'));
  await ok(call('rate', { caseId: atGrid[1].id, grade: '基本满意' }, 'demo-resident'));

  const community = await report();
  await ok(call('accept', { caseId: community.id }, 'demo-grid-worker'));
  await ok(call('escalate', { caseId: community.id, reason: '需社区协调' }, 'demo-grid-worker'));
  await ok(call('resolve', { caseId: community.id, note: '社区协调解决', photos: [] }, 'demo-secretary'));

  const whistled = await Promise.all([report(), report()]);
  for (const c of whistled) {
    await ok(call('accept', { caseId: c.id }, 'demo-grid-worker'));
    await ok(call('escalate', { caseId: c.id, reason: '需部门执法' }, 'demo-grid-worker'));
  }
  await ok(whistle(whistled[0].id, '日常', ['d02']));
  await ok(whistle(whistled[1].id, '紧急'));
  await ok(call('reportIn', { caseId: whistled[0].id }, 'demo-department'));
  await ok(
    call(
      'deptResolve',
      { caseId: whistled[0].id, outcome: '已依法处理', photos: [upload('demo-department')] },
      'demo-department',
    ),
  );
  await ok(call('rateDepartment', { caseId: whistled[0].id, grade: '较好' }, 'demo-secretary'));

  // An hour later: the 紧急 whistle's report-in is late (flagged), a fresh case's response too.
  const unanswered = await report('urgent');
  await clock(3 * 3_600_000);
  expect(await tick()).toMatchObject({ ok: true });
  await ok(call('reportIn', { caseId: whistled[1].id }, 'demo-department'));
  expect((await ok(call('detail', { caseId: unanswered.id }, 'demo-resident'))).level).toBe('community');
  // Eight days on: the resolved, unrated cases close as 未评价.
  await clock(8 * 86_400_000);
  expect(await tick()).toMatchObject({ ok: true });
  expect((await ok(call('detail', { caseId: atGrid[2].id }, 'demo-resident'))).rating.grade).toBe('未评价');

  const cases = t.cloud.store.find('cases', { query: {} }) as unknown as CaseDoc[];
  const stored = t.cloud.store.find('caseMetrics', { query: {} }) as unknown as CounterDoc[];
  const strip = (d: CounterDoc) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'updatedAt'));
  const byId = (docs: CounterDoc[]) => Object.fromEntries(docs.map((d) => [d._id, strip(d)]));
  expect(byId(stored)).toEqual(byId(countersFrom(cases)));
  // This test's cases, in the county's counter of their month (the seed's cases count in earlier months).
  const month = cases.find((c) => c._id === withdrawn.id)!.month;
  expect(stored.find((d) => d._id === `county-county-${month}`)).toMatchObject({
    submitted: 8,
    withdrawn: 1,
    whistled: 2,
    whistlesReceived: 3,
  });
}, 60_000);
