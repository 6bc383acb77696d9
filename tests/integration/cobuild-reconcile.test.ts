import { getDb } from '../../server/platform/cloud';
import { now as serverNow } from '../../server/platform/clock';
import { localYear } from '../../server/platform/time';
import { reconcileCobuild } from '../../server/cobuild/jobs';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

/**
 * The co-building tally of a community-year (`cobuildTallies`) against its documents: the seed
 * writes it as the steps would have moved it, and `reconcileCobuild` (scheduler, daily) puts back
 * every count a crash between a step and its tally move left wrong — lists, chair months and
 * joint meetings held alike — and nothing else.
 */

jest.setTimeout(120_000);

let t: TestCloud;
beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

const job = () =>
  ({ requestId: 'test', openid: 'system', user: null, db: getDb(), now: serverNow(), job: true }) as any;
const tallyOf = (id: string): any => (t.cloud.store.find('cobuildTallies', { query: { _id: id } }) as any[])[0];
const NOTHING = { needs: 0, resources: 0, agreements: 0, tallies: 0, ratings: 0 };

test('on the seed every community-year tally already matches its documents: nothing to fix', async () => {
  const year = localYear(serverNow());
  expect(await reconcileCobuild(job(), year)).toMatchObject(NOTHING);
  expect(await reconcileCobuild(job(), year - 1)).toMatchObject(NOTHING);
});

test('meetings held, chair months and list counts knocked off by a crash are counted again, once', async () => {
  // The seed's year of c01 with the most joint meetings held.
  const meetings = t.cloud.store.find('meetings', { query: { communityId: 'c01', status: 'held' } }) as any[];
  const count = (y: number) => meetings.filter((m) => m.year === y).length;
  const year = meetings.map((m) => m.year as number).sort((a, b) => count(b) - count(a))[0];
  const held = count(year);
  expect(held).toBeGreaterThan(0);
  const id = `c01-${year}`;
  const right = tallyOf(id);
  expect(right).toBeDefined();
  expect(right.meetingsHeld.reduce((s: number, n: number) => s + n, 0)).toBe(held);
  t.cloud.store.update(
    'cobuildTallies',
    { _id: id },
    { $set: { meetingsHeld: [9, 9, 9, 9], 'chairMonths.set': 0, 'chairMonths.activities': 7, 'projects.done': 42 } },
    { multi: false, merge: true, upsert: false },
  );
  const fixed = await reconcileCobuild(job(), year);
  expect(fixed.tallies).toBe(1);
  const after = tallyOf(id);
  expect(after.meetingsHeld).toEqual(right.meetingsHeld);
  expect(after.chairMonths).toEqual(right.chairMonths);
  expect(after.projects).toEqual(right.projects);
  expect(after.needs).toEqual(right.needs);
  expect(await reconcileCobuild(job(), year)).toMatchObject(NOTHING);
});
