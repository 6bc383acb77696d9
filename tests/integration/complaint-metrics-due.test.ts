import { SCOPE_MEASURES } from '../../contract/caseLabels';
import { countersFrom, type CounterDoc } from '../../server/complaints/metrics';
import type { CaseDoc } from '../../server/complaints/model';
import { SETTLE_MS } from '../../server/repair';
import { emulatorClock } from '../../emulator/clock';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, clockNow, people, type People } from '../helpers/people';
import { runJob } from '../helpers/jobs';

/**
 * 诉求指标 per scope (SCOPE_MEASURES): each scope answers its own measures alone — a grid no
 * 吹哨率 or 按时报到率 — and the on-time rates count only what is due. A whistle still inside its
 * report-in window and not reported in is neither on time nor late: a department whose only
 * whistle it is has no 按时报到率 (null, shown 暂无到期事项), never 0 %; reported in on time it
 * is 100 %; past the deadline unreported it counts, late. The same for 响应率: a case inside its
 * response deadline is not due; answered, or past the deadline unanswered (escalated, or flagged
 * without a grid), it is. Each counts due once, and the live counters stay what `countersFrom`
 * derives from the cases, so the repair job rebuilds them.
 *
 * Its own cloud: the seed's cases are months back, so this month's counters of c05 and of
 * departments d02–d04 move by this file's cases alone. Whistles in grid c05-g01, responses in
 * c05-g02 and without a grid south of c05.
 */

let t: TestCloud;
let p: People;
let seq = 0;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NO_GRADES = { 好: 0, 较好: 0, 一般: 0, 差: 0 };
const SECRETARY = 'seed-secretary-c05';
const WORKER1 = 'seed-grid-c05-g01-1';
const WORKER2 = 'seed-grid-c05-g02-1';

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const call = (action: string, payload: unknown, openid: string) => p.call('complaint', action, payload, openid);
const ok = (action: string, payload: unknown, openid: string) => p.ok(call(action, payload, openid));
const caseDoc = (id: string): CaseDoc => p.doc('cases', id);
const runDeadlines = () => runJob(t.cloud, 'caseDeadlines');
const metrics = (openid: string, payload: Record<string, unknown>) =>
  ok('metrics', { period: 'month', ...payload }, openid);
const rates = async (openid: string, payload: Record<string, unknown>) => (await metrics(openid, payload)).rates;

const submit = (location: unknown, openid = 'demo-resident') =>
  ok('submit', { category: '噪音', description: `夜间施工噪音扰民 ${++seq}`, location }, openid);
const inBuilding = (microGridId: string) => ({ kind: 'building', microGridId });

/** A case of c05-g01, answered by its grid worker and taken to the community. */
async function escalated() {
  const c = await submit(inBuilding('c05-g01-m1'));
  await ok('accept', { caseId: c.id }, WORKER1);
  return ok('escalate', { caseId: c.id, reason: '需部门执法' }, WORKER1);
}
async function whistled(caseId: string, lead: string, cls: '日常' | '紧急') {
  const now = await clockNow(t);
  return ok(
    'whistle',
    {
      caseId,
      leadDepartmentId: lead,
      reason: '需要综合执法',
      class: cls,
      deadline: new Date(now.getTime() + 10 * DAY).toISOString(),
    },
    SECRETARY,
  );
}
/** The department's own view: 按时报到率 and its grades, nothing else. */
const department = (id: string) => rates(`seed-department-${id}`, { scope: 'department' });
const reportView = (received: number, due: number, onTime: number, rate: number | null) => ({
  whistlesReceived: received,
  reportInDue: due,
  reportedOnTime: onTime,
  onTimeReportRate: rate,
  departmentGrades: NO_GRADES,
});

describe('each scope its own measures', () => {
  it('a grid answers 响应率, 办结率, 满意率 only; a community adds 吹哨率; a department 按时报到率 and grades; the county all', async () => {
    const views = await Promise.all([
      metrics(WORKER2, { scope: 'grid' }),
      metrics(SECRETARY, { scope: 'community' }),
      metrics('seed-department-d02', { scope: 'department' }),
      metrics('demo-county-admin', { scope: 'county' }),
    ]);
    for (const v of views) expect(v.measures).toEqual(SCOPE_MEASURES[v.scope as keyof typeof SCOPE_MEASURES]);
    const [grid, community, dept, county] = views;
    expect(Object.keys(grid.rates).sort()).toEqual(
      [
        'submitted',
        'withdrawn',
        'respondedOnTime',
        'responseDue',
        'responseRate',
        'resolved',
        'resolutionRate',
        'rated',
        'satisfied',
        'satisfactionRate',
      ].sort(),
    );
    for (const absent of ['whistleRate', 'onTimeReportRate', 'whistled', 'whistlesReceived', 'reportedOnTime'])
      expect(grid.rates).not.toHaveProperty(absent);
    expect(grid.whistleBand).toBeNull();
    expect(community.rates).toHaveProperty('whistleRate');
    expect(community.rates).not.toHaveProperty('onTimeReportRate');
    expect(Object.keys(dept.rates).sort()).toEqual(
      ['whistlesReceived', 'reportInDue', 'reportedOnTime', 'onTimeReportRate', 'departmentGrades'].sort(),
    );
    expect(dept.whistleBand).toBeNull();
    for (const k of ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReportRate', 'whistleRate'])
      expect(county.rates).toHaveProperty(k);
  });
});

describe('按时报到率 counts only whistles due', () => {
  it('a department whose only whistle is still inside its report-in window has no 按时报到率 (null, not 0 %); reported in on time, 100 %', async () => {
    const c = await escalated();
    await whistled(c.id, 'd02', '日常');
    expect(await department('d02')).toEqual(reportView(1, 0, 0, null));
    // An hour on (the scheduler runs): still an hour… 23 of them to report in; still not due.
    await advanceClock(t, HOUR);
    expect(await department('d02')).toEqual(reportView(1, 0, 0, null));
    await ok('reportIn', { caseId: c.id }, 'seed-department-d02');
    expect(await department('d02')).toEqual(reportView(1, 1, 1, 1));
  });

  it('past the report-in deadline unreported it counts, late (0 %); reporting in after moves nothing; reported in late before the scheduler flags it, it counts once', async () => {
    const flagged = await escalated();
    const beforeFlag = await escalated();
    await whistled(flagged.id, 'd03', '紧急');
    await whistled(beforeFlag.id, 'd04', '紧急');
    expect(await department('d03')).toEqual(reportView(1, 0, 0, null));

    // d04 reports in 31 minutes on, late, before any scheduler run flags it.
    emulatorClock.advance(31 * MIN);
    await ok('reportIn', { caseId: beforeFlag.id }, 'seed-department-d04');
    expect(await department('d04')).toEqual(reportView(1, 1, 0, 0));
    // The scheduler flags d03 (due now, late), and counts d04 no more.
    expect((await runDeadlines()).data).toMatchObject({ flaggedLate: 1 });
    expect(caseDoc(flagged.id).whistle!.departments[0]).toMatchObject({ late: true, reportedAt: null });
    expect(await department('d03')).toEqual(reportView(1, 1, 0, 0));
    expect(await department('d04')).toEqual(reportView(1, 1, 0, 0));
    // d03 reports in late after the flag: counted once.
    await ok('reportIn', { caseId: flagged.id }, 'seed-department-d03');
    await runDeadlines();
    expect(await department('d03')).toEqual(reportView(1, 1, 0, 0));
  });
});

describe('响应率 counts only cases due a response', () => {
  it('a case inside its response deadline is not due; answered it is; past the deadline unanswered it is, late — escalated at the grid, flagged without a grid — and answered late after, once', async () => {
    const grid = () => rates(WORKER2, { scope: 'grid' });
    const community = () => rates(SECRETARY, { scope: 'community' });

    const a = await submit(inBuilding('c05-g02-m1'));
    expect(await grid()).toEqual({
      submitted: 1,
      withdrawn: 0,
      respondedOnTime: 0,
      responseDue: 0,
      responseRate: null,
      resolved: 0,
      resolutionRate: 0,
      rated: 0,
      satisfied: 0,
      satisfactionRate: null,
    });
    await ok('accept', { caseId: a.id }, WORKER2);
    expect(await grid()).toMatchObject({ respondedOnTime: 1, responseDue: 1, responseRate: 1 });

    // Withdrawn inside its deadline: never due. Unanswered: due once the deadline passes.
    const withdrawn = await submit(inBuilding('c05-g02-m2'));
    await ok('withdraw', { caseId: withdrawn.id }, 'demo-resident');
    const b = await submit(inBuilding('c05-g02-m2'));
    const nomad = await p.newcomer();
    const c05 = p.doc('communities', 'c05');
    const n = await submit({ kind: 'point', lat: 26.325, lng: c05.location.lng, label: '红门社区南侧路口' }, nomad);
    expect(n).toMatchObject({ level: 'community', grid: null });
    expect(await grid()).toMatchObject({ submitted: 3, withdrawn: 1, respondedOnTime: 1, responseDue: 1 });
    const before = await community();

    await advanceClock(t, 25 * HOUR);
    expect(caseDoc(b.id)).toMatchObject({ status: 'escalated', counted: { respondOverdue: true } });
    expect(caseDoc(n.id)).toMatchObject({ status: 'assigned', level: 'community', counted: { respondOverdue: true } });
    expect(caseDoc(n.id).timeline.filter((s) => s.action === 'flagUnanswered')).toHaveLength(1);
    expect(await grid()).toMatchObject({ respondedOnTime: 1, responseDue: 2, responseRate: 0.5 });
    const after = await community();
    expect(after.responseDue - before.responseDue).toBe(2);
    expect(after.respondedOnTime - before.respondedOnTime).toBe(0);

    // Answered late after the flag, and the scheduler again: nothing moves twice.
    await ok('accept', { caseId: n.id }, SECRETARY);
    await runDeadlines();
    expect(await community()).toMatchObject({
      responseDue: after.responseDue,
      respondedOnTime: after.respondedOnTime,
    });
    expect(caseDoc(n.id).timeline.filter((s) => s.action === 'flagUnanswered')).toHaveLength(1);
  });
});

describe('the due counts and the repair job', () => {
  it('live counters equal those derived from the cases; a document without the due counts is filled in by the repair job', async () => {
    const strip = (d: CounterDoc) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'updatedAt'));
    const byId = (docs: CounterDoc[]) => Object.fromEntries(docs.map((d) => [d._id, strip(d)]));
    const cases = () => t.cloud.store.find('cases', { query: {} }) as unknown as CaseDoc[];
    const stored = () => t.cloud.store.find('caseMetrics', { query: {} }) as unknown as CounterDoc[];
    expect(byId(stored())).toEqual(byId(countersFrom(cases())));

    // A counter document made before the due counts existed: the repair job fills them in.
    // This file's cases' month (the seed's are months back).
    const month = cases().reduce((a, b) => (new Date(a.createdAt) > new Date(b.createdAt) ? a : b)).month;
    const ids = [`grid-c05-g02-${month}`, `department-d03-${month}`];
    for (const id of ids)
      t.cloud.store.update(
        'caseMetrics',
        { _id: id },
        { $unset: { responseDue: '', reportInDue: '' } },
        { multi: false, merge: true, upsert: false },
      );
    expect(p.doc('caseMetrics', ids[0])).not.toHaveProperty('responseDue');
    await advanceClock(t, SETTLE_MS + MIN);
    await runJob(t.cloud, 'repairCounters');
    const want = new Map(countersFrom(cases()).map((d) => [d._id, d]));
    expect(p.doc('caseMetrics', ids[0])).toMatchObject({ responseDue: want.get(ids[0])!.responseDue });
    expect(want.get(ids[0])!.responseDue).toBe(2);
    expect(p.doc('caseMetrics', ids[1])).toMatchObject({ reportInDue: 1 });
  });
});
