/**
 * The rate limit's counter (server/platform/throttle.ts, `takeTry`) through the real SDK against
 * the local CloudBase: tries sent at once get through up to the limit exactly — never more, and
 * never fewer because two of them opened the window's counter together (requests jittered, so
 * one try's increment can find no counter and its creation a duplicate).
 */
import { takeTry } from '../../server/platform/throttle';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { wxCloud, type Db } from '../helpers/sdk';

let t: TestCloud;
let db: Db;
beforeAll(async () => {
  t = await startLocalCloud({ seed: false });
  // Requests sent together arrive in any order, as over the network (a fixed latency keeps them in order).
  t.cloud.dbJitterMs = 20;
  db = wxCloud().database();
  // The collection exists once the platform's setup runs; here, made by its first write.
  await db
    .collection('throttles')
    .add({ data: { _id: 'warm-up', key: 'warm-up' } })
    .catch(() => undefined);
});
afterAll(() => t.stop());

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'ok',
    (err: { code?: string }) => err.code ?? String(err),
  );

let run = 0;
const limit = { max: 3, windowMinutes: 60 };

it('two tries that open a window together both get through, for each of 150 people at once', async () => {
  const now = new Date();
  const keys = Array.from({ length: 150 }, (_, i) => `pair-${++run}-${i}`);
  const outcomes = await Promise.all(
    keys.flatMap((key) => [0, 1].map(() => outcome(takeTry({ db, now }, key, limit)))),
  );
  expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
  const counters = t.cloud.store.find('throttles', { query: {} }).filter((d) => keys.includes(d.key as string));
  expect(counters).toHaveLength(150);
  expect(counters.every((d) => d.count === 2)).toBe(true);
});

it('of twenty tries at once, exactly the limit get through; the rest are told when to try again', async () => {
  const now = new Date();
  const key = `burst-${++run}`;
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => outcome(takeTry({ db, now }, key, limit))));
  expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
  expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(17);
});
