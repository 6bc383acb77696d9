/**
 * Hardening (issue 11): a declared index never changes what a query answers. SQLite's
 * expression indexes compare scalars; MongoDB (so CloudBase) matches `{ tags: 'a' }` against
 * `tags: ['a', 'b']` and `{ 'claim.openid': 'x' }` through an array of claims. Through the real
 * SDK, every query on collections with declared indexes answers what the same query answers on
 * an identical collection without them — also after an array first appears in a collection that
 * held only scalars.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud } from '../../emulator/local-cloud';
import { wxCloud, type Db } from '../helpers/sdk';

let dataDir: string;
let cloud: LocalCloud;
let db: Db;
let _: any;

const INDEXES = {
  tags_ix: [{ fields: ['tags'] }],
  pairs_ix: [{ fields: ['group', 'tag'] }],
  claims_ix: [{ fields: ['claim.openid'] }],
  late_ix: [{ fields: ['tags'] }],
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-hardening-arrays-'));
  cloud = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: path.join(__dirname, 'fixtures/functions'), mode: 'source' },
    indexes: INDEXES,
    log: () => undefined,
  });
  await cloud.start();
  db = wxCloud().database();
  _ = db.command;
  for (const name of Object.keys(INDEXES)) {
    await db.createCollection(name);
    await db.createCollection(name.replace(/_ix$/, '_plain'));
  }
});

afterAll(async () => {
  await cloud.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function addBoth(base: string, docs: Array<Record<string, unknown>>) {
  for (const suffix of ['_ix', '_plain']) for (const d of docs) await db.collection(base + suffix).add({ data: d });
}

/** The ids a query answers on the indexed collection, checked equal to the unindexed twin's. */
async function ids(base: string, run: (c: any) => Promise<{ data: Array<{ _id: string }> }>): Promise<string[]> {
  const [indexed, plain] = await Promise.all(
    ['_ix', '_plain'].map(async (s) => (await run(db.collection(base + s))).data.map((d) => d._id)),
  );
  expect(indexed).toEqual(plain);
  return indexed;
}

describe('an indexed field holding arrays', () => {
  beforeAll(async () => {
    await addBoth('tags', [
      { _id: 'a', tags: ['a', 'b'], n: 1 },
      { _id: 'b', tags: 'a', n: 2 },
      { _id: 'c', tags: 'c', n: 3 },
      { _id: 'd', tags: ['c'], n: 4 },
      { _id: 'e', tags: [], n: 5 },
    ]);
  });

  test('equality matches arrays containing the value, as MongoDB', async () => {
    expect((await ids('tags', (c) => c.where({ tags: 'a' }).get())).sort()).toEqual(['a', 'b']);
  });

  test('a sorted, paged equality query (the SQLite-only path) too', async () => {
    expect(await ids('tags', (c) => c.where({ tags: 'a' }).orderBy('n', 'desc').get())).toEqual(['b', 'a']);
    expect(await ids('tags', (c) => c.where({ tags: 'c' }).orderBy('n', 'asc').skip(1).limit(1).get())).toEqual(['d']);
  });

  test('$in, count, aggregate $match, update and remove agree', async () => {
    expect((await ids('tags', (c) => c.where({ tags: _.in(['b', 'c']) }).get())).sort()).toEqual(['a', 'c', 'd']);
    for (const s of ['_ix', '_plain']) {
      expect((await db.collection(`tags${s}`).where({ tags: 'a' }).count()).total).toBe(2);
      expect((await db.collection(`tags${s}`).aggregate().match({ tags: 'c' }).end()).list).toHaveLength(2);
      const upd = await db
        .collection(`tags${s}`)
        .where({ tags: 'a' })
        .update({ data: { seen: true } });
      expect(upd.stats.updated).toBe(2);
      const rem = await db.collection(`tags${s}`).where({ tags: 'c' }).remove();
      expect(rem.stats.removed).toBe(2);
    }
  });
});

test('a compound index whose second field holds arrays', async () => {
  await addBoth('pairs', [
    { _id: 'p1', group: 'g', tag: ['t1', 't2'], n: 1 },
    { _id: 'p2', group: 'g', tag: 't1', n: 2 },
    { _id: 'p3', group: 'h', tag: 't1', n: 3 },
  ]);
  expect(await ids('pairs', (c) => c.where({ group: 'g', tag: 't1' }).orderBy('n', 'asc').get())).toEqual(['p1', 'p2']);
  expect(await ids('pairs', (c) => c.where(_.and([{ group: 'g' }, { tag: 't2' }])).get())).toEqual(['p1']);
});

test('a dotted index path through an array of objects', async () => {
  await addBoth('claims', [
    { _id: 'k1', claim: [{ openid: 'x' }, { openid: 'y' }], n: 1 },
    { _id: 'k2', claim: { openid: 'x' }, n: 2 },
    { _id: 'k3', claim: { openid: 'z' }, n: 3 },
  ]);
  expect(await ids('claims', (c) => c.where({ 'claim.openid': 'x' }).orderBy('n', 'asc').get())).toEqual(['k1', 'k2']);
  expect(await ids('claims', (c) => c.where({ 'claim.openid': 'y' }).get())).toEqual(['k1']);
});

test('an array first written after the collection was queried (scalars only until then) is found', async () => {
  await addBoth('late', [
    { _id: 'l1', tags: 'a', n: 1 },
    { _id: 'l2', tags: 'b', n: 2 },
    { _id: 'l3', tags: 'c', n: 3 },
  ]);
  expect(await ids('late', (c) => c.where({ tags: 'a' }).orderBy('n', 'asc').get())).toEqual(['l1']);
  for (const s of ['_ix', '_plain']) {
    await db
      .collection(`late${s}`)
      .doc('l2')
      .update({ data: { tags: ['b', 'a'] } });
    await db.runTransaction(async (tx: Db) => {
      await tx
        .collection(`late${s}`)
        .doc('l3')
        .set({ data: { tags: ['a'], n: 3 } });
    });
  }
  expect(await ids('late', (c) => c.where({ tags: 'a' }).orderBy('n', 'asc').get())).toEqual(['l1', 'l2', 'l3']);
  expect(await ids('late', (c) => c.where({ tags: 'a' }).get())).toHaveLength(3);
});
