import { getDb } from '../../server/platform/cloud';
import { now as serverNow } from '../../server/platform/clock';
import { periodMonths } from '../../server/complaints/metrics';
import { localDays } from '../../server/supervision/sources';
import { refreshQuarter } from '../../server/supervision/tallies';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { people, type People } from '../helpers/people';

/**
 * 督导 on the seeded county, one figure on every page: each community's and unit's figures of the
 * seed's last full quarter (2025Q4, before the anchor 2026-01-05) agree with what the 诉求指标 page
 * (complaint.metrics), the 六个一 tally page (sixOnes.tally) and the documents themselves say.
 */

let t: TestCloud;
let p: People;
const Q = '2025Q4';
const COUNTY = 'demo-county-admin';

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
  await refreshQuarter({ db: getDb(), now: serverNow() }, Q, { keepStock: false });
});
afterAll(() => t.stop());

const percent = (share: number | null) => (share === null ? null : Math.round(Math.round(share * 10_000) / 10) / 10);
const value = (row: any, key: string) => row.cells.find((c: any) => c.key === key).value;

it('every community: the complaint rates are the 诉求指标 page’s, the members the 六个一 page’s', async () => {
  const view = await p.ok<any>(p.call('supervision', 'ranking', { quarter: Q, scope: 'community' }, COUNTY));
  expect(view.rows).toHaveLength(14);
  for (const row of view.rows) {
    const m = await p.ok<any>(
      p.call(
        'complaint',
        'metrics',
        { scope: 'community', scopeId: row.id, period: 'quarter', year: 2025, index: 4 },
        COUNTY,
      ),
    );
    expect({ id: row.id, response: value(row, 'responseRate'), resolution: value(row, 'resolutionRate') }).toEqual({
      id: row.id,
      response: percent(m.rates.responseRate),
      resolution: percent(m.rates.resolutionRate),
    });
    expect(value(row, 'satisfactionRate')).toBe(percent(m.rates.satisfactionRate));
    expect(value(row, 'whistleRate')).toBe(percent(m.rates.whistleRate));
    const tally = await p.ok<any>(
      p.call('sixOnes', 'tally', { scope: 'community', scopeId: row.id, year: 2025 }, COUNTY),
    );
    expect(value(row, 'sixOnesComplete')).toBe(tally.reported ? percent(tally.complete / tally.reported) : null);
  }
  // The seed's figures are not all empty: the check above compared numbers.
  expect(view.rows.filter((r: any) => value(r, 'responseRate') !== null).length).toBeGreaterThanOrEqual(5);
  expect(view.rows.filter((r: any) => r.total !== null)).toHaveLength(14);
});

it('双报到率 from the units’ 在职党员数, wishes, ratings and meetings from the documents', async () => {
  const view = await p.ok<any>(p.call('supervision', 'ranking', { quarter: Q, scope: 'community' }, COUNTY));
  const { from, to } = periodMonths('quarter', 2025, 4);
  const inQuarter = (d: Date | string | null) =>
    d !== null && new Date(d) >= new Date(from) && new Date(d) < new Date(to);
  const wishes = t.cloud.store
    .find('wishes', { query: { status: 'completed' } })
    .filter((w: any) => inQuarter(w.completedAt));
  const units = t.cloud.store.find('units', { query: {} });
  for (const row of view.rows) {
    const paired = units.filter((u: any) => u.pairedCommunityId === row.id);
    const headcount = paired.reduce((n: number, u: any) => n + u.memberCount, 0);
    const reported = await p.ok<any>(p.call('sixOnes', 'tally', { scope: 'community', scopeId: row.id }, COUNTY));
    expect({ id: row.id, dual: value(row, 'dualReport') }).toEqual({
      id: row.id,
      dual: paired.length ? percent(Math.round((reported.reported / headcount) * 10_000) / 10_000) : null,
    });
    const mine = wishes.filter((w: any) => w.communityId === row.id);
    expect(value(row, 'wishesCompleted')).toBe(mine.length);
    const days = mine.reduce(
      (n: number, w: any) => n + localDays(new Date(w.publishedAt), new Date(w.fulfilment.at)),
      0,
    );
    expect(value(row, 'wishDays')).toBe(mine.length ? Math.round((10 * days) / mine.length) / 10 : null);
    const ratings = t.cloud.store.find('propertyRatings', { query: { quarter: Q, communityId: row.id } });
    const good = ratings.filter((r: any) => r.rating !== 'unsatisfied').length;
    expect(value(row, 'propertySatisfaction')).toBe(
      ratings.length ? percent(Math.round((good / ratings.length) * 10_000) / 10_000) : null,
    );
    const held = t.cloud.store.find('meetings', {
      query: { communityId: row.id, status: 'held', year: 2025, quarter: 4 },
    });
    expect(value(row, 'meetingsHeld')).toBe(held.length);
  }
  expect(wishes.length).toBeGreaterThan(0);
});
