import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, clockNow, people, type People } from '../helpers/people';
import { runJob } from '../helpers/jobs';

/**
 * 民情诉求 · 吹哨报到 (PRODUCT.md "Complaints and requests") against the local cloud: submission and
 * assignment, every handler's step, the scheduler's deadlines, races, who sees the complainant,
 * the timeline, and the metrics to the case.
 *
 * The tests share one cloud, so each works in its own corner of the county: the metrics in c05
 * (grids c05-g01, c05-g02; departments d05, d06), the other flows in c01, c03, c04, c06, c07 and
 * departments d01–d04, d07–d12. Moving the clock runs the scheduler (caseDeadlines every 5 min),
 * which acts on every open case: a test never relies on a case of another test.
 */

type Envelope = {
  ok: boolean;
  data?: any;
  error?: { code: string; message: string; details?: unknown };
  requestId: string;
};

let t: TestCloud;
let p: People;
let seq = 0;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const call = (action: string, payload: unknown, openid: string) =>
  t.invoke('complaint', { action, payload }, openid) as Promise<Envelope>;
async function ok(reply: Promise<Envelope>): Promise<any> {
  const r = await reply;
  if (!r.ok)
    throw new Error(`expected ok, got ${r.error?.code}: ${r.error?.message} ${JSON.stringify(r.error?.details ?? '')}`);
  return r.data;
}
async function refused(reply: Promise<Envelope>, code: string) {
  const r = await reply;
  expect({ ok: r.ok, code: r.error?.code, message: r.error?.message }).toMatchObject({ ok: false, code });
}
/** The first stored document matching `query`. */
const one = (collection: string, query: Record<string, unknown>): any => t.cloud.store.find(collection, { query })[0];
const caseDoc = (id: string) => one('cases', { _id: id });
const upload = (openid: string) =>
  t.cloud.storage.put(`uploads/${openid}/case-${++seq}.png`, Buffer.from(`png ${seq}`));
const moveClock = (ms: number) => advanceClock(t, ms);
const runDeadlines = () => runJob(t.cloud, 'caseDeadlines');
/** What a person was told: their 消息 list entries, oldest first (kind, title, text, page). */
const messagesOf = (openid: string): any[] => t.cloud.store.find('notifications', { query: { openid } });
const steps = (id: string, action?: string) =>
  (caseDoc(id).timeline as any[]).filter((s) => action === undefined || s.action === action);

/** A point well inside a grid's (or building's) boundary, read from the directory. */
function inside(gridId: string, fx = 0.3, fy = 0.4) {
  const ring: Array<[number, number]> = one('grids', { _id: gridId }).boundary.coordinates[0];
  const lngs = ring.map((c) => c[0]);
  const lats = ring.map((c) => c[1]);
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  return { lat: +(s + (n - s) * fy).toFixed(6), lng: +(w + (e - w) * fx).toFixed(6) };
}
/** Just south of the town (inside the county's margin, outside every grid), below a community's centre. */
function southOf(communityId: string) {
  const c = one('communities', { _id: communityId });
  return { lat: 26.325, lng: c.location.lng as number };
}

/** `YYYYMM` in Asia/Shanghai. */
const monthOf = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 7).replace('-', '');

const DESCRIPTIONS = ['小区门口垃圾堆积三天无人清理', '楼道路灯坏了晚上很黑', '消防通道被车辆长期占用'];
interface SubmitOptions {
  category?: string;
  location?: unknown;
  urgency?: 'normal' | 'urgent';
  anonymous?: boolean;
  photos?: string[];
}
async function submit(by: string, opts: SubmitOptions = {}) {
  return ok(
    call(
      'submit',
      {
        category: opts.category ?? '环境卫生',
        description: `${DESCRIPTIONS[seq % DESCRIPTIONS.length]}（${++seq}）`,
        photos: opts.photos ?? [],
        location: opts.location ?? { kind: 'address' },
        urgency: opts.urgency ?? 'normal',
        anonymous: opts.anonymous ?? false,
      },
      by,
    ),
  );
}
const inBuilding = (microGridId: string) => ({ kind: 'building', microGridId });

/** Grid c04-g01 and its staff; c04-g02's head is a worker of another grid. */
const C04 = {
  worker: 'seed-grid-c04-g01-1',
  worker2: 'seed-grid-c04-g01-2',
  otherGridWorker: 'seed-grid-c04-g02-1',
  secretary: 'seed-secretary-c04',
  building: 'c04-g01-m2',
};
const dept = (id: string) => (id === 'd01' ? 'demo-department' : `seed-department-${id}`);

/** Every item of a paged complaint queue. */
const allPages = (action: string, payload: Record<string, unknown>, openid: string) =>
  p.allPages('complaint', action, payload, openid);

/** A case in c04-g01, escalated to the community by its grid worker. */
async function escalatedC04(by: string, opts: SubmitOptions = {}) {
  const c = await submit(by, { location: inBuilding(C04.building), ...opts });
  await ok(call('accept', { caseId: c.id }, C04.worker));
  return ok(call('escalate', { caseId: c.id, reason: '涉及多部门需社区协调' }, C04.worker));
}
async function whistled(
  caseId: string,
  lead: string,
  assist: string[] = [],
  cls = '日常',
  secretary = C04.secretary,
  deadlineIn = 10 * DAY,
) {
  const now = await clockNow(t);
  return ok(
    call(
      'whistle',
      {
        caseId,
        leadDepartmentId: lead,
        assistDepartmentIds: assist,
        reason: '需要综合执法',
        class: cls,
        deadline: new Date(now.getTime() + deadlineIn).toISOString(),
      },
      secretary,
    ),
  );
}

jest.setTimeout(30_000);

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

// ---------------------------------------------------------------------------------------- metrics

// First in the file: when it moves the clock, the scheduler finds no other test's open case to
// escalate, so the county's counters move by this test's cases alone.
describe('metrics', () => {
  const metrics = (openid: string, payload: Record<string, unknown>) => ok(call('metrics', payload, openid));
  const rates = async (scope: string, scopeId: string, month: string) =>
    (
      await metrics('demo-county-admin', {
        scope,
        scopeId,
        period: 'month',
        year: Number(month.slice(0, 4)),
        index: Number(month.slice(4)),
      })
    ).rates;
  const COUNTS = [
    'submitted',
    'withdrawn',
    'respondedOnTime',
    'responseDue',
    'resolved',
    'rated',
    'satisfied',
    'communityLevel',
    'whistled',
    'whistlesReceived',
    'reportInDue',
    'reportedOnTime',
  ] as const;
  const minus = (a: any, b: any) => ({
    ...Object.fromEntries(COUNTS.map((k) => [k, a[k] - b[k]])),
    departmentGrades: Object.fromEntries(
      Object.keys(a.departmentGrades).map((g) => [g, a.departmentGrades[g] - b.departmentGrades[g]]),
    ),
  });
  const r4 = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
  const NO_GRADES = { 好: 0, 较好: 0, 一般: 0, 差: 0 };

  it('ten cases of one month with known outcomes give every rate of grid, community, department and county exactly', async () => {
    const [G1, G2] = ['c05-g01', 'c05-g02'];
    const sec = 'seed-secretary-c05';
    const w1 = 'seed-grid-c05-g01-1';
    const w2 = 'seed-grid-c05-g02-1';
    const [d5, d6] = ['seed-department-d05', 'seed-department-d06'];
    const month = monthOf(await clockNow(t));
    const countyBefore = await rates('county', 'county', month);

    const r1 = (await p.newResident()).openid;
    const r2 = (await p.newResident()).openid;
    // No registered address: a point outside every grid goes to the nearest community's queue (c05).
    const nomad = await p.newcomer();
    const [A, B, C, D, G, J] = await Promise.all([
      submit(r1, { location: inBuilding('c05-g01-m1') }),
      submit(r1, { location: inBuilding('c05-g01-m2') }),
      submit(r2, { location: inBuilding('c05-g01-m1') }),
      submit(r2, { location: inBuilding('c05-g01-m3') }),
      submit(r1, { location: inBuilding('c05-g01-m4') }),
      submit(r2, { location: inBuilding('c05-g01-m2'), urgency: 'urgent' }),
    ]);
    const [E, F, I] = await Promise.all([
      submit(r1, { location: inBuilding('c05-g02-m1') }),
      submit(r2, { location: inBuilding('c05-g02-m2') }),
      submit(r1, { location: inBuilding('c05-g02-m3') }),
    ]);
    const H = await submit(nomad, { location: { kind: 'point', ...southOf('c05'), label: '红门社区南侧路口' } });
    expect(H).toMatchObject({ level: 'community', grid: null, community: { id: 'c05' } });
    for (const c of [A, B, C, D, G, J, E, F, I, H]) expect(caseDoc(c.id).month).toBe(month);

    // A: withdrawn before acceptance.
    await ok(call('withdraw', { caseId: A.id }, r1));
    // Accepted on time: B C D J (grid 1), E F I (grid 2).
    for (const c of [B, C, D, J]) await ok(call('accept', { caseId: c.id }, w1));
    for (const c of [E, F, I]) await ok(call('accept', { caseId: c.id }, w2));
    const photo = (who: string) => [upload(who)];
    // B 满意, C 基本满意, D 不满意 twice (reopened once to the grid, then closed).
    for (const c of [B, C, D]) await ok(call('resolve', { caseId: c.id, note: '已清理完毕', photos: photo(w1) }, w1));
    await ok(call('rate', { caseId: B.id, grade: '满意' }, r1));
    await ok(call('rate', { caseId: C.id, grade: '基本满意' }, r2));
    expect((await ok(call('rate', { caseId: D.id, grade: '不满意', comment: '问题还没解决' }, r2))).status).toBe(
      'reopened',
    );
    await ok(call('resolve', { caseId: D.id, note: '再次清理', photos: [] }, w1));
    expect((await ok(call('rate', { caseId: D.id, grade: '不满意', comment: '问题还没解决' }, r2))).status).toBe(
      'closed',
    );
    // I: resolved by the grid, never rated.
    await ok(call('resolve', { caseId: I.id, note: '已修复', photos: [] }, w2));
    // E: escalated, resolved by the secretary, 不满意 (back to the community), resolved again, 满意.
    await ok(call('escalate', { caseId: E.id, reason: '需社区协调' }, w2));
    await ok(call('resolve', { caseId: E.id, note: '社区协调解决', photos: [] }, sec));
    expect(await ok(call('rate', { caseId: E.id, grade: '不满意', comment: '问题还没解决' }, r1))).toMatchObject({
      status: 'reopened',
      level: 'community',
    });
    await ok(call('resolve', { caseId: E.id, note: '再次协调', photos: [] }, sec));
    await ok(call('rate', { caseId: E.id, grade: '满意' }, r1));
    // F: escalated, whistled to d05 (lead, reports on time) and d06 (assist, reports late).
    await ok(call('escalate', { caseId: F.id, reason: '需执法' }, w2));
    await whistled(F.id, 'd05', ['d06'], '日常', sec, 20 * DAY);
    await ok(call('reportIn', { caseId: F.id }, d5));
    // J (urgent): escalated, whistled to d06 (lead, reports on time), left open.
    await ok(call('escalate', { caseId: J.id, reason: '需执法' }, w1));
    await whistled(J.id, 'd06', [], '重大', sec, 20 * DAY);
    await ok(call('reportIn', { caseId: J.id }, d6));

    // A day later: G, never answered, was escalated by the scheduler; H is answered late.
    await moveClock(25 * HOUR);
    expect(caseDoc(G.id)).toMatchObject({ status: 'escalated', level: 'community' });
    await ok(call('reportIn', { caseId: F.id }, d6));
    expect(caseDoc(F.id).whistle.departments[1]).toMatchObject({ departmentId: 'd06', late: true });
    await ok(call('accept', { caseId: H.id }, sec));
    await ok(call('resolve', { caseId: G.id, note: '社区已处理', photos: [] }, sec));
    // H: whistled 紧急 to d05, who misses the 30-minute report deadline.
    await whistled(H.id, 'd05', [], '紧急', sec, 20 * DAY);
    await moveClock(31 * MIN);
    await ok(call('reportIn', { caseId: H.id }, d5));
    // F: d06 adds its part, d05 resolves; the community rates d05 好; the resident 满意.
    await ok(call('assist', { caseId: F.id, note: '已配合停水检修', photos: [] }, d6));
    await ok(call('deptResolve', { caseId: F.id, outcome: '已完成线路改造', photos: photo(d5) }, d5));
    await ok(call('rateDepartment', { caseId: F.id, grade: '好' }, sec));
    await ok(call('rate', { caseId: F.id, grade: '满意' }, r2));
    // H: extension approved, resolved, rated 较好; 不满意 sends it back to d05 once, then 满意.
    const until = new Date((await clockNow(t)).getTime() + 30 * DAY).toISOString();
    await ok(call('requestExtension', { caseId: H.id, until, reason: '需等待设备到货' }, d5));
    await ok(call('decideExtension', { caseId: H.id, approve: true }, sec));
    await ok(call('deptResolve', { caseId: H.id, outcome: '已更换变压器', photos: photo(d5) }, d5));
    await ok(call('rateDepartment', { caseId: H.id, grade: '较好' }, sec));
    expect(await ok(call('rate', { caseId: H.id, grade: '不满意', comment: '问题还没解决' }, nomad))).toMatchObject({
      status: 'reopened',
      level: 'department',
    });
    await ok(call('deptResolve', { caseId: H.id, outcome: '已彻底修复线路', photos: photo(d5) }, d5));
    await ok(call('rate', { caseId: H.id, grade: '满意' }, nomad));

    // Each scope its own measures (SCOPE_MEASURES): a grid no 吹哨率 or 按时报到率; a community
    // adds 吹哨率; a department 按时报到率 and its grades alone. Every case here is due by now.
    const grid1 = {
      submitted: 6,
      withdrawn: 1,
      respondedOnTime: 4,
      // B C D J answered, G escalated unanswered; A withdrawn inside its deadline: never due.
      responseDue: 5,
      resolved: 4,
      rated: 3,
      satisfied: 2,
      responseRate: 0.8,
      resolutionRate: 0.8,
      satisfactionRate: 0.6667,
    };
    const grid2 = {
      submitted: 3,
      withdrawn: 0,
      respondedOnTime: 3,
      responseDue: 3,
      resolved: 3,
      rated: 2,
      satisfied: 2,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
    };
    const community = {
      submitted: 10,
      withdrawn: 1,
      respondedOnTime: 7,
      // H, without a grid, flagged unanswered by the scheduler and answered late after: once.
      responseDue: 9,
      resolved: 8,
      rated: 6,
      satisfied: 5,
      communityLevel: 5,
      whistled: 3,
      responseRate: 0.7778,
      resolutionRate: 0.8889,
      satisfactionRate: 0.8333,
      whistleRate: 0.6,
    };
    const departmentOnly = (whistlesReceived: number, reportedOnTime: number, grades = NO_GRADES) => ({
      whistlesReceived,
      // Every whistle here is reported in by now (or flagged late): all due.
      reportInDue: whistlesReceived,
      reportedOnTime,
      departmentGrades: grades,
      onTimeReportRate: r4(reportedOnTime, whistlesReceived),
    });
    expect(await rates('grid', G1, month)).toEqual(grid1);
    expect(await rates('grid', G2, month)).toEqual(grid2);
    expect(await rates('community', 'c05', month)).toEqual(community);
    expect(await rates('department', 'd05', month)).toEqual(departmentOnly(2, 1, { ...NO_GRADES, 好: 1, 较好: 1 }));
    expect(await rates('department', 'd06', month)).toEqual(departmentOnly(2, 1));
    // The county (all measures) moved by exactly the community's cases and their whistles.
    const countyAfter = await rates('county', 'county', month);
    const counts = {
      ...Object.fromEntries(COUNTS.map((k) => [k, (community as Record<string, number>)[k] ?? 0])),
      whistlesReceived: 4,
      reportInDue: 4,
      reportedOnTime: 2,
      departmentGrades: { ...NO_GRADES, 好: 1, 较好: 1 },
    };
    expect(minus(countyAfter, countyBefore)).toEqual(counts);
    expect(countyAfter).toMatchObject({
      responseRate: r4(countyAfter.respondedOnTime, countyAfter.responseDue),
      resolutionRate: r4(countyAfter.resolved, countyAfter.submitted - countyAfter.withdrawn),
      satisfactionRate: r4(countyAfter.satisfied, countyAfter.rated),
      onTimeReportRate: r4(countyAfter.reportedOnTime, countyAfter.reportInDue),
      whistleRate: r4(countyAfter.whistled, countyAfter.communityLevel),
    });

    // What the secretary and the department see of themselves is the same; 吹哨率 60 % is high.
    const own = await metrics(sec, {
      scope: 'community',
      period: 'month',
      year: +month.slice(0, 4),
      index: +month.slice(4),
    });
    expect(own).toMatchObject({ scope: 'community', scopeId: 'c05', whistleBand: 'high' });
    expect(own.rates).toEqual(community);
    expect(
      (await metrics(d5, { scope: 'department', period: 'month', year: +month.slice(0, 4), index: +month.slice(4) }))
        .rates,
    ).toEqual(departmentOnly(2, 1, { ...NO_GRADES, 好: 1, 较好: 1 }));

    // A quarter and a year add their months up.
    const year = +month.slice(0, 4);
    const m = +month.slice(4);
    const quarter = Math.floor((m - 1) / 3) + 1;
    const monthly = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        metrics(sec, { scope: 'community', period: 'month', year, index: i + 1 }).then((v) => v.rates),
      ),
    );
    // The counts a community's view holds.
    const held = COUNTS.filter((k) => k in community);
    const sum = (list: any[]) =>
      Object.fromEntries(held.map((k) => [k, list.reduce((s, r) => s + r[k], 0)])) as Record<string, number>;
    const q = await metrics(sec, { scope: 'community', period: 'quarter', year, index: quarter });
    expect(q.period).toMatchObject({ kind: 'quarter', year, index: quarter });
    expect(q.rates).toMatchObject(sum(monthly.slice((quarter - 1) * 3, quarter * 3)));
    expect(q.rates.submitted).toBeGreaterThanOrEqual(10);
    const y = await metrics(sec, { scope: 'community', period: 'year', year });
    expect(y.rates).toMatchObject(sum(monthly));
    const total = sum(monthly);
    expect(y.rates).toMatchObject({
      responseRate: r4(total.respondedOnTime, total.responseDue),
      satisfactionRate: r4(total.satisfied, total.rated),
      whistleRate: r4(total.whistled, total.communityLevel),
    });
  });

  it('is scoped: a grid worker their grid, a secretary their community and its grids, a department its own, the county admin all', async () => {
    const period = { period: 'month' };
    const expectScope = async (openid: string, payload: Record<string, unknown>, code: string | null) => {
      const res = await call('metrics', { ...period, ...payload }, openid);
      if (code === null) expect({ ok: res.ok, error: res.error }).toEqual({ ok: true, error: undefined });
      else expect({ ok: res.ok, code: res.error?.code }).toEqual({ ok: false, code });
    };
    // A grid worker: their grid (also by default); not another grid, the community or the county.
    await expectScope('seed-grid-c05-g01-1', { scope: 'grid', scopeId: 'c05-g01' }, null);
    expect((await ok(call('metrics', { scope: 'grid' }, 'seed-grid-c05-g01-1'))).scopeId).toBe('c05-g01');
    await expectScope('seed-grid-c05-g01-1', { scope: 'grid', scopeId: 'c05-g02' }, 'FORBIDDEN');
    await expectScope('seed-grid-c05-g01-1', { scope: 'community', scopeId: 'c05' }, 'FORBIDDEN');
    await expectScope('seed-grid-c05-g01-1', { scope: 'county' }, 'FORBIDDEN');
    // A secretary: the community and its grids; not another community, its grids, a department, the county.
    await expectScope('seed-secretary-c05', { scope: 'community', scopeId: 'c05' }, null);
    await expectScope('seed-secretary-c05', { scope: 'grid', scopeId: 'c05-g02' }, null);
    await expectScope('seed-secretary-c05', { scope: 'community', scopeId: 'c04' }, 'FORBIDDEN');
    await expectScope('seed-secretary-c05', { scope: 'grid', scopeId: 'c04-g01' }, 'FORBIDDEN');
    await expectScope('seed-secretary-c05', { scope: 'department', scopeId: 'd05' }, 'FORBIDDEN');
    await expectScope('seed-secretary-c05', { scope: 'county' }, 'FORBIDDEN');
    // A department: its own only.
    await expectScope('seed-department-d05', { scope: 'department', scopeId: 'd05' }, null);
    await expectScope('seed-department-d05', { scope: 'department', scopeId: 'd06' }, 'FORBIDDEN');
    await expectScope('seed-department-d05', { scope: 'community', scopeId: 'c05' }, 'FORBIDDEN');
    await expectScope('seed-department-d05', { scope: 'county' }, 'FORBIDDEN');
    // The county admin: anything.
    for (const payload of [
      { scope: 'county' },
      { scope: 'community', scopeId: 'c05' },
      { scope: 'grid', scopeId: 'c05-g01' },
      { scope: 'department', scopeId: 'd06' },
    ])
      await expectScope('demo-county-admin', payload, null);
    // Residents and unit admins hold no role for it.
    await expectScope('demo-resident', { scope: 'community', scopeId: 'c01' }, 'FORBIDDEN');
    await expectScope('demo-unit-admin', { scope: 'county' }, 'FORBIDDEN');
  });
});

// ---------------------------------------------------------------------------------------- submitting

describe('submitting and assignment', () => {
  it('a point inside a grid goes to that grid at once, with the submission and the assignment in the timeline', async () => {
    const photos = [upload('demo-resident'), upload('demo-resident')];
    const at = inside('c03-g02');
    const c = await submit('demo-resident', {
      category: '噪音',
      location: { kind: 'point', ...at, label: '文峰路夜市' },
      urgency: 'urgent',
      photos,
    });
    expect(c).toMatchObject({
      status: 'assigned',
      level: 'grid',
      grid: { id: 'c03-g02' },
      community: { id: 'c03' },
      location: { ...at, label: '文峰路夜市' },
      urgency: 'urgent',
      anonymous: false,
      can: ['withdraw'],
      complainant: { name: '张秀兰' },
    });
    expect(c.photos.map((f: any) => f.fileId)).toEqual(photos);
    expect(c.photos.every((f: any) => /^http/.test(f.url))).toBe(true);
    // 紧急: the response is due in 2 hours.
    expect(Date.parse(c.dueAt) - Date.parse(c.submittedAt)).toBe(2 * HOUR);
    // The complainant reads plain progress; the grid's staff the timeline.
    expect(c.timeline).toBeNull();
    expect(c.progress).toMatchObject({
      state: '等待受理',
      handler: `${c.grid.name}的网格员`,
      steps: [{ text: '您提交了诉求' }, { text: `由${c.grid.name}的网格员办理` }],
      next: { kind: 'respond', who: '网格员', by: c.dueAt },
    });
    const grid = one('grids', { _id: 'c03-g02' });
    const handled = await ok(call('detail', { caseId: c.id }, grid.gridWorkerOpenids[0]));
    expect(handled.progress).toBeNull();
    expect(handled.timeline).toEqual([
      expect.objectContaining({ action: 'submit', role: 'resident', byName: '张秀兰', from: null, to: 'assigned' }),
      expect.objectContaining({ action: 'assign', role: 'system', from: 'assigned', to: 'assigned' }),
    ]);
    expect(handled.timeline[0].photos.map((f: any) => f.fileId)).toEqual(photos);
    expect(caseDoc(c.id)).toMatchObject({ queue: 'grid:c03-g02', openCommunityId: 'c03', dueKind: 'respond' });
    // The grid's staff are told.
    for (const staff of [grid.gridHeadOpenid, ...grid.gridWorkerOpenids])
      expect(messagesOf(staff).some((m) => m.page?.endsWith(`id=${c.id}`))).toBe(true);
  });

  it('a point outside every grid goes to the grid of the registered address; a building of the directory to its grid', async () => {
    const outside = await submit('demo-resident-2', { location: { kind: 'point', ...southOf('c06') } });
    expect(outside).toMatchObject({ level: 'grid', grid: { id: 'c01-g01' }, community: { id: 'c01' } });
    expect(outside.location).toMatchObject({ ...southOf('c06'), label: '地图选点' });
    const home = await submit('demo-resident-2', { location: { kind: 'address' } });
    expect(home).toMatchObject({ grid: { id: 'c01-g01' }, location: { label: '凤凰名苑2栋' } });
    expect(caseDoc(home.id)).toMatchObject({ microGridId: 'c01-g01-m2', location: { source: 'address' } });
    const building = await submit('demo-resident-2', { location: inBuilding('c03-g01-m1') });
    expect(building).toMatchObject({ grid: { id: 'c03-g01' }, community: { id: 'c03' } });
  });

  it('without an address and outside every grid, the case waits in the community queue', async () => {
    const nomad = await p.newcomer();
    const c = await submit(nomad, { location: { kind: 'point', ...southOf('c06') } });
    expect(c).toMatchObject({ status: 'assigned', level: 'community', grid: null, community: { id: 'c06' } });
    expect(caseDoc(c.id)).toMatchObject({ queue: 'community:c06', gridId: null });
    expect(steps(c.id)[1].note).toContain('社区待办');
    expect(c.progress).toMatchObject({ handler: c.community.name, next: { kind: 'respond', who: '社区' } });
    // The secretary sees it and responds to it.
    const queue = await allPages('communityQueue', {}, 'seed-secretary-c06');
    expect(queue.find((i) => i.id === c.id)).toMatchObject({ can: expect.arrayContaining(['accept']) });
    expect(messagesOf('seed-secretary-c06').some((m) => m.page?.endsWith(`id=${c.id}`))).toBe(true);
    expect((await ok(call('accept', { caseId: c.id }, 'seed-secretary-c06'))).status).toBe('accepted');
    // "My address" without one is refused.
    await refused(
      call('submit', { category: '其他', description: '希望增设公交站点', location: { kind: 'address' } }, nomad),
      'INVALID_INPUT',
    );
  });

  it('property categories in a building with a property company note its liaison in the timeline', async () => {
    const company = one('propertyCompanies', { _id: 'p01' });
    const managed = await submit('demo-resident', { category: '物业', location: inBuilding('c01-g01-m1') });
    expect(steps(managed.id).at(-1)).toMatchObject({
      action: 'notifyProperty',
      role: 'system',
      note: expect.stringContaining(company.liaisonName),
    });
    expect(steps(managed.id).at(-1).note).toContain(company.name);
    // The complainant reads that the property company was told, not whom.
    expect(managed.progress.steps.at(-1)).toMatchObject({ text: '已同时通知小区物业配合办理', note: null });
    const repair = await submit('demo-resident', { category: '设施维修', location: inBuilding('c01-g01-m1') });
    expect(steps(repair.id).map((s: any) => s.action)).toContain('notifyProperty');
    // Not for other categories, nor for a building without a company.
    const noise = await submit('demo-resident', { category: '噪音', location: inBuilding('c01-g01-m1') });
    expect(steps(noise.id).map((s: any) => s.action)).not.toContain('notifyProperty');
    const unmanaged = await submit('demo-resident', { category: '物业', location: inBuilding('c01-g04-m3') });
    expect(steps(unmanaged.id).map((s: any) => s.action)).not.toContain('notifyProperty');
  });

  const valid = () => ({ category: '环境卫生', description: '小区门口垃圾堆积三天', location: { kind: 'address' } });
  it.each([
    ['a point outside the county', { location: { kind: 'point', lat: 26.6, lng: 115.0 } }],
    ['no description', { description: undefined }],
    ['a too short description', { description: '脏' }],
    ['an unknown category', { category: '旅游' }],
    ['7 photos', { photos: 'seven' }],
    ["another person's upload", { photos: 'theirs' }],
    ['a made-up file of the caller', { photos: 'missing' }],
    ['an unknown building', { location: { kind: 'building', microGridId: 'c01-g01-m99' } }],
    ['a grid instead of a building', { location: { kind: 'building', microGridId: 'c01-g01' } }],
    ['an unknown urgency', { urgency: '特急' }],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_label, change: Record<string, unknown>) => {
    const payload: Record<string, unknown> = { ...valid(), ...change };
    if (change.photos === 'seven') payload.photos = Array.from({ length: 7 }, () => upload('demo-resident'));
    if (change.photos === 'theirs') payload.photos = [upload('demo-resident-2')];
    if (change.photos === 'missing') payload.photos = [upload('demo-resident').replace(/case-\d+/, 'case-none')];
    const month = monthOf(await clockNow(t));
    const before = p.snapshot(['cases', 'caseMetrics'], [['caseMetrics', `county-county-${month}`]]);
    await refused(call('submit', payload, 'demo-resident'), 'INVALID_INPUT');
    expect(p.snapshot(['cases', 'caseMetrics'], [['caseMetrics', `county-county-${month}`]])).toEqual(before);
  });

  it('six photos are fine', async () => {
    const photos = Array.from({ length: 6 }, () => upload('demo-resident'));
    expect((await submit('demo-resident', { photos })).photos).toHaveLength(6);
  });
});

// ---------------------------------------------------------------------------------------- withdraw

describe('withdrawing', () => {
  it('only before acceptance, only by the complainant', async () => {
    const c = await submit('demo-resident', { location: inBuilding(C04.building) });
    // Others: a resident who may not see it does not find it; a handler is refused; nothing changes.
    const before = JSON.stringify(caseDoc(c.id));
    await refused(call('withdraw', { caseId: c.id }, 'demo-resident-2'), 'NOT_FOUND');
    await refused(call('withdraw', { caseId: c.id }, C04.worker), 'FORBIDDEN');
    await refused(call('withdraw', { caseId: c.id }, C04.secretary), 'FORBIDDEN');
    expect(JSON.stringify(caseDoc(c.id))).toBe(before);

    const w = await ok(call('withdraw', { caseId: c.id, reason: '已自行解决' }, 'demo-resident'));
    expect(w).toMatchObject({ status: 'withdrawn', can: [], dueAt: null });
    expect(w.progress).toMatchObject({ state: '已撤回', handler: null, next: null });
    expect(w.progress.steps.at(-1)).toMatchObject({ text: '您撤回了诉求', note: '已自行解决' });
    expect(steps(c.id).at(-1)).toMatchObject({
      action: 'withdraw',
      role: 'resident',
      from: 'assigned',
      to: 'withdrawn',
      note: '已自行解决',
    });
    expect(caseDoc(c.id)).toMatchObject({ queue: null, openCommunityId: null });
    expect((await allPages('gridQueue', {}, C04.worker)).map((i) => i.id)).not.toContain(c.id);
    await refused(call('accept', { caseId: c.id }, C04.worker), 'CONFLICT');

    const accepted = await submit('demo-resident', { location: inBuilding(C04.building) });
    await ok(call('accept', { caseId: accepted.id }, C04.worker));
    await refused(call('withdraw', { caseId: accepted.id }, 'demo-resident'), 'CONFLICT');
    expect(caseDoc(accepted.id).status).toBe('accepted');
  });
});

// ---------------------------------------------------------------------------------------- grid

describe('the grid worker', () => {
  it('sees the open cases of their grids by deadline; another grid’s worker neither sees nor acts on them', async () => {
    const normal = await submit('demo-resident', { location: inBuilding(C04.building) });
    const urgent = await submit('demo-resident', { location: inBuilding(C04.building), urgency: 'urgent' });
    const queue = await allPages('gridQueue', {}, C04.worker);
    const ids = queue.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([normal.id, urgent.id]));
    // Urgent first: its response is due in 2 h, the other's in 24 h.
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(normal.id));
    const due = queue.map((i) => Date.parse(i.dueAt));
    expect([...due].sort((a, b) => a - b)).toEqual(due);
    expect(queue.every((i) => i.grid.id === 'c04-g01')).toBe(true);
    expect(queue.find((i) => i.id === normal.id)).toMatchObject({ can: ['accept'], complainant: { name: '张秀兰' } });

    const other = await allPages('gridQueue', {}, C04.otherGridWorker);
    expect(other.map((i) => i.id)).not.toContain(normal.id);
    const before = JSON.stringify(caseDoc(normal.id));
    for (const action of ['accept', 'detail'])
      await refused(call(action, { caseId: normal.id }, C04.otherGridWorker), 'NOT_FOUND');
    await refused(call('resolve', { caseId: normal.id, note: '处理好了' }, C04.otherGridWorker), 'NOT_FOUND');
    // The secretary does not answer for the grid.
    await refused(call('accept', { caseId: normal.id }, C04.secretary), 'FORBIDDEN');
    expect(JSON.stringify(caseDoc(normal.id))).toBe(before);
  });

  it('accepts, then resolves with a note and photos (小事不出网格); the complainant is told at each step', async () => {
    const c = await submit('demo-resident', { location: inBuilding(C04.building) });
    const told = messagesOf('demo-resident').length;
    await refused(call('resolve', { caseId: c.id, note: '已处理' }, C04.worker), 'CONFLICT');
    await refused(call('escalate', { caseId: c.id, reason: '处理不了' }, C04.worker), 'CONFLICT');
    const a = await ok(call('accept', { caseId: c.id, note: '已电话联系居民' }, C04.worker));
    expect(a).toMatchObject({ status: 'accepted', can: ['resolve', 'escalate'] });
    expect(a.timeline.at(-1)).toMatchObject({
      action: 'accept',
      role: 'gridWorker',
      from: 'assigned',
      to: 'accepted',
      note: '已电话联系居民',
    });
    expect(caseDoc(c.id).respondedAt).toBeTruthy();
    // Accepted: due for resolution 3 days after submission.
    expect(Date.parse(a.dueAt) - Date.parse(a.submittedAt)).toBe(3 * DAY);
    // The second grid worker of the grid may finish it.
    const photos = [upload(C04.worker2), upload(C04.worker2)];
    const r = await ok(call('resolve', { caseId: c.id, note: '垃圾已清运', photos }, C04.worker2));
    expect(r).toMatchObject({
      status: 'resolved',
      level: 'grid',
      resolution: { note: '垃圾已清运', level: 'grid' },
      can: [],
    });
    expect(r.resolution.photos.map((f: any) => f.fileId)).toEqual(photos);
    expect(r.timeline.at(-1)).toMatchObject({
      action: 'resolve',
      role: 'gridWorker',
      from: 'accepted',
      to: 'resolved',
      note: '垃圾已清运',
    });
    expect(r.timeline.at(-1).photos.map((f: any) => f.fileId)).toEqual(photos);
    expect(caseDoc(c.id).queue).toBeNull();
    const mine = await ok(call('detail', { caseId: c.id }, 'demo-resident'));
    expect(mine.can).toEqual(['rate']);
    expect(
      messagesOf('demo-resident')
        .slice(told)
        .map((m) => m.kind),
    ).toEqual(['caseAccepted', 'caseResolved']);
    // The photos must be the resolver's own uploads.
    const other = await submit('demo-resident', { location: inBuilding(C04.building) });
    await ok(call('accept', { caseId: other.id }, C04.worker));
    await refused(
      call('resolve', { caseId: other.id, note: '已处理', photos: [upload('demo-resident')] }, C04.worker),
      'INVALID_INPUT',
    );
    expect(caseDoc(other.id).status).toBe('accepted');
  });

  it('escalates with a reason to the community', async () => {
    const c = await submit('demo-resident', { location: inBuilding(C04.building) });
    await ok(call('accept', { caseId: c.id }, C04.worker));
    await refused(call('escalate', { caseId: c.id, reason: '' }, C04.worker), 'INVALID_INPUT');
    const e = await ok(call('escalate', { caseId: c.id, reason: '涉及违建需执法' }, C04.worker));
    expect(e).toMatchObject({ status: 'escalated', level: 'community', can: [] });
    expect(e.timeline.at(-1)).toMatchObject({
      action: 'escalate',
      role: 'gridWorker',
      from: 'accepted',
      to: 'escalated',
      note: '涉及违建需执法',
    });
    expect(caseDoc(c.id)).toMatchObject({ queue: 'community:c04', counted: { communityLevel: true } });
    expect((await allPages('gridQueue', {}, C04.worker)).map((i) => i.id)).not.toContain(c.id);
    expect(messagesOf(C04.secretary).some((m) => m.page?.endsWith(`id=${c.id}`))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------- secretary

describe('the secretary', () => {
  it('sees escalated, community-queue and overdue cases of their community only; resolves at the community level', async () => {
    const escalated = await escalatedC04('demo-resident');
    const queued = await submit(await p.newcomer(), { location: { kind: 'point', ...southOf('c04') } });
    expect(queued).toMatchObject({ level: 'community', community: { id: 'c04' } });
    const atGrid = await submit('demo-resident', { location: inBuilding(C04.building) });
    const urgentWhistle = await escalatedC04('demo-resident');
    await whistled(urgentWhistle.id, 'd02', [], '紧急');
    // 31 minutes on, d02 has not reported in: the case is overdue (and flagged by the scheduler).
    await moveClock(31 * MIN);
    const action = (await allPages('communityQueue', {}, C04.secretary)).map((i) => i.id);
    expect(action).toEqual(expect.arrayContaining([escalated.id, queued.id, urgentWhistle.id]));
    expect(action).not.toContain(atGrid.id);
    const overdue = (await allPages('communityQueue', {}, C04.secretary)).find((i) => i.id === urgentWhistle.id);
    expect(overdue).toMatchObject({ overdue: true, status: 'whistled' });
    const all = (await allPages('communityQueue', { filter: 'all' }, C04.secretary)).map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([escalated.id, queued.id, urgentWhistle.id, atGrid.id]));
    const elsewhere = await allPages('communityQueue', { filter: 'all' }, 'seed-secretary-c03');
    expect(elsewhere.map((i) => i.id)).not.toEqual(expect.arrayContaining([escalated.id]));
    expect(elsewhere.every((i) => i.community.id === 'c03')).toBe(true);
    await refused(call('resolve', { caseId: escalated.id, note: '已协调' }, 'seed-secretary-c03'), 'NOT_FOUND');

    const r = await ok(
      call(
        'resolve',
        { caseId: escalated.id, note: '社区协调物业已处理', photos: [upload(C04.secretary)] },
        C04.secretary,
      ),
    );
    expect(r).toMatchObject({ status: 'resolved', resolution: { level: 'community' } });
    expect(r.timeline.at(-1)).toMatchObject({
      action: 'resolve',
      role: 'secretary',
      from: 'escalated',
      to: 'resolved',
    });
    expect((await allPages('communityQueue', {}, C04.secretary)).map((i) => i.id)).not.toContain(escalated.id);
    // The queued case: answered by the secretary, then resolved.
    await ok(call('accept', { caseId: queued.id }, C04.secretary));
    expect((await ok(call('resolve', { caseId: queued.id, note: '已处理完毕' }, C04.secretary))).status).toBe(
      'resolved',
    );
  });

  it('blows the whistle to a lead and assisting departments with an allowed reason, a class and a deadline', async () => {
    const c = await escalatedC04('demo-resident');
    const now = await clockNow(t);
    const deadline = new Date(now.getTime() + 5 * DAY).toISOString();
    const told = ['d02', 'd03'].map((d) => messagesOf(dept(d)).length);
    const w = await ok(
      call(
        'whistle',
        {
          caseId: c.id,
          leadDepartmentId: 'd02',
          assistDepartmentIds: ['d03'],
          reason: '群众反映突出而社区解决不了',
          class: '重大',
          deadline,
          note: '请尽快到现场',
        },
        C04.secretary,
      ),
    );
    expect(w).toMatchObject({
      status: 'whistled',
      level: 'department',
      whistle: {
        reason: '群众反映突出而社区解决不了',
        class: '重大',
        deadline,
        departments: [
          { departmentId: 'd02', role: 'lead', reportedAt: null, late: false },
          { departmentId: 'd03', role: 'assist', reportedAt: null, late: false },
        ],
        extension: null,
        rating: null,
      },
    });
    // Report-in due in 24 h (重大).
    expect(Date.parse(w.whistle.reportBy) - Date.parse(w.timeline.at(-1).at)).toBe(24 * HOUR);
    expect(w.dueAt).toBe(w.whistle.reportBy);
    expect(w.timeline.at(-1)).toMatchObject({
      action: 'whistle',
      role: 'secretary',
      from: 'escalated',
      to: 'whistled',
    });
    expect(w.timeline.at(-1).note).toContain('请尽快到现场');
    expect(
      t.cloud.store
        .find('deptTasks', { query: { caseId: c.id } })
        .map((d: any) => [d.departmentId, d.role, d.status])
        .sort(),
    ).toEqual([
      ['d02', 'lead', 'open'],
      ['d03', 'assist', 'open'],
    ]);
    ['d02', 'd03'].forEach((d, i) => {
      const msgs = messagesOf(dept(d)).slice(told[i]);
      expect(msgs.map((m) => m.kind)).toEqual(['whistleReceived']);
    });
    // Once only.
    await refused(
      call(
        'whistle',
        { caseId: c.id, leadDepartmentId: 'd04', reason: '应急处置', class: '紧急', deadline },
        C04.secretary,
      ),
      'CONFLICT',
    );
  });

  /** One escalated case for every refused whistle (a refused whistle changes nothing). */
  let target: Promise<any> | undefined;
  it.each([
    ['no reason', { reason: undefined }],
    ['a reason that is not one of the three', { reason: '领导交办' }],
    ['no lead department', { leadDepartmentId: undefined }],
    ['an unknown lead department', { leadDepartmentId: 'd99' }],
    ['an unknown assisting department', { assistDepartmentIds: ['d03', 'd98'] }],
    ['the lead also assisting', { assistDepartmentIds: ['d02'] }],
    ['an unknown class', { class: '一般' }],
    ['a deadline in the past', { deadline: 'past' }],
    ['no deadline', { deadline: undefined }],
  ])('refuses a whistle with %s: INVALID_INPUT, nothing changes', async (_label, change: Record<string, unknown>) => {
    const c = await (target ??= escalatedC04('demo-resident'));
    const now = await clockNow(t);
    const payload: Record<string, unknown> = {
      caseId: c.id,
      leadDepartmentId: 'd02',
      assistDepartmentIds: [],
      reason: '需要综合执法',
      class: '日常',
      deadline: new Date(now.getTime() + 3 * DAY).toISOString(),
      ...change,
    };
    if (change.deadline === 'past') payload.deadline = new Date(now.getTime() - HOUR).toISOString();
    const before = JSON.stringify(caseDoc(c.id));
    const tasks = t.cloud.store.count('deptTasks', {});
    await refused(call('whistle', payload, C04.secretary), 'INVALID_INPUT');
    expect(JSON.stringify(caseDoc(c.id))).toBe(before);
    expect(t.cloud.store.count('deptTasks', {})).toBe(tasks);
  });

  it('decides extensions: approval moves the deadline, refusal keeps it', async () => {
    const c = await escalatedC04('demo-resident');
    const w = await whistled(c.id, 'd02', [], '日常', C04.secretary, 5 * DAY);
    await ok(call('reportIn', { caseId: c.id }, dept('d02')));
    const later = (days: number) => new Date(Date.parse(w.whistle.deadline) + days * DAY).toISOString();
    // Nothing to decide yet.
    await refused(call('decideExtension', { caseId: c.id, approve: true }, C04.secretary), 'CONFLICT');
    await refused(
      call('requestExtension', { caseId: c.id, until: later(-1), reason: '需要更多时间' }, dept('d02')),
      'INVALID_INPUT',
    );
    const asked = await ok(
      call('requestExtension', { caseId: c.id, until: later(3), reason: '需协调施工队' }, dept('d02')),
    );
    expect(asked.whistle.extension).toEqual({ until: later(3), reason: '需协调施工队', status: 'pending', note: null });
    expect(asked.timeline.at(-1)).toMatchObject({
      action: 'requestExtension',
      role: 'department',
      note: '需协调施工队',
    });
    await refused(
      call('requestExtension', { caseId: c.id, until: later(4), reason: '再延期一些' }, dept('d02')),
      'CONFLICT',
    );
    const queue = await allPages('communityQueue', {}, C04.secretary);
    expect(queue.find((i) => i.id === c.id)).toMatchObject({ can: expect.arrayContaining(['decideExtension']) });
    const refusedExt = await ok(
      call('decideExtension', { caseId: c.id, approve: false, note: '期限不变' }, C04.secretary),
    );
    expect(refusedExt.whistle).toMatchObject({
      deadline: w.whistle.deadline,
      extension: { status: 'refused', note: '期限不变' },
    });
    expect(refusedExt.dueAt).toBe(w.whistle.deadline);
    expect(refusedExt.timeline.at(-1)).toMatchObject({ action: 'refuseExtension', role: 'secretary' });
    // Asked again, approved: the deadline, the running deadline and the inbox move.
    await ok(call('requestExtension', { caseId: c.id, until: later(2), reason: '材料未到' }, dept('d02')));
    const approved = await ok(call('decideExtension', { caseId: c.id, approve: true }, C04.secretary));
    expect(approved.whistle).toMatchObject({ deadline: later(2), extension: { status: 'approved' } });
    expect(approved.dueAt).toBe(later(2));
    expect(approved.timeline.at(-1)).toMatchObject({ action: 'approveExtension', role: 'secretary' });
    const inbox = await allPages('deptInbox', {}, dept('d02'));
    expect(inbox.find((i) => i.caseId === c.id)).toMatchObject({ deadline: later(2) });
    expect(messagesOf(dept('d02')).slice(-1)[0].text).toMatch(/^延期已批准 · /);
  });
});

// ---------------------------------------------------------------------------------------- departments

describe('departments', () => {
  it('the inbox lists whistles of the department only, as lead and as assist; a department not whistled cannot read the case', async () => {
    const c = await escalatedC04('demo-resident', { anonymous: true });
    await whistled(c.id, 'd07', ['d08']);
    const lead = (await allPages('deptInbox', {}, dept('d07'))).find((i) => i.caseId === c.id);
    expect(lead).toMatchObject({
      role: 'lead',
      status: 'open',
      class: '日常',
      reason: '需要综合执法',
      community: { id: 'c04' },
      reportedAt: null,
      late: false,
      overdue: false,
    });
    const assist = (await allPages('deptInbox', {}, dept('d08'))).find((i) => i.caseId === c.id);
    expect(assist).toMatchObject({ role: 'assist', status: 'open' });
    expect((await allPages('deptInbox', {}, dept('d09'))).map((i) => i.caseId)).not.toContain(c.id);
    expect((await allPages('deptInbox', {}, dept('d07'))).every((i) => i.community)).toBe(true);
    await refused(call('detail', { caseId: c.id }, dept('d09')), 'NOT_FOUND');
    await refused(call('reportIn', { caseId: c.id }, dept('d09')), 'NOT_FOUND');
    // The whistled ones read it, with the complainant (they handle it).
    expect((await ok(call('detail', { caseId: c.id }, dept('d08')))).complainant).toMatchObject({ name: '张秀兰' });
    // Nothing in the inbox names the complainant of an anonymous case.
    expect(JSON.stringify(lead)).not.toContain('张秀兰');
  });

  it('reports in (late after the report deadline), resolves as lead after reporting in; the assisting department adds its part', async () => {
    const c = await escalatedC04('demo-resident');
    await whistled(c.id, 'd10', ['d11']);
    const lead = dept('d10');
    const helper = dept('d11');
    // Before reporting in: no resolution, no part.
    await refused(
      call('deptResolve', { caseId: c.id, outcome: '已处理完毕', photos: [upload(lead)] }, lead),
      'CONFLICT',
    );
    await refused(call('assist', { caseId: c.id, note: '已配合处理' }, helper), 'CONFLICT');
    const r = await ok(call('reportIn', { caseId: c.id, note: '已安排人员' }, lead));
    expect(r).toMatchObject({
      status: 'reported',
      whistle: { departments: [{ departmentId: 'd10', late: false }, { reportedAt: null }] },
    });
    expect(r.timeline.at(-1)).toMatchObject({
      action: 'reportIn',
      role: 'department',
      from: 'whistled',
      to: 'reported',
    });
    expect(r.timeline.at(-1).note).not.toContain('超时');
    expect(Date.parse(r.dueAt)).toBe(Date.parse(r.whistle.deadline));
    await refused(call('reportIn', { caseId: c.id }, lead), 'CONFLICT');
    // The assisting department reports in a day later: late.
    await moveClock(25 * HOUR);
    const late = await ok(call('reportIn', { caseId: c.id }, helper));
    expect(late.status).toBe('reported');
    expect(late.whistle.departments[1]).toMatchObject({ departmentId: 'd11', late: true });
    expect(late.timeline.at(-1).note).toContain('超时');
    expect(one('deptTasks', { caseId: c.id, departmentId: 'd11' })).toMatchObject({ late: true });
    // Lead only: extension and resolution; assist only: the part.
    await refused(
      call(
        'requestExtension',
        { caseId: c.id, until: new Date(Date.parse(r.whistle.deadline) + DAY).toISOString(), reason: '需要时间' },
        helper,
      ),
      'FORBIDDEN',
    );
    await refused(
      call('deptResolve', { caseId: c.id, outcome: '已处理完毕', photos: [upload(helper)] }, helper),
      'FORBIDDEN',
    );
    await refused(call('assist', { caseId: c.id, note: '牵头部门不协办' }, lead), 'FORBIDDEN');
    await refused(call('deptResolve', { caseId: c.id, outcome: '已处理完毕', photos: [] }, lead), 'INVALID_INPUT');
    const part = await ok(call('assist', { caseId: c.id, note: '已派员配合整治', photos: [upload(helper)] }, helper));
    expect(part.whistle.departments[1]).toMatchObject({ note: '已派员配合整治', doneAt: expect.any(String) });
    expect(part.timeline.at(-1)).toMatchObject({
      action: 'assist',
      role: 'department',
      from: 'reported',
      to: 'reported',
    });
    await refused(call('assist', { caseId: c.id, note: '再补充一点' }, helper), 'CONFLICT');
    expect((await allPages('deptInbox', { status: 'done' }, helper)).map((i) => i.caseId)).toContain(c.id);
    const evidence = [upload(lead)];
    const done = await ok(
      call('deptResolve', { caseId: c.id, outcome: '已拆除违建并恢复原状', photos: evidence }, lead),
    );
    expect(done).toMatchObject({
      status: 'resolved',
      resolution: { level: 'department', note: '已拆除违建并恢复原状' },
    });
    expect(done.timeline.at(-1)).toMatchObject({ action: 'deptResolve', from: 'reported', to: 'resolved' });
    expect(done.timeline.at(-1).photos.map((f: any) => f.fileId)).toEqual(evidence);
    expect((await allPages('deptInbox', {}, lead)).map((i) => i.caseId)).not.toContain(c.id);
    expect((await allPages('deptInbox', { status: 'done' }, lead)).map((i) => i.caseId)).toContain(c.id);
    // The community rates the department once.
    const rated = await ok(call('rateDepartment', { caseId: c.id, grade: '较好', note: '处置及时' }, C04.secretary));
    expect(rated.whistle.rating).toBe('较好');
    expect(rated.timeline.at(-1)).toMatchObject({
      action: 'rateDepartment',
      role: 'secretary',
      note: '较好：处置及时',
    });
    await refused(call('rateDepartment', { caseId: c.id, grade: '好' }, C04.secretary), 'CONFLICT');
    expect(caseDoc(c.id).whistle.rating).toBe('较好');
  });
});

// ---------------------------------------------------------------------------------------- resident rating

describe('the resident rates', () => {
  it('满意 and 基本满意 close; rating only once resolved', async () => {
    for (const grade of ['满意', '基本满意']) {
      const c = await submit('demo-resident', { location: inBuilding(C04.building) });
      await ok(call('accept', { caseId: c.id }, C04.worker));
      await refused(call('rate', { caseId: c.id, grade }, 'demo-resident'), 'CONFLICT');
      await ok(call('resolve', { caseId: c.id, note: '已处理' }, C04.worker));
      await refused(call('rate', { caseId: c.id, grade }, 'demo-resident-2'), 'NOT_FOUND');
      const closed = await ok(call('rate', { caseId: c.id, grade, comment: '谢谢' }, 'demo-resident'));
      expect(closed).toMatchObject({ status: 'closed', rating: { grade, comment: '谢谢' }, can: [] });
      expect(closed.progress.steps.at(-1)).toEqual({ at: expect.any(String), text: `您评价：${grade}`, note: '谢谢' });
      expect(steps(c.id).at(-1)).toMatchObject({
        action: 'rate',
        role: 'resident',
        from: 'resolved',
        to: 'closed',
        note: `${grade}：谢谢`,
      });
      expect(caseDoc(c.id)).toMatchObject({ queue: null, openCommunityId: null, dueAt: null });
      await refused(
        call('rate', { caseId: c.id, grade: '不满意', comment: '问题还没解决' }, 'demo-resident'),
        'CONFLICT',
      );
    }
  });

  it('不满意 without a reason is refused (the handler must know why), changing nothing', async () => {
    const c = await submit('demo-resident', { location: inBuilding(C04.building) });
    await ok(call('accept', { caseId: c.id }, C04.worker));
    await ok(call('resolve', { caseId: c.id, note: '已处理' }, C04.worker));
    for (const comment of [undefined, ' ', '差']) {
      const res = await call(
        'rate',
        { caseId: c.id, grade: '不满意', ...(comment === undefined ? {} : { comment }) },
        'demo-resident',
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: 'comment' }] } });
    }
    expect(caseDoc(c.id)).toMatchObject({ status: 'resolved', rating: null });
    // 满意 needs none.
    expect((await ok(call('rate', { caseId: c.id, grade: '满意' }, 'demo-resident'))).status).toBe('closed');
  });

  it('不满意 reopens once, back to the grid that resolved it; the second 不满意 closes', async () => {
    const c = await submit('demo-resident', { location: inBuilding(C04.building) });
    await ok(call('accept', { caseId: c.id }, C04.worker));
    await ok(call('resolve', { caseId: c.id, note: '已处理' }, C04.worker));
    const back = await ok(call('rate', { caseId: c.id, grade: '不满意', comment: '垃圾还在' }, 'demo-resident'));
    expect(back).toMatchObject({ status: 'reopened', level: 'grid', reopened: true, rating: { grade: '不满意' } });
    expect(back.progress).toMatchObject({
      state: '重新办理中',
      handler: `${back.grid.name}的网格员`,
      next: { kind: 'resolve', who: '网格员', by: back.dueAt },
    });
    expect(back.progress.steps.at(-1)).toMatchObject({ text: '您表示不满意，已重新办理', note: '垃圾还在' });
    expect(steps(c.id).at(-1)).toMatchObject({
      action: 'rate',
      from: 'resolved',
      to: 'reopened',
      note: expect.stringContaining('垃圾还在'),
    });
    const queued = (await allPages('gridQueue', {}, C04.worker)).find((i) => i.id === c.id);
    expect(queued).toMatchObject({ status: 'reopened', can: ['resolve', 'escalate'] });
    await ok(call('resolve', { caseId: c.id, note: '再次清理干净' }, C04.worker));
    const closed = await ok(call('rate', { caseId: c.id, grade: '不满意', comment: '问题还没解决' }, 'demo-resident'));
    expect(closed).toMatchObject({ status: 'closed', rating: { grade: '不满意' } });
  });

  it('不满意 sends a department’s case back to the lead department, its task open again', async () => {
    const c = await escalatedC04('demo-resident');
    await whistled(c.id, 'd12');
    await ok(call('reportIn', { caseId: c.id }, dept('d12')));
    await ok(
      call('deptResolve', { caseId: c.id, outcome: '已整治排污口', photos: [upload(dept('d12'))] }, dept('d12')),
    );
    const back = await ok(call('rate', { caseId: c.id, grade: '不满意', comment: '问题还没解决' }, 'demo-resident'));
    expect(back).toMatchObject({ status: 'reopened', level: 'department' });
    expect((await allPages('deptInbox', {}, dept('d12'))).find((i) => i.caseId === c.id)).toMatchObject({
      status: 'open',
    });
    expect((await ok(call('detail', { caseId: c.id }, dept('d12')))).can).toEqual(
      expect.arrayContaining(['deptResolve']),
    );
    await ok(call('deptResolve', { caseId: c.id, outcome: '已二次整治', photos: [upload(dept('d12'))] }, dept('d12')));
    expect(
      (await ok(call('rate', { caseId: c.id, grade: '不满意', comment: '问题还没解决' }, 'demo-resident'))).status,
    ).toBe('closed');
  });
});

// ---------------------------------------------------------------------------------------- scheduler

describe('deadlines (scheduler caseDeadlines)', () => {
  it('refuses calls from the mini-program', async () => {
    const res = (await t.invoke(
      'scheduler',
      { Type: 'Timer', TriggerName: 'tick' } as never,
      'demo-resident',
    )) as Envelope;
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('escalates an unanswered grid case after 24 h (紧急 2 h) and an accepted one not resolved in 3 days', async () => {
    const secretary = 'seed-secretary-c06';
    const urgent = await submit('demo-resident', { location: inBuilding('c06-g01-m1'), urgency: 'urgent' });
    const normal = await submit('demo-resident', { location: inBuilding('c06-g01-m2') });
    const accepted = await submit('demo-resident', { location: inBuilding('c06-g02-m1') });
    await ok(call('accept', { caseId: accepted.id }, 'seed-grid-c06-g02-1'));
    const told = messagesOf(secretary).length;

    await moveClock(2 * HOUR + MIN);
    expect((await runDeadlines()).ok).toBe(true);
    expect(caseDoc(urgent.id)).toMatchObject({ status: 'escalated', level: 'community', queue: 'community:c06' });
    expect(steps(urgent.id, 'escalate')).toEqual([
      expect.objectContaining({
        by: 'system',
        role: 'system',
        from: 'assigned',
        to: 'escalated',
        note: expect.stringContaining('超时未响应'),
      }),
    ]);
    expect(caseDoc(normal.id).status).toBe('assigned');
    expect(messagesOf(secretary).length).toBeGreaterThan(told);

    await moveClock(22 * HOUR);
    await runDeadlines();
    expect(caseDoc(normal.id)).toMatchObject({ status: 'escalated', level: 'community' });
    expect(caseDoc(accepted.id).status).toBe('accepted');
    // Escalated once, whatever the number of runs.
    expect(steps(urgent.id, 'escalate')).toHaveLength(1);

    await moveClock(2 * DAY);
    await runDeadlines();
    expect(caseDoc(accepted.id)).toMatchObject({
      status: 'escalated',
      level: 'community',
      respondedAt: expect.anything(),
    });
    expect(steps(accepted.id, 'escalate')).toEqual([
      expect.objectContaining({
        role: 'system',
        from: 'accepted',
        to: 'escalated',
        note: expect.stringContaining('未办结'),
      }),
    ]);
    // The grid can no longer act on them (the case moved on: CONFLICT); the community can.
    await refused(call('accept', { caseId: normal.id }, 'seed-grid-c06-g01-1'), 'CONFLICT');
    expect((await ok(call('resolve', { caseId: normal.id, note: '社区已处理' }, secretary))).status).toBe('resolved');
  });

  it('flags a department not reported in by the report deadline as late (30 min for 紧急) and tells it once', async () => {
    const c = await escalatedC04('demo-resident');
    await whistled(c.id, 'd03', ['d04'], '紧急');
    const daily = await escalatedC04('demo-resident');
    await whistled(daily.id, 'd03', [], '日常');
    const told = () =>
      ['d03', 'd04'].map((d) => messagesOf(dept(d)).filter((m) => m.page?.endsWith(`id=${c.id}`)).length);
    const before = told();

    await moveClock(31 * MIN);
    await runDeadlines();
    expect(caseDoc(c.id).whistle.departments.map((d: any) => d.late)).toEqual([true, true]);
    expect(t.cloud.store.find('deptTasks', { query: { caseId: c.id } }).map((d: any) => d.late)).toEqual([true, true]);
    expect(steps(c.id, 'flagLate')).toHaveLength(1);
    expect(told()).toEqual(before.map((n) => n + 1));
    expect((await allPages('deptInbox', {}, dept('d03'))).find((i) => i.caseId === c.id)).toMatchObject({
      late: true,
      overdue: true,
    });
    // The 日常 whistle is not late yet.
    expect(caseDoc(daily.id).whistle.departments[0].late).toBe(false);
    // Again later: told once only.
    await moveClock(10 * MIN);
    await runDeadlines();
    expect(told()).toEqual(before.map((n) => n + 1));
    expect(steps(c.id, 'flagLate')).toHaveLength(1);
    // Reporting in now stays late.
    const r = await ok(call('reportIn', { caseId: c.id }, dept('d03')));
    expect(r.whistle.departments[0]).toMatchObject({ late: true });
  });

  it('flags an assisting department still not reported in after the lead did', async () => {
    const c = await escalatedC04('demo-resident');
    await whistled(c.id, 'd07', ['d09'], '紧急');
    await ok(call('reportIn', { caseId: c.id }, dept('d07')));
    const before = messagesOf(dept('d09')).filter((m) => m.page?.endsWith(`id=${c.id}`)).length;
    await moveClock(31 * MIN);
    await runDeadlines();
    expect(caseDoc(c.id).whistle.departments.map((d: any) => [d.departmentId, d.late])).toEqual([
      ['d07', false],
      ['d09', true],
    ]);
    expect(messagesOf(dept('d09')).filter((m) => m.page?.endsWith(`id=${c.id}`)).length).toBe(before + 1);
  });

  it('closes a case resolved and unrated for 7 days as 未评价', async () => {
    const c = await submit('demo-resident', { location: inBuilding('c07-g01-m1') });
    await ok(call('accept', { caseId: c.id }, 'seed-grid-c07-g01-1'));
    await ok(call('resolve', { caseId: c.id, note: '已处理' }, 'seed-grid-c07-g01-1'));
    await moveClock(6 * DAY);
    await runDeadlines();
    expect(caseDoc(c.id).status).toBe('resolved');
    await moveClock(DAY + MIN);
    await runDeadlines();
    expect(caseDoc(c.id)).toMatchObject({ status: 'closed', rating: { grade: '未评价' }, openCommunityId: null });
    expect(steps(c.id, 'autoClose')).toEqual([
      expect.objectContaining({ role: 'system', from: 'resolved', to: 'closed' }),
    ]);
    await refused(call('rate', { caseId: c.id, grade: '满意' }, 'demo-resident'), 'CONFLICT');
  });

  it('an approved extension stops the case counting as overdue; a refused one does not', async () => {
    const approved = await escalatedC04('demo-resident');
    const refusedOne = await escalatedC04('demo-resident');
    for (const c of [approved, refusedOne]) {
      const w = await whistled(c.id, 'd01', [], '日常', C04.secretary, 2 * DAY);
      await ok(call('reportIn', { caseId: c.id }, dept('d01')));
      const until = new Date(Date.parse(w.whistle.deadline) + 5 * DAY).toISOString();
      await ok(call('requestExtension', { caseId: c.id, until, reason: '需等待审批手续' }, dept('d01')));
      await ok(call('decideExtension', { caseId: c.id, approve: c === approved }, C04.secretary));
    }
    await moveClock(3 * DAY);
    await runDeadlines();
    const a = await ok(call('detail', { caseId: approved.id }, C04.secretary));
    expect(a).toMatchObject({ overdue: false, status: 'reported' });
    const r = await ok(call('detail', { caseId: refusedOne.id }, C04.secretary));
    expect(r).toMatchObject({ overdue: true, status: 'reported' });
    const inbox = await allPages('deptInbox', {}, dept('d01'));
    expect(inbox.find((i) => i.caseId === approved.id)).toMatchObject({ overdue: false });
    expect(inbox.find((i) => i.caseId === refusedOne.id)).toMatchObject({ overdue: true });
    const queue = (await allPages('communityQueue', {}, C04.secretary)).map((i) => i.id);
    expect(queue).toContain(refusedOne.id);
    expect(queue).not.toContain(approved.id);
  });
});

// ---------------------------------------------------------------------------------------- races

describe('two handlers at once', () => {
  const oneWins = (results: Envelope[]) => {
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.error!.code)).toEqual(['CONFLICT']);
  };

  it('two grid workers accepting: one wins, one timeline entry, one on-time response counted', async () => {
    const c = await submit('demo-resident', { location: inBuilding('c07-g02-m1') });
    const month = caseDoc(c.id).month;
    const counter = () => one('caseMetrics', { _id: `grid-c07-g02-${month}` }).respondedOnTime;
    const before = counter();
    oneWins(
      await Promise.all(['seed-grid-c07-g02-1', 'seed-grid-c07-g02-2'].map((w) => call('accept', { caseId: c.id }, w))),
    );
    expect(steps(c.id, 'accept')).toHaveLength(1);
    expect(counter()).toBe(before + 1);
  });

  it('two whistles: one wins, only its department tasks exist', async () => {
    const c = await escalatedC04('demo-resident');
    const now = await clockNow(t);
    const deadline = new Date(now.getTime() + 5 * DAY).toISOString();
    const results = await Promise.all(
      ['d11', 'd12'].map((lead) =>
        call(
          'whistle',
          { caseId: c.id, leadDepartmentId: lead, reason: '应急处置', class: '紧急', deadline },
          C04.secretary,
        ),
      ),
    );
    oneWins(results);
    expect(steps(c.id, 'whistle')).toHaveLength(1);
    const lead = results.find((r) => r.ok)!.data.whistle.departments[0].departmentId;
    expect(t.cloud.store.find('deptTasks', { query: { caseId: c.id } }).map((d: any) => d.departmentId)).toEqual([
      lead,
    ]);
  });

  it('the same department reporting in twice: one wins, counted once', async () => {
    const c = await escalatedC04('demo-resident');
    await whistled(c.id, 'd08');
    const month = caseDoc(c.id).month;
    const counter = () => one('caseMetrics', { _id: `department-d08-${month}` }).reportedOnTime;
    const before = counter();
    oneWins(await Promise.all([1, 2].map(() => call('reportIn', { caseId: c.id }, dept('d08')))));
    expect(steps(c.id, 'reportIn')).toHaveLength(1);
    expect(counter()).toBe(before + 1);
  });

  it('the resident rating twice: one wins, rated once', async () => {
    const c = await submit('demo-resident', { location: inBuilding('c07-g03-m1') });
    await ok(call('accept', { caseId: c.id }, 'seed-grid-c07-g03-1'));
    await ok(call('resolve', { caseId: c.id, note: '已处理' }, 'seed-grid-c07-g03-1'));
    const month = caseDoc(c.id).month;
    const counter = () => one('caseMetrics', { _id: `grid-c07-g03-${month}` });
    const before = counter();
    oneWins(
      await Promise.all(['满意', '基本满意'].map((grade) => call('rate', { caseId: c.id, grade }, 'demo-resident'))),
    );
    expect(steps(c.id, 'rate')).toHaveLength(1);
    expect(counter()).toMatchObject({ rated: before.rated + 1, satisfied: before.satisfied + 1 });
  });

  it('the grid worker escalating while the other resolves: one wins', async () => {
    const c = await submit('demo-resident', { location: inBuilding('c07-g02-m2') });
    await ok(call('accept', { caseId: c.id }, 'seed-grid-c07-g02-1'));
    oneWins(
      await Promise.all([
        call('escalate', { caseId: c.id, reason: '需社区协调' }, 'seed-grid-c07-g02-1'),
        call('resolve', { caseId: c.id, note: '已处理' }, 'seed-grid-c07-g02-2'),
      ]),
    );
    expect(steps(c.id).filter((s) => s.action === 'escalate' || s.action === 'resolve')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------- identity and timeline

describe('who sees the complainant', () => {
  it('the complainant and the handlers in scope; nobody else reads the case', async () => {
    const c = await escalatedC04('demo-resident', { anonymous: true });
    await whistled(c.id, 'd02', ['d03']);
    for (const viewer of ['demo-resident', C04.worker, C04.secretary, dept('d02'), dept('d03'), 'demo-county-admin']) {
      const seen = await ok(call('detail', { caseId: c.id }, viewer));
      expect({ viewer, complainant: seen.complainant }).toEqual({
        viewer,
        complainant: { name: '张秀兰', phone: p.doc('users', 'demo-resident').phone },
      });
      expect(seen.anonymous).toBe(true);
    }
    for (const stranger of [
      'demo-resident-2',
      'demo-member',
      C04.otherGridWorker,
      'seed-secretary-c03',
      dept('d04'),
      'demo-unit-admin',
    ])
      await refused(call('detail', { caseId: c.id }, stranger), 'NOT_FOUND');
    // No message to anyone but the complainant names them.
    const sent = t.cloud.outbox.all().filter((m) => m.page?.endsWith(`id=${c.id}`) && m.touser !== 'demo-resident');
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) expect(JSON.stringify(m.data)).not.toMatch(/张秀兰|秀兰/);
    const listed = (t.cloud.store.find('notifications', {}) as any[]).filter(
      (m) => m.page.endsWith(`id=${c.id}`) && m.openid !== 'demo-resident',
    );
    expect(listed.length).toBeGreaterThan(0);
    for (const m of listed) expect(`${m.title} ${m.text}`).not.toMatch(/张秀兰|秀兰/);
    // The complainant's list shows their cases without timelines.
    const mine = await ok(call('mine', {}, 'demo-resident'));
    expect(mine.find((m: any) => m.id === c.id)).toMatchObject({ timeline: null, complainant: { name: '张秀兰' } });
    expect((await ok(call('mine', {}, 'demo-resident-2'))).map((m: any) => m.id)).not.toContain(c.id);
  });
});

describe('the timeline', () => {
  it('records every transition with who, role, when, from → to, note and photos', async () => {
    const photo = upload('demo-resident');
    const c = await submit('demo-resident', { location: inBuilding(C04.building), photos: [photo] });
    await ok(call('accept', { caseId: c.id, note: '已联系' }, C04.worker));
    await ok(call('escalate', { caseId: c.id, reason: '需要执法' }, C04.worker));
    await whistled(c.id, 'd10');
    await ok(call('reportIn', { caseId: c.id }, dept('d10')));
    const evidence = upload(dept('d10'));
    await ok(call('deptResolve', { caseId: c.id, outcome: '已依法处置', photos: [evidence] }, dept('d10')));
    await ok(call('rateDepartment', { caseId: c.id, grade: '一般' }, C04.secretary));
    await ok(call('rate', { caseId: c.id, grade: '基本满意' }, 'demo-resident'));
    const final = await ok(call('detail', { caseId: c.id }, C04.secretary));
    const names = (openid: string) => p.doc('users', openid).name;
    expect(final.timeline.map((s: any) => [s.action, s.role, s.byName, s.from, s.to])).toEqual([
      ['submit', 'resident', '张秀兰', null, 'assigned'],
      ['assign', 'system', '系统', 'assigned', 'assigned'],
      ['accept', 'gridWorker', names(C04.worker), 'assigned', 'accepted'],
      ['escalate', 'gridWorker', names(C04.worker), 'accepted', 'escalated'],
      ['whistle', 'secretary', names(C04.secretary), 'escalated', 'whistled'],
      ['reportIn', 'department', names(dept('d10')), 'whistled', 'reported'],
      ['deptResolve', 'department', names(dept('d10')), 'reported', 'resolved'],
      ['rateDepartment', 'secretary', names(C04.secretary), 'resolved', 'resolved'],
      ['rate', 'resident', '张秀兰', 'resolved', 'closed'],
    ]);
    expect(final.timeline.map((s: any) => s.note)).toEqual([
      null,
      expect.stringContaining('分派至'),
      '已联系',
      '需要执法',
      expect.stringContaining('需要综合执法'),
      expect.stringContaining('报到'),
      '已依法处置',
      '一般',
      '基本满意',
    ]);
    expect(final.timeline[0].photos.map((f: any) => f.fileId)).toEqual([photo]);
    expect(final.timeline[6].photos.map((f: any) => f.fileId)).toEqual([evidence]);
    const times = final.timeline.map((s: any) => Date.parse(s.at));
    expect(times.every((x: number) => Number.isFinite(x))).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('what the complainant reads', () => {
  /** The handlers' chain, none of which the complainant is sent. */
  const INTERNAL = ['部门办理', '协办', '牵头', '超时', '未报到', '报到', '吹哨', '→', '延期', '较好'];

  it('a whistled, escalated case: who handles it, what happened and what comes next in plain words; handlers keep the full timeline', async () => {
    const c = await escalatedC04('demo-resident');
    const w = await whistled(c.id, 'd09', ['d04']);
    const [lead, assist] = w.whistle.departments.map((d: any) => d.departmentName);
    await ok(call('reportIn', { caseId: c.id, note: '已安排执法中队到场' }, dept('d09')));
    // The assisting department misses its report-in deadline (flagged 超时未报到), then reports in late and adds its part.
    await moveClock(25 * HOUR);
    await runDeadlines();
    expect(steps(c.id, 'flagLate')).toHaveLength(1);
    await ok(call('reportIn', { caseId: c.id }, dept('d04')));
    await ok(call('assist', { caseId: c.id, note: '已派员配合现场整治' }, dept('d04')));
    const until = new Date(Date.parse(w.whistle.deadline) + 3 * DAY).toISOString();
    await ok(call('requestExtension', { caseId: c.id, until, reason: '需协调施工队进场' }, dept('d09')));
    await ok(call('decideExtension', { caseId: c.id, approve: true }, C04.secretary));

    // Handlers: the full timeline and the whistle, as before.
    const staff = await ok(call('detail', { caseId: c.id }, C04.secretary));
    expect(staff.progress).toBeNull();
    expect(staff.timeline.map((s: any) => s.action)).toEqual([
      'submit',
      'assign',
      'accept',
      'escalate',
      'whistle',
      'reportIn',
      'flagLate',
      'reportIn',
      'assist',
      'requestExtension',
      'approveExtension',
    ]);
    expect(staff.timeline.find((s: any) => s.action === 'flagLate').note).toContain('超时未报到');
    expect(staff.whistle.departments.map((d: any) => [d.departmentId, d.role, d.late])).toEqual([
      ['d09', 'lead', false],
      ['d04', 'assist', true],
    ]);
    expect((await ok(call('detail', { caseId: c.id }, dept('d04')))).timeline).toHaveLength(staff.timeline.length);

    // The complainant: plain progress only — no timeline, no whistle.
    const mine = await ok(call('detail', { caseId: c.id }, 'demo-resident'));
    expect(mine).toMatchObject({ status: 'reported', level: 'department', timeline: null, whistle: null });
    expect(mine.progress).toEqual({
      state: '正在办理',
      handler: `${lead}等部门`,
      steps: [
        '您提交了诉求',
        `由${c.grid.name}的网格员办理`,
        '网格员已受理',
        `已转交${c.community.name}办理`,
        `社区已协调${lead}、${assist}共同办理`,
        `${lead}已开始办理`,
        '经社区同意，办理期限已延长',
      ].map((text) => ({ at: expect.any(String), text, note: null })),
      next: { kind: 'resolve', who: `${lead}等部门`, by: until },
    });
    const sent = JSON.stringify(mine);
    for (const word of [
      ...INTERNAL,
      '需要综合执法',
      '涉及多部门需社区协调',
      '已安排执法中队到场',
      '已派员配合现场整治',
      '需协调施工队进场',
    ])
      expect({ word, sent: sent.includes(word) }).toEqual({ word, sent: false });

    // Resolved: nobody handles it now; the resident is asked to confirm by the rating deadline.
    await ok(
      call('deptResolve', { caseId: c.id, outcome: '已清理占道杂物', photos: [upload(dept('d09'))] }, dept('d09')),
    );
    await ok(call('rateDepartment', { caseId: c.id, grade: '较好', note: '处置及时' }, C04.secretary));
    const toConfirm = await ok(call('detail', { caseId: c.id }, 'demo-resident'));
    expect(toConfirm.progress).toMatchObject({
      state: '待您确认',
      handler: null,
      next: { kind: 'confirm', who: null, by: toConfirm.dueAt },
    });
    expect(toConfirm.progress.steps.at(-1)).toMatchObject({ text: `${lead}等部门已处理完毕`, note: '已清理占道杂物' });
    expect(JSON.stringify(toConfirm)).not.toMatch(/较好|处置及时|协办|超时|→/);

    const closed = await ok(call('rate', { caseId: c.id, grade: '满意', comment: '谢谢' }, 'demo-resident'));
    expect(closed.progress).toMatchObject({ state: '已完结', handler: null, next: null });
    expect(closed.progress.steps.at(-1)).toMatchObject({ text: '您评价：满意', note: '谢谢' });
  });

  it('a case handed to the community by the scheduler reads 已转交…办理, with the community next', async () => {
    const c = await submit('demo-resident', { location: inBuilding(C04.building) });
    await moveClock(25 * HOUR);
    await runDeadlines();
    const mine = await ok(call('detail', { caseId: c.id }, 'demo-resident'));
    expect(mine.status).toBe('escalated');
    expect(mine.progress).toMatchObject({
      state: '正在办理',
      handler: c.community.name,
      next: { kind: 'resolve', who: '社区', by: null },
    });
    expect(mine.progress.steps.map((s: any) => s.text)).toEqual([
      '您提交了诉求',
      `由${c.grid.name}的网格员办理`,
      `已转交${c.community.name}办理`,
    ]);
    expect(JSON.stringify(mine.progress)).not.toMatch(/超时|自动上报/);
  });
});

describe('staff never handle a case they filed', () => {
  const OWN_CASE = '不能办理自己提交的诉求，请由其他工作人员处理';
  /** A refusal as the owner gets it: FORBIDDEN with the message, and the case exactly as it was. */
  async function refusedOwn(caseId: string, action: string, payload: Record<string, unknown>, by: string) {
    const before = JSON.stringify(caseDoc(caseId));
    const r = await call(action, { caseId, ...payload }, by);
    expect({ action, ok: r.ok, code: r.error?.code, message: r.error?.message }).toEqual({
      action,
      ok: false,
      code: 'FORBIDDEN',
      message: OWN_CASE,
    });
    expect(JSON.stringify(caseDoc(caseId))).toBe(before);
  }
  /** A resident of c08 (first building of grid c08-g01) who is also given `grant` by the county admin. */
  async function staffResident(grant: Record<string, unknown>) {
    const group = one('residentGroups', { communityId: 'c08' });
    const r = await p.newResident({
      address: { communityId: 'c08', residentGroupId: group._id, microGridId: 'c08-g01-m1', building: '2单元402室' },
    });
    await p.ok(p.account('grantRole', { openid: r.openid, grant }, 'demo-county-admin'));
    return r.openid;
  }
  const C08_WORKER = 'seed-grid-c08-g01-1';
  const C08_SECRETARY = 'seed-secretary-c08';

  it('a grid worker who filed a case in their own grid: in their queue without actions, refused; a colleague accepts, escalates', async () => {
    const owner = await staffResident({ role: 'gridWorker', communityId: 'c08', gridIds: ['c08-g01'] });
    const c = await submit(owner);
    expect(c).toMatchObject({ status: 'assigned', grid: { id: 'c08-g01' }, can: ['withdraw'] });
    const queued = (await allPages('gridQueue', {}, owner)).find((k: any) => k.id === c.id);
    expect(queued).toMatchObject({ status: 'assigned', can: ['withdraw'] });
    await refusedOwn(c.id, 'accept', {}, owner);

    await ok(call('accept', { caseId: c.id }, C08_WORKER));
    expect((await ok(call('detail', { caseId: c.id }, owner))).can).toEqual([]);
    await refusedOwn(c.id, 'resolve', { note: '已经清理干净', photos: [] }, owner);
    await refusedOwn(c.id, 'escalate', { reason: '需要社区协调' }, owner);
    const up = await ok(call('escalate', { caseId: c.id, reason: '需要社区协调' }, C08_WORKER));
    expect(up).toMatchObject({ status: 'escalated', level: 'community' });
    // Every handler's step was a colleague's; the owner's only step is the submission.
    expect(steps(c.id).filter((s) => s.by === owner)).toEqual([expect.objectContaining({ action: 'submit' })]);
  });

  it('the secretary who is also a resident (demo-multi, c02) neither resolves nor whistles her own case; another secretary of c02 resolves it', async () => {
    const c = await submit('demo-multi');
    expect(c).toMatchObject({ status: 'assigned', grid: { id: 'c02-g01' } });
    await ok(call('accept', { caseId: c.id }, 'seed-grid-c02-g01-1'));
    await ok(call('escalate', { caseId: c.id, reason: '需要社区协调' }, 'seed-grid-c02-g01-1'));
    // In her community's queue, as the case she filed: no handler's action.
    const queued = (await allPages('communityQueue', { filter: 'action' }, 'demo-multi')).find(
      (k: any) => k.id === c.id,
    );
    expect(queued).toMatchObject({ status: 'escalated', level: 'community', can: [] });
    await refusedOwn(c.id, 'resolve', { note: '已协调物业处理', photos: [] }, 'demo-multi');
    const now = await clockNow(t);
    await refusedOwn(
      c.id,
      'whistle',
      {
        leadDepartmentId: 'd12',
        assistDepartmentIds: [],
        reason: '需要综合执法',
        class: '日常',
        deadline: new Date(now.getTime() + 10 * DAY).toISOString(),
      },
      'demo-multi',
    );
    expect(t.cloud.store.count('deptTasks', { caseId: c.id })).toBe(0);

    const colleague = (await p.newResident()).openid;
    await p.ok(
      p.account(
        'grantRole',
        { openid: colleague, grant: { role: 'secretary', communityId: 'c02' } },
        'demo-county-admin',
      ),
    );
    expect((await ok(call('detail', { caseId: c.id }, colleague))).can).toEqual(['resolve', 'whistle']);
    const done = await ok(call('resolve', { caseId: c.id, note: '已协调物业处理', photos: [] }, colleague));
    expect(done).toMatchObject({ status: 'resolved' });
    expect(caseDoc(c.id).resolution).toMatchObject({ by: colleague, level: 'community' });
  });

  it('department staff whistled on their own case: report-in refused; a colleague of the department reports in', async () => {
    const owner = await staffResident({ role: 'department', departmentId: 'd12' });
    const c = await submit(owner);
    await ok(call('accept', { caseId: c.id }, C08_WORKER));
    await ok(call('escalate', { caseId: c.id, reason: '需要部门执法' }, C08_WORKER));
    await whistled(c.id, 'd12', [], '日常', C08_SECRETARY);
    expect((await ok(call('detail', { caseId: c.id }, owner))).can).toEqual([]);
    await refusedOwn(c.id, 'reportIn', {}, owner);
    const inbox = await p.allPages('complaint', 'deptInbox', { status: 'open' }, dept('d12'));
    expect(inbox.map((k: any) => k.caseId)).toContain(c.id);
    const reported = await ok(call('reportIn', { caseId: c.id }, dept('d12')));
    expect(reported).toMatchObject({ status: 'reported' });
    await refusedOwn(c.id, 'deptResolve', { outcome: '已依法处理完毕', photos: [upload(owner)] }, owner);
  });
});
