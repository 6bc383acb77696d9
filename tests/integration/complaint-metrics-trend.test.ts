import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { clockNow, people, type People } from '../helpers/people';

/**
 * 诉求指标趋势 (`complaint.metricsTrend`) on the seeded county: the 12 months ending at a month,
 * each exactly what `complaint.metrics` answers for that month, in every scope; a month without
 * a counter document all zero with null rates; the current month in Asia/Shanghai by default; two
 * database requests (the caller, the 12 counter documents); and the same answer as `metrics` to
 * every caller out of scope.
 */

let t: TestCloud;
let p: People;

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const call = (action: string, payload: unknown, openid: string) => p.call('complaint', action, payload, openid);
const ok = (action: string, payload: unknown, openid: string) => p.ok(call(action, payload, openid));

const ADMIN = 'demo-county-admin';
const SECRETARY = 'demo-secretary';

/** The latest month (`{ year, month }`) the seed wrote a counter document for in a scope. */
function latestSeeded(scope: string, scopeId: string): { year: number; month: number } {
  const months: string[] = t.cloud.store
    .find('caseMetrics', { query: { scope, scopeId } })
    .map((d) => String(d.month))
    .sort();
  const last = months[months.length - 1];
  return { year: Number(last.slice(0, 4)), month: Number(last.slice(4)) };
}

/** What `metrics` answers for each month of a trend. */
const monthly = (openid: string, scope: Record<string, unknown>, months: Array<{ year: number; month: number }>) =>
  Promise.all(
    months.map(
      async (m) => (await ok('metrics', { ...scope, period: 'month', year: m.year, index: m.month }, openid)).rates,
    ),
  );

describe('metricsTrend', () => {
  it.each([
    ['county', ADMIN, { scope: 'county' }],
    ['community', SECRETARY, { scope: 'community', scopeId: 'c01' }],
    ['grid (a secretary’s)', SECRETARY, { scope: 'grid', scopeId: 'c01-g01' }],
    ['department', 'demo-department', { scope: 'department', scopeId: 'd01' }],
  ])('of a %s is, month by month, what metrics answers for that month', async (_kind, openid, scope) => {
    const end = latestSeeded(scope.scope, (scope as { scopeId?: string }).scopeId ?? 'county');
    const trend = await ok('metricsTrend', { ...scope, ...end }, openid);
    expect(trend.measures).toEqual(
      (await ok('metrics', { ...scope, period: 'month', year: end.year, index: end.month }, openid)).measures,
    );
    expect(trend.months).toHaveLength(12);
    // Oldest first, one month apart, ending at the month asked for.
    const index = (m: { year: number; month: number }) => m.year * 12 + m.month - 1;
    expect(trend.months.map(index)).toEqual(Array.from({ length: 12 }, (_, i) => index(end) - 11 + i));
    expect(trend.months.map((m: { rates: unknown }) => m.rates)).toEqual(await monthly(openid, scope, trend.months));
    // The seed's cases reach into these months: the comparison is not of zeros alone.
    const counted = trend.months.filter((m: any) => (m.rates.submitted ?? m.rates.whistlesReceived) > 0);
    expect(counted.length).toBeGreaterThan(0);
  });

  it('counts a month without cases as zero, its rates null', async () => {
    const trend = await ok('metricsTrend', { scope: 'community', scopeId: 'c01', year: 2020, month: 12 }, SECRETARY);
    expect(trend.months.map((m: any) => `${m.year}-${m.month}`)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2020-${i + 1}`),
    );
    for (const m of trend.months)
      expect(m.rates).toEqual({
        responseRate: null,
        respondedOnTime: 0,
        responseDue: 0,
        resolutionRate: null,
        resolved: 0,
        submitted: 0,
        withdrawn: 0,
        satisfactionRate: null,
        satisfied: 0,
        rated: 0,
        whistleRate: null,
        whistled: 0,
        communityLevel: 0,
      });
    expect(trend.months.map((m: any) => m.rates)).toEqual(
      await monthly(SECRETARY, { scope: 'community', scopeId: 'c01' }, trend.months),
    );
  });

  it('ends at the current month in Asia/Shanghai by default, and crosses the year back', async () => {
    const now = await clockNow(t);
    const local = new Date(now.getTime() + 8 * 3600_000);
    const trend = await ok('metricsTrend', { scope: 'county' }, ADMIN);
    expect(trend.months[11]).toMatchObject({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 });
    const january = await ok('metricsTrend', { scope: 'county', year: 2026, month: 1 }, ADMIN);
    expect(january.months.map((m: any) => `${m.year}-${m.month}`)).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `2025-${i + 2}`),
      '2026-1',
    ]);
  });

  it('reads the 12 months in one database request besides the caller’s', async () => {
    const county = await p.dbRequests(() => ok('metricsTrend', { scope: 'county' }, ADMIN));
    expect(county.result.months).toHaveLength(12);
    expect(county.requests).toBeLessThanOrEqual(2);
    const community = await p.dbRequests(() => ok('metricsTrend', { scope: 'community', scopeId: 'c01' }, SECRETARY));
    expect(community.requests).toBeLessThanOrEqual(2);
    // As metrics: a secretary looking at one of their grids reads the grid once more.
    const grid = await p.dbRequests(() => ok('metricsTrend', { scope: 'grid', scopeId: 'c01-g01' }, SECRETARY));
    const gridMetrics = await p.dbRequests(() => ok('metrics', { scope: 'grid', scopeId: 'c01-g01' }, SECRETARY));
    expect(grid.requests).toBe(gridMetrics.requests);
    expect(grid.requests).toBeLessThanOrEqual(3);
  });

  it('answers every caller as metrics does: in scope, out of scope, without a scope', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['demo-grid-worker', { scope: 'grid', scopeId: 'c01-g01' }],
      ['demo-grid-worker', { scope: 'grid' }],
      ['demo-grid-worker', { scope: 'grid', scopeId: 'c01-g02' }],
      ['demo-grid-worker', { scope: 'community', scopeId: 'c01' }],
      ['demo-grid-worker', { scope: 'county' }],
      [SECRETARY, { scope: 'community' }],
      [SECRETARY, { scope: 'community', scopeId: 'c02' }],
      [SECRETARY, { scope: 'grid', scopeId: 'c02-g01' }],
      [SECRETARY, { scope: 'department', scopeId: 'd01' }],
      [SECRETARY, { scope: 'department' }],
      [SECRETARY, { scope: 'county' }],
      ['demo-department', { scope: 'department', scopeId: 'd02' }],
      ['demo-department', { scope: 'community', scopeId: 'c01' }],
      [ADMIN, { scope: 'community', scopeId: 'c02' }],
      [ADMIN, { scope: 'department', scopeId: 'd02' }],
      [ADMIN, { scope: 'grid' }],
      ['demo-resident', { scope: 'community', scopeId: 'c01' }],
      ['demo-unit-admin', { scope: 'county' }],
    ];
    const outcome = (r: any) => (r.ok ? { ok: true, scopeId: r.data.scopeId } : { ok: false, error: r.error });
    const seen = new Set<string>();
    for (const [openid, payload] of cases) {
      const trend = outcome(await call('metricsTrend', payload, openid));
      expect({ openid, payload, ...trend }).toEqual({
        openid,
        payload,
        ...outcome(await call('metrics', { ...payload, period: 'month' }, openid)),
      });
      seen.add(trend.ok ? 'ok' : trend.error.code);
    }
    // The list holds answers of every kind: allowed, out of scope, no role, no scope named.
    expect([...seen].sort()).toEqual(['FORBIDDEN', 'INVALID_INPUT', 'ok']);
  });

  it('refuses a month out of range and unknown fields', async () => {
    for (const payload of [
      { scope: 'county', month: 13 },
      { scope: 'county', month: 0 },
      { scope: 'county', year: 2019 },
      { scope: 'county', period: 'month' },
    ]) {
      const r = await call('metricsTrend', payload, ADMIN);
      expect({ ok: r.ok, code: r.error?.code }).toEqual({ ok: false, code: 'INVALID_INPUT' });
    }
  });
});
