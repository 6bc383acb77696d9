/**
 * Conformance: the database latency knob (`TXY_DB_LATENCY_MS`, `LocalCloud.dbLatencyMs`) through
 * the real wx-server-sdk 4.0.2. Every `database.*` request waits the latency (half before it
 * executes, half after), as a round trip to CloudBase's database does; concurrent requests wait
 * side by side, not one after another, and no lock is held while waiting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud } from '../../emulator/local-cloud';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { freshCollection, wxCloud, type Db } from '../helpers/sdk';

const LATENCY = 200;

let tc: TestCloud;
let db: Db;
let _: any;
let things: string;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  db = wxCloud().database();
  _ = db.command;
  things = await freshCollection(db, 'lat');
  await db.collection(things).add({ data: { _id: 'a', n: 0 } });
  tc.cloud.dbLatencyMs = LATENCY;
});

afterAll(async () => {
  await tc.stop();
});

async function timed(fn: () => Promise<any>): Promise<{ ms: number; value: any }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

test('is 0 unless set (option, else TXY_DB_LATENCY_MS): a request answers at once', async () => {
  const made = (opts: { dbLatencyMs?: number }, variable?: string) => {
    const saved = process.env.TXY_DB_LATENCY_MS;
    if (variable === undefined) delete process.env.TXY_DB_LATENCY_MS;
    else process.env.TXY_DB_LATENCY_MS = variable;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-lat-'));
    try {
      const cloud = new LocalCloud({ dataDir, functions: { root: '/nonexistent', mode: 'source' }, ...opts });
      cloud.store.close();
      return cloud.dbLatencyMs;
    } finally {
      if (saved === undefined) delete process.env.TXY_DB_LATENCY_MS;
      else process.env.TXY_DB_LATENCY_MS = saved;
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  expect(made({})).toBe(0);
  expect(made({}, '25')).toBe(25);
  expect(made({ dbLatencyMs: 10 }, '25')).toBe(10);
  expect(() => made({}, 'ten')).toThrow(/TXY_DB_LATENCY_MS/);
  expect(() => made({}, '-5')).toThrow(/TXY_DB_LATENCY_MS/);

  tc.cloud.dbLatencyMs = 0;
  try {
    const { ms } = await timed(() => db.collection(things).doc('a').get());
    expect(ms).toBeLessThan(LATENCY);
  } finally {
    tc.cloud.dbLatencyMs = LATENCY;
  }
});

test('a database request takes at least the latency', async () => {
  const read = await timed(() => db.collection(things).doc('a').get());
  expect(read.value.data.n).toBe(0);
  expect(read.ms).toBeGreaterThanOrEqual(LATENCY);
  const count = await timed(() => db.collection(things).where({ n: 0 }).count());
  expect(count.value.total).toBe(1);
  expect(count.ms).toBeGreaterThanOrEqual(LATENCY);
  // An error answer travels back as slowly.
  const missing = await timed(() =>
    db
      .collection('no_such_collection')
      .get()
      .catch((e: unknown) => e),
  );
  expect(String((missing.value as Error).message)).toMatch(/DATABASE_COLLECTION_NOT_EXIST|not exist/);
  expect(missing.ms).toBeGreaterThanOrEqual(LATENCY);
});

test('ten concurrent requests take about one latency, not ten', async () => {
  const { ms, value } = await timed(() =>
    Promise.all(Array.from({ length: 10 }, () => db.collection(things).doc('a').get())),
  );
  expect(value.every((r: any) => r.data._id === 'a')).toBe(true);
  expect(ms).toBeGreaterThanOrEqual(LATENCY);
  expect(ms).toBeLessThan(4 * LATENCY);
});

test('conditional updates racing under latency: one winner, in about one latency (no lock held while waiting)', async () => {
  const race = await timed(() =>
    Promise.all(
      Array.from({ length: 10 }, () =>
        db
          .collection(things)
          .where({ _id: 'a', n: 0 })
          .update({ data: { n: _.inc(1) } }),
      ),
    ),
  );
  expect(race.value.filter((r: any) => r.stats.updated === 1)).toHaveLength(1);
  expect(race.ms).toBeLessThan(4 * LATENCY);
  expect((await db.collection(things).doc('a').get()).data.n).toBe(1);
});

test("a transaction's start, read, write and commit each take a round trip", async () => {
  const counters = tc.cloud.store.counters;
  const before = (a: string) => counters.get(a) ?? 0;
  const [starts, commits] = [before('database.startTransaction'), before('database.commitTransaction')];
  const { ms } = await timed(() =>
    db.runTransaction(async (tx: any) => {
      const { data } = await tx.collection(things).doc('a').get();
      await tx
        .collection(things)
        .doc('a')
        .update({ data: { n: data.n + 1 } });
    }),
  );
  expect(counters.get('database.startTransaction')).toBe(starts + 1);
  expect(counters.get('database.commitTransaction')).toBe(commits + 1);
  expect(ms).toBeGreaterThanOrEqual(4 * LATENCY);
  expect((await db.collection(things).doc('a').get()).data.n).toBe(2);
});

test('storage requests are not delayed', async () => {
  tc.cloud.dbLatencyMs = 3000;
  try {
    const cloud = wxCloud();
    const upload = await timed(() => cloud.uploadFile({ cloudPath: 'lat/a.txt', fileContent: Buffer.from('x') }));
    const url = await timed(() => cloud.getTempFileURL({ fileList: [upload.value.fileID] }));
    expect(upload.ms + url.ms).toBeLessThan(1500);
  } finally {
    tc.cloud.dbLatencyMs = LATENCY;
  }
});
