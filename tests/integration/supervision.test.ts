import { getDb } from '../../server/platform/cloud';
import { now as serverNow } from '../../server/platform/clock';
import { refreshQuarter, refreshSupervision } from '../../server/supervision/tallies';
import { quarterAt } from '../../server/supervision/sources';
import { DEFAULT_RULES } from '../../contract/supervision';
import { nextQuarter, previousQuarter, quarterWords } from '../../contract/quarters';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { people, type Envelope, type People } from '../helpers/people';

/**
 * 督导 on a county built by hand (no seed): two communities, three paired units, two departments,
 * their counters and documents for 2031Q1 and 2031Q2 — every figure, score, band and rank checked
 * to the unit against numbers worked out here by hand from DEFAULT_RULES; then the refresh job
 * (frozen quarters untouched, a past quarter's stock kept), scopes, budgets and rule versions.
 */

let t: TestCloud;
let p: People;
const Q = '2031Q2';
const Q1 = '2031Q1';

const COUNTY = 'sv-county';
const SECRETARY = 'sv-secretary-c01';
const UNIT_ADMIN = 'sv-unit-admin-u01';
const DEPARTMENT = 'sv-department-d01';
const RESIDENT = 'sv-resident';

const sv = <T = any>(action: string, payload: unknown, openid: string) =>
  p.call<T>('supervision', action, payload, openid) as Promise<Envelope<T>>;
const ok = <T = any>(action: string, payload: unknown, openid: string) => p.ok<T>(sv<T>(action, payload, openid));
const code = (r: Envelope) => r.error?.code;
const jobCtx = () => ({ db: getDb(), now: serverNow() });

/** Local (Asia/Shanghai) time as a Date. */
const at = (local: string) => new Date(`${local}+08:00`);

async function put(collection: string, docs: Array<Record<string, unknown>>): Promise<void> {
  const db = getDb();
  for (const { _id, ...data } of docs)
    await db
      .collection(collection)
      .doc(_id as string)
      .set({ data });
}

const zeroItems = { partyMeeting: 0, symposium: 0, survey: 0, wish: 0, volunteer: 0, pairing: 0 };
const wish = (
  id: string,
  communityId: string,
  unitId: string | null,
  published: string,
  fulfilled: string,
  completed: Date,
) => ({
  _id: id,
  communityId,
  status: 'completed',
  claim: { openid: 'x', name: 'x', unitId, communityId, claimedAt: at(published), deadline: at(fulfilled) },
  publishedAt: at(published),
  fulfilment: { photos: [], note: '', at: at(fulfilled) },
  completedAt: completed,
});
const metricsDoc = (scope: string, scopeId: string, month: string, counts: Record<string, number>) => ({
  _id: `${scope}-${scopeId}-${month}`,
  scope,
  scopeId,
  month,
  ...counts,
});

async function buildCounty(): Promise<void> {
  const user = (openid: string, roles: unknown[]) => ({ _id: openid, openid, name: openid, roles, nickname: openid });
  await put('users', [
    user(COUNTY, [{ role: 'countyAdmin' }]),
    user(SECRETARY, [{ role: 'secretary', communityId: 'c01' }]),
    user(UNIT_ADMIN, [{ role: 'unitAdmin', unitId: 'u01' }]),
    user(DEPARTMENT, [{ role: 'department', departmentId: 'd01' }]),
    user(RESIDENT, []),
  ]);
  await put('communities', [
    { _id: 'c01', name: '东风社区', pairedUnitIds: ['u01', 'u02'] },
    { _id: 'c02', name: '西湖社区', pairedUnitIds: ['u03'] },
  ]);
  await put('units', [
    { _id: 'u01', name: '县财政局', pairedCommunityId: 'c01', memberCount: 10 },
    { _id: 'u02', name: '县医院', pairedCommunityId: 'c01', memberCount: 10 },
    // 在职党员数 unknown: c02's 双报到率 and u03's are 无数据.
    { _id: 'u03', name: '县电力公司', pairedCommunityId: 'c02', memberCount: null },
  ]);
  await put('departments', [
    { _id: 'd01', name: '县住建局' },
    { _id: 'd02', name: '县城管局' },
  ]);
  const reported = (scope: string, id: string, n: number, shard = 0) => {
    const base = `reported-${scope}-${id}`;
    return { _id: shard ? `${base}~${shard}` : base, base, kind: 'reported', scope, scopeId: id, reported: n };
  };
  const year = (scope: string, id: string, counts: Record<string, unknown>) => {
    const base = `${scope}-${id}-2031`;
    return { _id: base, base, kind: 'year', scope, scopeId: id, year: 2031, ...counts };
  };
  await put('tallies', [
    // c01: 16 reported, over two shards.
    reported('community', 'c01', 10),
    reported('community', 'c01', 6, 3),
    reported('community', 'c02', 5),
    reported('unit', 'u01', 9),
    reported('unit', 'u02', 7),
    reported('unit', 'u03', 5),
    year('community', 'c01', {
      itemsDone: { partyMeeting: 16, symposium: 12, survey: 10, wish: 8, volunteer: 14, pairing: 9 },
      complete: 6,
      volunteerMinutes: 2880,
    }),
    year('unit', 'u01', { itemsDone: { ...zeroItems, partyMeeting: 9 }, complete: 5, volunteerMinutes: 540 }),
    // Another year: not this quarter's.
    {
      ...year('community', 'c02', { itemsDone: zeroItems, complete: 5, volunteerMinutes: 600 }),
      _id: 'community-c02-2030',
      base: 'community-c02-2030',
      year: 2030,
    },
  ]);
  await put('wishes', [
    wish('w1', 'c01', 'u01', '2031-04-01T10:00:00', '2031-04-04T09:00:00', at('2031-04-05T10:00:00')), // 3 days
    wish('w2', 'c01', 'u01', '2031-05-10T23:30:00', '2031-05-11T00:30:00', at('2031-05-12T10:00:00')), // 1 day
    // Completed at the first instant of the quarter (local): in it; 10 days.
    wish('w3', 'c01', 'u02', '2031-03-20T10:00:00', '2031-03-30T10:00:00', at('2031-04-01T00:00:00')),
    // The last instant of Q1 (local), and the first of Q3: not Q2's.
    wish('w4', 'c01', 'u01', '2031-03-01T10:00:00', '2031-03-02T10:00:00', at('2031-03-31T23:59:59')),
    wish('w5', 'c01', 'u01', '2031-06-01T10:00:00', '2031-06-02T10:00:00', at('2031-07-01T00:00:00')),
    // Fulfilled, not yet confirmed: not counted.
    {
      ...wish('w6', 'c01', 'u01', '2031-05-01T10:00:00', '2031-05-02T10:00:00', at('2031-05-03T10:00:00')),
      status: 'fulfilled',
      completedAt: null,
    },
  ]);
  await put('caseMetrics', [
    metricsDoc('community', 'c01', '203104', {
      submitted: 10,
      withdrawn: 0,
      respondedOnTime: 8,
      responseDue: 10,
      resolved: 9,
      rated: 8,
      satisfied: 7,
      communityLevel: 4,
      whistled: 1,
    }),
    metricsDoc('community', 'c01', '203105', {
      submitted: 5,
      withdrawn: 1,
      respondedOnTime: 5,
      responseDue: 5,
      resolved: 4,
      rated: 4,
      satisfied: 4,
      communityLevel: 2,
      whistled: 0,
    }),
    // July: not Q2's.
    metricsDoc('community', 'c01', '203107', { submitted: 50, responseDue: 50, respondedOnTime: 0 }),
    metricsDoc('department', 'd01', '203104', {
      whistlesReceived: 4,
      reportInDue: 4,
      reportedOnTime: 3,
      grade_好: 1,
      grade_较好: 1,
      grade_一般: 1,
    }),
    metricsDoc('department', 'd01', '203106', { whistlesReceived: 1, reportInDue: 1, reportedOnTime: 1 }),
  ]);
  await put('cobuildTallies', [
    {
      _id: 'c01-2031',
      communityId: 'c01',
      year: 2031,
      projects: { planned: 1, active: 1, done: 2, dropped: 1 },
      meetingsHeld: [1, 2, 0, 0],
      chairMonths: { set: 2, themed: 2, activities: 2 },
    },
  ]);
  const month = (m: number, unitId: string | null) => ({ month: m, unitId, unitName: unitId, theme: null });
  await put('rotas', [
    {
      _id: 'c01-2031',
      communityId: 'c01',
      year: 2031,
      months: Array.from({ length: 12 }, (_, i) => month(i + 1, i === 3 || i === 4 ? 'u01' : null)),
    },
  ]);
  await put('activities', [
    { _id: 'chair-c01-2031-04', communityId: 'c01', status: 'open', rotaId: 'c01-2031' },
    { _id: 'chair-c01-2031-05', communityId: 'c01', status: 'cancelled', rotaId: 'c01-2031' },
  ]);
  await put('cobuildProjects', [
    { _id: 'p1', communityId: 'c01', year: 2031, unitIds: ['u01'], status: 'done' },
    { _id: 'p2', communityId: 'c01', year: 2031, unitIds: ['u01', 'u02'], status: 'active' },
    { _id: 'p3', communityId: 'c01', year: 2031, unitIds: ['u02'], status: 'planned' },
    { _id: 'p4', communityId: 'c01', year: 2031, unitIds: ['u01'], status: 'dropped' },
  ]);
  const rating = (id: string, quarter: string, communityId: string, r: string) => ({
    _id: id,
    quarter,
    communityId,
    companyId: 'p01',
    microGridId: `${communityId}-g01-m1`,
    rating: r,
  });
  await put('propertyRatings', [
    rating('r1', Q, 'c01', 'satisfied'),
    rating('r2', Q, 'c01', 'satisfied'),
    rating('r3', Q, 'c01', 'satisfied'),
    rating('r4', Q, 'c01', 'basic'),
    rating('r5', Q, 'c01', 'unsatisfied'),
    rating('r6', Q1, 'c01', 'satisfied'),
  ]);
}

beforeAll(async () => {
  t = await startLocalCloud({ seed: false });
  p = people(t);
  await buildCounty();
  await refreshQuarter(jobCtx(), Q1, { keepStock: false });
  await refreshQuarter(jobCtx(), Q, { keepStock: false });
});
afterAll(() => t.stop());

/** Database round trips (requests sent side by side share one) while `fn` runs. */
async function roundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const get = () => t.cloud.store.counters.get('roundTrips.database') ?? 0;
  t.cloud.dbLatencyMs = 20;
  try {
    const before = get();
    const result = await fn();
    return { result, trips: get() - before };
  } finally {
    t.cloud.dbLatencyMs = 0;
  }
}

const cells = (row: any) => Object.fromEntries(row.cells.map((c: any) => [c.key, [c.value, c.score]]));

describe('the known county, 2031Q2, by DEFAULT_RULES', () => {
  it('communities: every figure and score, the total, band, rank and change since Q1', async () => {
    const view = await ok('ranking', { quarter: Q, scope: 'community' }, COUNTY);
    expect(view).toMatchObject({ quarter: Q, previous: Q1, scope: 'community', rulesVersion: 1, frozen: false });
    expect(view.columns.map((c: any) => c.key)).toEqual([
      'dualReport',
      'sixOnesComplete',
      'volunteerHours',
      'wishesCompleted',
      'wishDays',
      'responseRate',
      'resolutionRate',
      'satisfactionRate',
      'whistleRate',
      'meetingsHeld',
      'chairMonths',
      'projectsDone',
      'propertySatisfaction',
    ]);
    expect(view.rows.map((r: any) => [r.id, r.name, r.total, r.band, r.rank])).toEqual([
      ['c01', '东风社区', 65.4, 'behind', 1],
      ['c02', '西湖社区', 3.3, 'behind', 2],
    ]);
    const [c01, c02] = view.rows;
    expect(cells(c01)).toEqual({
      dualReport: [80, 2.5], // 16 / (10 + 10); 15 points short × 0.5
      sixOnesComplete: [37.5, 0], // 6 / 16; 42.5 × 0.5 > 10
      volunteerHours: [3, 4], // 2880 min / 16 members
      wishesCompleted: [3, 1.5], // w1, w2, w3
      wishDays: [4.7, 5], // (3 + 1 + 10) / 3
      responseRate: [86.7, 5.85], // 13 / 15
      resolutionRate: [92.9, 10], // 13 / (15 − 1)
      satisfactionRate: [91.7, 10], // 11 / 12
      whistleRate: [16.7, 5], // 1 / 6, inside 5–40
      meetingsHeld: [2, 10],
      chairMonths: [50, 0], // April's activity planned, May's cancelled
      projectsDone: [50, 4], // 2 / (1 + 1 + 2)
      propertySatisfaction: [80, 7.5], // (3 + 1) / 5
    });
    expect(c01.cells.find((c: any) => c.key === 'sixOnesComplete').details.map((d: any) => d.value)).toEqual([
      100, 75, 62.5, 50, 87.5, 56.3,
    ]);
    expect(cells(c02)).toEqual({
      dualReport: [null, null], // u03's 在职党员数 unknown
      sixOnesComplete: [0, 0],
      volunteerHours: [0, 1],
      wishesCompleted: [0, 0],
      wishDays: [null, null],
      responseRate: [null, null],
      resolutionRate: [null, null],
      satisfactionRate: [null, null],
      whistleRate: [null, null],
      meetingsHeld: [0, 0],
      chairMonths: [null, null],
      projectsDone: [null, null],
      propertySatisfaction: [null, null],
    });
    // Q1: 60.0 (8 indicators with figures, 36 of 60 points).
    expect(c01.change).toBe(5.4);
    const change = Object.fromEntries(c01.cells.map((c: any) => [c.key, c.change]));
    expect(change).toMatchObject({
      wishesCompleted: 2,
      wishDays: 3.7,
      propertySatisfaction: -20,
      dualReport: 0,
      responseRate: null,
    });
  });

  it('paired units and departments', async () => {
    const units = await ok('ranking', { quarter: Q, scope: 'unit' }, COUNTY);
    expect(units.rows.map((r: any) => [r.id, r.total, r.band, r.rank])).toEqual([
      ['u01', 59.1, 'behind', 1],
      ['u02', 15, 'behind', 2],
      ['u03', 6, 'behind', 3],
    ]);
    expect(cells(units.rows[0])).toEqual({
      dualReport: [90, 20],
      sixOnesComplete: [55.6, 0.6],
      volunteerHours: [1, 6],
      wishesCompleted: [2, 10],
      wishDays: [2, 10],
      projectsDone: [50, 12.5], // p1 done, p2 active, p4 dropped
    });
    expect(cells(units.rows[1])).toEqual({
      dualReport: [70, 0],
      sixOnesComplete: [0, 0],
      volunteerHours: [0, 3],
      wishesCompleted: [1, 5],
      wishDays: [10, 7],
      projectsDone: [0, 0],
    });
    const departments = await ok('ranking', { quarter: Q, scope: 'department' }, COUNTY);
    expect(departments.rows.map((r: any) => [r.id, r.total, r.band, r.rank])).toEqual([
      ['d01', 46.7, 'behind', 1],
      ['d02', null, null, null],
    ]);
    expect(cells(departments.rows[0])).toEqual({ onTimeReportRate: [80, 30], departmentPraise: [66.7, 16.7] });
  });

  it('the half year: both quarters’ totals and bands, the average banded by Q2’s rules, ranked by it', async () => {
    const half = await ok('halfYear', { year: 2031, half: 1, scope: 'community' }, COUNTY);
    expect(half).toMatchObject({ year: 2031, half: 1, quarters: [Q1, Q], scope: 'community', rulesVersion: 1 });
    // c01: Q1 60.0, Q2 65.4 → 62.7, behind (below 75 by DEFAULT_RULES).
    expect(half.rows[0]).toEqual({
      scope: 'community',
      id: 'c01',
      name: '东风社区',
      quarters: [
        { quarter: Q1, total: 60, band: 'behind' },
        { quarter: Q, total: 65.4, band: 'behind' },
      ],
      average: 62.7,
      band: 'behind',
      rank: 1,
    });
    // Every scope: each quarter as its ranking says, the average of the totals there are.
    for (const scope of ['community', 'unit', 'department']) {
      const view = await ok('halfYear', { year: 2031, half: 1, scope }, COUNTY);
      const [first, second] = await Promise.all([
        ok('ranking', { quarter: Q1, scope }, COUNTY),
        ok('ranking', { quarter: Q, scope }, COUNTY),
      ]);
      const ids = new Set([...first.rows, ...second.rows].map((r: any) => r.id));
      expect(view.rows.map((r: any) => r.id).sort()).toEqual([...ids].sort());
      for (const row of view.rows) {
        const totals = [first, second].map((v) => v.rows.find((r: any) => r.id === row.id)?.total ?? null);
        expect({ id: row.id, totals: row.quarters.map((q: any) => q.total) }).toEqual({ id: row.id, totals });
        const present = totals.filter((x): x is number => x !== null);
        const average = present.length
          ? Math.round((present.reduce((a, b) => a + b, 0) / present.length) * 10) / 10
          : null;
        expect({ id: row.id, average: row.average }).toEqual({ id: row.id, average });
      }
      const averages = view.rows.map((r: any) => r.average).filter((x: any) => x !== null);
      expect(averages).toEqual([...averages].sort((a, b) => b - a));
    }
    // A half year without figures is an empty table; bad input is refused.
    expect((await ok('halfYear', { year: 2100, half: 2, scope: 'community' }, COUNTY)).rows).toEqual([]);
    for (const input of [
      { year: 2031, half: 3, scope: 'community' },
      { year: 2031, half: 1 },
      { year: '2031', half: 1, scope: 'unit' },
    ])
      expect(code(await sv('halfYear', input, COUNTY))).toBe('INVALID_INPUT');
  });

  it("a community's report: its row without a rank, the trend, what is behind and the band counts", async () => {
    const view = await ok('report', { quarter: Q }, SECRETARY);
    expect(view.row).toMatchObject({ id: 'c01', total: 65.4, band: 'behind', rank: null, change: 5.4 });
    expect(view.trend.map((q: any) => [q.quarter, q.total])).toEqual([
      [Q1, 60],
      [Q, 65.4],
    ]);
    expect(view.bands).toEqual({ good: 0, watch: 0, behind: 2 });
    const gaps = Object.fromEntries(view.gaps.map((g: any) => [g.key, [g.text, g.items, g.page]]));
    expect(Object.keys(gaps)).toEqual([
      'dualReport',
      'sixOnesComplete',
      'volunteerHours',
      'wishesCompleted',
      'responseRate',
      'chairMonths',
      'projectsDone',
      'propertySatisfaction',
    ]);
    expect(gaps.dualReport).toEqual([
      '双报到率80%，低于目标95%',
      ['4 名在职党员未报到'],
      'packages/staff/pages/six-ones-tally/index?scope=community&scopeId=c01',
    ]);
    expect(gaps.sixOnesComplete[1]).toEqual([
      '4 名党员未完成座谈',
      '6 名党员未完成调研',
      '8 名党员未完成微心愿',
      '2 名党员未完成志愿者',
      '7 名党员未完成结对帮扶',
    ]);
    expect(gaps.responseRate[1]).toEqual(['2 件诉求未按时响应']);
    expect(gaps.chairMonths).toEqual([
      '轮值主席履职率50%，低于目标100%',
      ['1 个月轮值主席未策划活动'],
      'packages/cobuild/pages/rota/index?communityId=c01',
    ]);
    expect(gaps.projectsDone[2]).toBe('packages/cobuild/pages/projects/index?communityId=c01&year=2031');
  });

  it('a unit admin and department staff read their own report', async () => {
    expect((await ok('report', { quarter: Q }, UNIT_ADMIN)).row).toMatchObject({
      scope: 'unit',
      id: 'u01',
      total: 59.1,
    });
    expect((await ok('report', { quarter: Q }, DEPARTMENT)).row).toMatchObject({
      scope: 'department',
      id: 'd01',
      total: 46.7,
    });
    expect((await ok('report', { quarter: Q, scope: 'unit', id: 'u03' }, COUNTY)).row.total).toBe(6);
  });
});

describe('scopes', () => {
  it('rankings are the county admin’s only; others’ reports are refused', async () => {
    for (const who of [SECRETARY, UNIT_ADMIN, DEPARTMENT, RESIDENT]) {
      expect(code(await sv('ranking', { quarter: Q, scope: 'community' }, who))).toBe('FORBIDDEN');
      expect(code(await sv('halfYear', { year: 2031, half: 1, scope: 'community' }, who))).toBe('FORBIDDEN');
    }
    expect(code(await sv('report', { quarter: Q, scope: 'community', id: 'c02' }, SECRETARY))).toBe('FORBIDDEN');
    expect(code(await sv('report', { quarter: Q, scope: 'unit', id: 'u02' }, UNIT_ADMIN))).toBe('FORBIDDEN');
    expect(code(await sv('report', { quarter: Q, scope: 'department', id: 'd02' }, DEPARTMENT))).toBe('FORBIDDEN');
    expect(code(await sv('report', { quarter: Q }, RESIDENT))).toBe('FORBIDDEN');
    // The county admin names whom.
    expect(code(await sv('report', { quarter: Q }, COUNTY))).toBe('INVALID_INPUT');
  });

  it.each([
    ['ranking', { quarter: '2031Q5', scope: 'community' }],
    ['ranking', { quarter: '2031-2', scope: 'community' }],
    ['ranking', { scope: 'county' }],
    ['ranking', { quarter: Q, scope: 'community', extra: 1 }],
    ['report', { quarter: 20312 }],
    ['report', { scope: 'community', id: '' }],
  ])('%s %j → INVALID_INPUT', async (action, payload) => {
    expect(code(await sv(action, payload, COUNTY))).toBe('INVALID_INPUT');
  });

  it('a quarter without figures is NOT_FOUND for a report and an empty table for the ranking', async () => {
    expect(code(await sv('report', { quarter: '2030Q1', scope: 'community', id: 'c01' }, COUNTY))).toBe('NOT_FOUND');
    expect((await ok('ranking', { quarter: '2030Q1', scope: 'community' }, COUNTY)).rows).toEqual([]);
  });
});

describe('budgets', () => {
  it('the ranking is at most 3 database requests; a report too', async () => {
    await ok('rules', {}, COUNTY); // the instance keeps the rules, as a warm one does
    const { trips } = await roundTrips(() => ok('ranking', { quarter: Q, scope: 'community' }, COUNTY));
    expect(trips).toBeLessThanOrEqual(3);
    const report = await roundTrips(() => ok('report', { quarter: Q }, SECRETARY));
    expect(report.trips).toBeLessThanOrEqual(3);
    const half = await roundTrips(() => ok('halfYear', { year: 2031, half: 1, scope: 'community' }, COUNTY));
    expect(half.trips).toBeLessThanOrEqual(3);
  });
});

describe('the refresh job', () => {
  it('rewrites only what moved; a past quarter keeps its stock figures; a frozen quarter is never written', async () => {
    expect(await refreshQuarter(jobCtx(), Q, { keepStock: false })).toEqual({ quarter: Q, written: 0, frozen: false });
    // One more verified member of u01 and one more rating in Q2.
    await put('tallies', [
      {
        _id: 'reported-unit-u01~1',
        base: 'reported-unit-u01',
        kind: 'reported',
        scope: 'unit',
        scopeId: 'u01',
        reported: 1,
      },
    ]);
    await put('propertyRatings', [
      { _id: 'r7', quarter: Q, communityId: 'c01', companyId: 'p01', microGridId: 'c01-g01-m1', rating: 'satisfied' },
    ]);
    // As a past quarter: the flow moves (6 ratings), the stock (u01's reported) stays.
    expect(await refreshQuarter(jobCtx(), Q, { keepStock: true })).toEqual({ quarter: Q, written: 1, frozen: false });
    const c01 = p.doc('supervisionTallies', '2031q2-community-c01');
    expect(c01.raw.propertyRatings).toEqual({ satisfied: 4, basic: 1, unsatisfied: 1 });
    expect(p.doc('supervisionTallies', '2031q2-unit-u01').raw.reported).toBe(9);
    // As the open quarter: the stock moves too.
    expect(await refreshQuarter(jobCtx(), Q, { keepStock: false })).toMatchObject({ written: 1 });
    expect(p.doc('supervisionTallies', '2031q2-unit-u01').raw.reported).toBe(10);

    // Frozen: the job leaves every document of the quarter as it is.
    await getDb()
      .collection('supervisionTallies')
      .where({ quarter: Q1 })
      .update({ data: { frozen: true } });
    const before = p.doc('supervisionTallies', '2031q1-community-c01');
    await put('propertyRatings', [
      {
        _id: 'r8',
        quarter: Q1,
        communityId: 'c01',
        companyId: 'p01',
        microGridId: 'c01-g01-m1',
        rating: 'unsatisfied',
      },
    ]);
    expect(await refreshQuarter(jobCtx(), Q1, { keepStock: false })).toEqual({ quarter: Q1, written: 0, frozen: true });
    expect(p.doc('supervisionTallies', '2031q1-community-c01')).toEqual(before);
    expect((await ok('ranking', { quarter: Q1, scope: 'community' }, COUNTY)).frozen).toBe(true);
  });

  it('the scheduled job refreshes the current quarter and the one before', async () => {
    const result = await refreshSupervision(jobCtx());
    const current = quarterAt(serverNow());
    expect(result.current).toMatchObject({ quarter: current, frozen: false });
    expect(result.current.written).toBe(2 + 3 + 2);
    expect(p.doc('supervisionTallies', `${current.toLowerCase()}-community-c02`)).toMatchObject({
      name: '西湖社区',
      scope: 'community',
    });
  });
});

describe('rule versions', () => {
  const next = () => nextQuarter(quarterAt(serverNow()));
  const v2 = (over: Record<string, unknown> = {}) => ({
    ...DEFAULT_RULES,
    version: 2,
    effectiveFrom: next(),
    scopes: {
      ...DEFAULT_RULES.scopes,
      department: { ...DEFAULT_RULES.scopes.department, bands: { good: 40, watch: 30 } },
    },
    ...over,
  });

  it('until the county saves its own, the built-in rules; a version may not start in a quarter already running', async () => {
    const view = await ok('rules', {}, COUNTY);
    expect(view.versions.map((v: any) => v.version)).toEqual([1]);
    expect(view.earliest).toBe(next());
    const now = quarterAt(serverNow());
    const r = await sv('saveRules', { rules: v2({ effectiveFrom: now }) }, COUNTY);
    expect(code(r)).toBe('INVALID_INPUT');
    expect(code(await sv('saveRules', { rules: v2({ version: 3 }) }, COUNTY))).toBe('CONFLICT');
    expect(code(await sv('saveRules', { rules: v2({ effectiveFrom: '2031Q9' }) }, COUNTY))).toBe('INVALID_INPUT');
    expect(code(await sv('saveRules', { rules: v2() }, SECRETARY))).toBe('FORBIDDEN');
    expect(t.cloud.store.count('supervisionRules', {})).toBe(0);
  });

  it('two saves of the next version at once: one wins; later quarters use it, earlier ones keep theirs', async () => {
    const results = await Promise.all([
      sv('saveRules', { rules: v2() }, COUNTY),
      sv('saveRules', { rules: v2() }, COUNTY),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : code(r))).sort()).toEqual(['CONFLICT', 'ok']);
    expect(t.cloud.store.find('supervisionRules', { query: {} }).map((d: any) => d._id)).toEqual(['v2']);
    // 2031Q2 is after the new version's start: d01's 46.7 is now 先进 (good ≥ 40).
    const later = await ok('ranking', { quarter: Q, scope: 'department' }, COUNTY);
    expect(later).toMatchObject({ rulesVersion: 2 });
    expect(later.rows[0]).toMatchObject({ id: 'd01', total: 46.7, band: 'good' });
    // The current quarter keeps version 1.
    const current = await ok('ranking', { scope: 'department' }, COUNTY);
    expect(current.rulesVersion).toBe(1);
  });
});

describe('before the job has run', () => {
  it('the first look at the current quarter counts it (and the one before), then reads as usual', async () => {
    const current = quarterAt(serverNow());
    await getDb().collection('supervisionTallies').where({ quarter: current }).remove();
    expect(t.cloud.store.count('supervisionTallies', { quarter: current })).toBe(0);
    const view = await ok('ranking', { scope: 'unit' }, COUNTY);
    expect(view.quarter).toBe(current);
    expect(view.rows.map((r: any) => r.id).sort()).toEqual(['u01', 'u02', 'u03']);
    expect(t.cloud.store.count('supervisionTallies', { quarter: current })).toBe(7);
    // Warm: no more counting.
    const { trips } = await roundTrips(() => ok('ranking', { scope: 'unit' }, COUNTY));
    expect(trips).toBeLessThanOrEqual(3);
  });
});

describe('closing and publishing a quarter', () => {
  const current = () => quarterAt(serverNow());
  const last = () => previousQuarter(current());
  const notices = (openid: string) =>
    t.cloud.store.find('notifications', { query: { openid } }).filter((n: any) => n.kind === 'supervisionPublished');

  it('only an ended quarter closes; a close that died half-way goes on; twice is CONFLICT', async () => {
    expect(code(await sv('closeQuarter', { quarter: current() }, COUNTY))).toBe('INVALID_INPUT');
    expect(code(await sv('closeQuarter', { quarter: last() }, SECRETARY))).toBe('FORBIDDEN');
    // A close that died after its first step: the report is `closing`, nothing frozen.
    await getDb()
      .collection('supervisionReports')
      .add({
        data: {
          _id: last(),
          quarter: last(),
          status: 'closing',
          rulesVersion: null,
          bulletin: null,
          version: 1,
          closedAt: serverNow(),
          closedBy: COUNTY,
          publishedAt: null,
          publishedBy: null,
        },
      });
    expect((await ok('quarterReport', {}, COUNTY)).status).toBe('closing');
    const closed = await ok('closeQuarter', { quarter: last() }, COUNTY);
    expect(closed).toMatchObject({ quarter: last(), status: 'closed', ended: true, rulesVersion: 1 });
    expect(closed.bulletin).toContain('东风社区');
    expect(closed.bulletin).toContain('西湖社区');
    expect(closed.title).toBe(`关于${quarterWords(last())}城市社区党建工作督导情况的通报`);
    const docs = t.cloud.store.find('supervisionTallies', { query: { quarter: last() } });
    expect(docs).toHaveLength(7);
    expect(docs.every((d: any) => d.frozen === true)).toBe(true);
    expect(code(await sv('closeQuarter', { quarter: last() }, COUNTY))).toBe('CONFLICT');
    expect((await ok('ranking', { quarter: last(), scope: 'community' }, COUNTY)).frozen).toBe(true);
  });

  it('a closed quarter’s figures never change: the job passes it by', async () => {
    const before = t.cloud.store.find('supervisionTallies', { query: { quarter: last() } });
    await put('propertyRatings', [
      {
        _id: 'r9',
        quarter: last(),
        communityId: 'c01',
        companyId: 'p01',
        microGridId: 'c01-g01-m1',
        rating: 'unsatisfied',
      },
    ]);
    const run = await refreshSupervision(jobCtx());
    expect(run.previous).toEqual({ quarter: last(), written: 0, frozen: true });
    expect(t.cloud.store.find('supervisionTallies', { query: { quarter: last() } })).toEqual(before);
  });

  it('the 通报 is edited on the version read; secretaries see the quarter only once published', async () => {
    const view = await ok('quarterReport', { quarter: last() }, COUNTY);
    expect(code(await sv('report', { quarter: last() }, SECRETARY))).toBe('NOT_FOUND');
    const text = `${view.bulletin}\n（此处为党工委补充的说明。）`;
    const edited = await ok(
      'saveBulletin',
      { quarter: last(), title: view.title, text, version: view.version },
      COUNTY,
    );
    expect(edited).toMatchObject({ bulletin: text, version: view.version + 1 });
    // An edit on the old version: CONFLICT, nothing changed.
    const stale = await sv(
      'saveBulletin',
      { quarter: last(), title: view.title, text: `${text}又改`, version: view.version },
      COUNTY,
    );
    expect(code(stale)).toBe('CONFLICT');
    expect((await ok('quarterReport', { quarter: last() }, COUNTY)).bulletin).toBe(text);
    expect(
      code(
        await sv(
          'saveBulletin',
          { quarter: last(), title: view.title, text: '太短了', version: edited.version },
          COUNTY,
        ),
      ),
    ).toBe('INVALID_INPUT');

    // Two publishes at once: one wins; the secretary is told once, with the band.
    const results = await Promise.all([
      sv('publishReport', { quarter: last(), version: edited.version }, COUNTY),
      sv('publishReport', { quarter: last(), version: edited.version }, COUNTY),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : code(r))).sort()).toEqual(['CONFLICT', 'ok']);
    expect(notices(SECRETARY)).toHaveLength(1);
    expect(notices(SECRETARY)[0]).toMatchObject({
      title: '督导通报已发布',
      page: `packages/supervision/pages/report/index?quarter=${last()}`,
    });
    expect(notices(SECRETARY)[0].text).toContain('本社区');
    const published = await ok('report', { quarter: last() }, SECRETARY);
    expect(published).toMatchObject({ quarter: last(), status: 'published', frozen: true });
    expect(published.row.id).toBe('c01');
    // Published: no more edits.
    const late = await sv(
      'saveBulletin',
      { quarter: last(), title: view.title, text, version: edited.version + 1 },
      COUNTY,
    );
    expect(code(late)).toBe('CONFLICT');
  });

  it('publishing a quarter not closed is NOT_FOUND', async () => {
    expect(code(await sv('publishReport', { quarter: '2030Q1', version: 1 }, COUNTY))).toBe('NOT_FOUND');
  });
});
