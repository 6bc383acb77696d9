/**
 * Conformance: writes through the real wx-server-sdk 4.0.2 against the local CloudBase — add,
 * every update operator the SDK offers with its `stats.updated`, update vs set, serverDate and
 * the movable clock, remove.
 */
import { emulatorClock } from '../../emulator/clock';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { freshCollection, postJson, rejectionOf, wxCloud, type Db } from '../helpers/sdk';

let tc: TestCloud;
let db: Db;
let _: any;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  db = wxCloud().database();
  _ = db.command;
});

afterAll(async () => {
  emulatorClock.reset();
  await tc.stop();
});

/** A fresh collection holding `doc` (with `_id: 'd'` unless given); returns the collection name. */
async function withDoc(doc: Record<string, unknown>): Promise<string> {
  const name = await freshCollection(db, 'upd');
  await db.collection(name).add({ data: { _id: 'd', ...doc } });
  return name;
}

async function read(collection: string, id = 'd'): Promise<any> {
  return (await db.collection(collection).doc(id).get()).data;
}

/** Runs a where().update on the single document and returns [stats.updated, the document after]. */
async function updateWhere(doc: Record<string, unknown>, data: Record<string, unknown>): Promise<[number, any]> {
  const name = await withDoc(doc);
  const res = await db.collection(name).where({ _id: 'd' }).update({ data });
  expect(res.errMsg).toBe('collection.update:ok');
  return [res.stats.updated, await read(name)];
}

describe('add', () => {
  test('a single add generates a 32-hex _id and resolves { _id, errMsg }', async () => {
    const name = await freshCollection(db, 'add');
    const res = await db.collection(name).add({ data: { title: 'hello' } });
    expect(Object.keys(res).sort()).toEqual(['_id', 'errMsg']);
    expect(res.errMsg).toBe('collection.add:ok');
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    expect(await read(name, res._id)).toEqual({ _id: res._id, title: 'hello' });
  });

  test('generated ids are unique', async () => {
    const name = await freshCollection(db, 'add');
    const res = await db.collection(name).add({ data: Array.from({ length: 50 }, (_u, i) => ({ i })) });
    expect(new Set(res._ids).size).toBe(50);
    for (const id of res._ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('a given _id is used and echoed back', async () => {
    const name = await freshCollection(db, 'add');
    const res = await db.collection(name).add({ data: { _id: 'my-id', v: 1 } });
    expect(res).toEqual({ _id: 'my-id', errMsg: 'collection.add:ok' });
    expect(await read(name, 'my-id')).toEqual({ _id: 'my-id', v: 1 });
  });

  test('an array add resolves { _ids } in order', async () => {
    const name = await freshCollection(db, 'add');
    const res = await db.collection(name).add({ data: [{ _id: 'a', v: 1 }, { v: 2 }, { _id: 'c', v: 3 }] });
    expect(Object.keys(res).sort()).toEqual(['_ids', 'errMsg']);
    expect(res._ids).toHaveLength(3);
    expect(res._ids[0]).toBe('a');
    expect(res._ids[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(res._ids[2]).toBe('c');
    expect((await db.collection(name).count()).total).toBe(3);
  });

  test('a duplicate _id rejects with errCode -502001 and the E11000 message, and changes nothing', async () => {
    const name = await freshCollection(db, 'add');
    await db.collection(name).add({ data: { _id: 'dup', v: 1 } });
    const err = await rejectionOf(db.collection(name).add({ data: { _id: 'dup', v: 2 } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/^collection\.add:fail -502001 .*E11000 duplicate key/);
    expect(await read(name, 'dup')).toEqual({ _id: 'dup', v: 1 });
  });

  test('an array add with a duplicate inside writes none of the documents', async () => {
    const name = await freshCollection(db, 'add');
    await db.collection(name).add({ data: { _id: 'dup' } });
    const err = await rejectionOf(db.collection(name).add({ data: [{ _id: 'new1' }, { _id: 'dup' }] }));
    expect(err.errCode).toBe(-502001);
    expect((await db.collection(name).count()).total).toBe(1);
  });
});

describe('update operators through where().update', () => {
  test('a plain nested object merges by dot path, keeping sibling fields', async () => {
    const [updated, doc] = await updateWhere(
      { profile: { name: 'a', age: 1, address: { city: 'X', street: 'S' } } },
      { profile: { age: 2, address: { city: 'Y' } } },
    );
    expect(updated).toBe(1);
    expect(doc.profile).toEqual({ name: 'a', age: 2, address: { city: 'Y', street: 'S' } });
  });

  test('_.set replaces the whole object', async () => {
    const [updated, doc] = await updateWhere({ profile: { name: 'a', age: 1 } }, { profile: _.set({ age: 3 }) });
    expect(updated).toBe(1);
    expect(doc.profile).toEqual({ age: 3 });
  });

  test('a plain value sets a new field and an array value replaces the array', async () => {
    const [, doc] = await updateWhere({ list: [1, 2, 3] }, { list: [9], added: 'yes' });
    expect(doc).toEqual({ _id: 'd', list: [9], added: 'yes' });
  });

  test('inc adds, also negative and fractional amounts, and creates a missing field', async () => {
    const [, doc] = await updateWhere({ n: 10, f: 1 }, { n: _.inc(5), f: _.inc(-2.5), fresh: _.inc(3) });
    expect(doc).toMatchObject({ n: 15, f: -1.5, fresh: 3 });
  });

  test('inc reaches into nested fields', async () => {
    const [, doc] = await updateWhere({ stats: { views: 1, likes: 7 } }, { stats: { views: _.inc(1) } });
    expect(doc.stats).toEqual({ views: 2, likes: 7 });
  });

  test('mul multiplies', async () => {
    const [, doc] = await updateWhere({ n: 10 }, { n: _.mul(3) });
    expect(doc.n).toBe(30);
  });

  test('min and max keep the smaller / larger value', async () => {
    const [updated, doc] = await updateWhere({ lo: 10, hi: 10 }, { lo: _.min(4), hi: _.max(25) });
    expect(updated).toBe(1);
    expect(doc).toMatchObject({ lo: 4, hi: 25 });
    const [unchanged, same] = await updateWhere({ lo: 10, hi: 10 }, { lo: _.min(20), hi: _.max(5) });
    expect(unchanged).toBe(0);
    expect(same).toMatchObject({ lo: 10, hi: 10 });
  });

  test('remove() unsets a field', async () => {
    const [updated, doc] = await updateWhere(
      { keep: 1, tmp: 'x', nested: { a: 1, b: 2 } },
      { tmp: _.remove(), nested: { b: _.remove() } },
    );
    expect(updated).toBe(1);
    expect(doc).toEqual({ _id: 'd', keep: 1, nested: { a: 1 } });
  });

  test('rename moves a field', async () => {
    const [, doc] = await updateWhere({ old: 'v' }, { old: _.rename('renamed') });
    expect(doc).toEqual({ _id: 'd', renamed: 'v' });
  });

  test('push appends one value or several', async () => {
    const [, one] = await updateWhere({ a: [1] }, { a: _.push(2) });
    expect(one.a).toEqual([1, 2]);
    const [, many] = await updateWhere({ a: [1] }, { a: _.push([2, 3]) });
    expect(many.a).toEqual([1, 2, 3]);
    const [, created] = await updateWhere({}, { a: _.push('x') });
    expect(created.a).toEqual(['x']);
  });

  test('push with each and position inserts at the position', async () => {
    const [, doc] = await updateWhere({ a: [1, 2, 3] }, { a: _.push({ each: [8, 9], position: 1 }) });
    expect(doc.a).toEqual([1, 8, 9, 2, 3]);
  });

  test('push with sort and slice sorts then trims', async () => {
    const [, sorted] = await updateWhere({ a: [3, 1] }, { a: _.push({ each: [2], sort: 1 }) });
    expect(sorted.a).toEqual([1, 2, 3]);
    const [, sliced] = await updateWhere({ a: [1, 2, 3] }, { a: _.push({ each: [4, 5], slice: -3 }) });
    expect(sliced.a).toEqual([3, 4, 5]);
    const [, all] = await updateWhere({ a: [5, 1, 4] }, { a: _.push({ each: [3, 2], sort: -1, slice: 3 }) });
    expect(all.a).toEqual([5, 4, 3]);
  });

  test('pop removes the last element, shift the first', async () => {
    const [, popped] = await updateWhere({ a: [1, 2, 3] }, { a: _.pop() });
    expect(popped.a).toEqual([1, 2]);
    const [, shifted] = await updateWhere({ a: [1, 2, 3] }, { a: _.shift() });
    expect(shifted.a).toEqual([2, 3]);
  });

  test('unshift prepends one value or several', async () => {
    const [, one] = await updateWhere({ a: [1, 2] }, { a: _.unshift(0) });
    expect(one.a).toEqual([0, 1, 2]);
    const [, many] = await updateWhere({ a: [1, 2] }, { a: _.unshift([-1, 0]) });
    expect(many.a).toEqual([-1, 0, 1, 2]);
  });

  test('pull removes matching values, by value or by condition', async () => {
    const [, byValue] = await updateWhere({ a: [1, 2, 1, 3] }, { a: _.pull(1) });
    expect(byValue.a).toEqual([2, 3]);
    const [, byCondition] = await updateWhere({ a: [1, 5, 2, 7] }, { a: _.pull(_.gt(4)) });
    expect(byCondition.a).toEqual([1, 2]);
    const [, objects] = await updateWhere({ a: [{ k: 1 }, { k: 2 }] }, { a: _.pull({ k: 2 }) });
    expect(objects.a).toEqual([{ k: 1 }]);
  });

  test('pullAll removes every listed value', async () => {
    const [, doc] = await updateWhere({ a: [1, 2, 3, 2, 4] }, { a: _.pullAll([2, 4]) });
    expect(doc.a).toEqual([1, 3]);
  });

  test('addToSet adds a value only when absent', async () => {
    const [added, doc] = await updateWhere({ a: ['x'] }, { a: _.addToSet('y') });
    expect(added).toBe(1);
    expect(doc.a).toEqual(['x', 'y']);
    const [notAdded, same] = await updateWhere({ a: ['x'] }, { a: _.addToSet('x') });
    expect(notAdded).toBe(0);
    expect(same.a).toEqual(['x']);
  });

  test('several operators apply together in one update', async () => {
    const [updated, doc] = await updateWhere(
      { n: 1, tags: ['a'], gone: true, profile: { name: 'p' } },
      { n: _.inc(1), tags: _.push('b'), gone: _.remove(), profile: { age: 9 }, status: 'done' },
    );
    expect(updated).toBe(1);
    expect(doc).toEqual({ _id: 'd', n: 2, tags: ['a', 'b'], profile: { name: 'p', age: 9 }, status: 'done' });
  });

  test('an element of an array is addressed by index in a dot path', async () => {
    const [, doc] = await updateWhere({ items: [{ q: 1 }, { q: 2 }] }, { 'items.1.q': _.inc(10) });
    expect(doc.items).toEqual([{ q: 1 }, { q: 12 }]);
  });
});

describe('stats.updated counts', () => {
  test('counts every matched document that changed, and 0 when nothing matches', async () => {
    const name = await freshCollection(db, 'cnt');
    await db.collection(name).add({
      data: [
        { g: 'a', v: 1 },
        { g: 'a', v: 2 },
        { g: 'a', v: 3 },
        { g: 'b', v: 4 },
      ],
    });
    const res = await db
      .collection(name)
      .where({ g: 'a' })
      .update({ data: { seen: true } });
    expect(res).toEqual({ stats: { updated: 3 }, errMsg: 'collection.update:ok' });
    expect(
      (
        await db
          .collection(name)
          .where({ g: 'zzz' })
          .update({ data: { seen: true } })
      ).stats.updated,
    ).toBe(0);
    expect((await db.collection(name).where({ seen: true }).count()).total).toBe(3);
  });

  test('documents the update leaves as they were are not counted', async () => {
    const name = await freshCollection(db, 'cnt');
    await db.collection(name).add({ data: [{ v: 1 }, { v: 2 }, { v: 1 }] });
    const res = await db
      .collection(name)
      .where({ v: _.gte(1) })
      .update({ data: { v: 1 } });
    expect(res.stats.updated).toBe(1);
  });

  test('where().update without where() updates every document', async () => {
    const name = await freshCollection(db, 'cnt');
    await db.collection(name).add({ data: [{ v: 1 }, { v: 2 }] });
    const res = await db.collection(name).update({ data: { all: true } });
    expect(res.stats.updated).toBe(2);
  });
});

describe('doc.update and doc.set', () => {
  test('doc.update merges nested objects and resolves { stats: { updated: 1 } }', async () => {
    const name = await withDoc({ a: { x: 1, y: 2 }, b: 1 });
    const res = await db
      .collection(name)
      .doc('d')
      .update({ data: { a: { y: 3 } } });
    expect(res).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect(await read(name)).toEqual({ _id: 'd', a: { x: 1, y: 3 }, b: 1 });
  });

  test('doc.update of a missing document updates nothing and does not create it', async () => {
    const name = await freshCollection(db, 'set');
    const res = await db
      .collection(name)
      .doc('ghost')
      .update({ data: { v: 1 } });
    expect(res.stats.updated).toBe(0);
    expect((await db.collection(name).count()).total).toBe(0);
  });

  test('doc.set replaces the whole document, dropping fields it does not name', async () => {
    const name = await withDoc({ a: { x: 1, y: 2 }, b: 1 });
    const res = await db
      .collection(name)
      .doc('d')
      .set({ data: { a: { y: 3 } } });
    expect(res).toEqual({ _id: 'd', stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' });
    expect(await read(name)).toEqual({ _id: 'd', a: { y: 3 } });
  });

  test('doc.set of a missing document creates it with stats.created 1', async () => {
    const name = await freshCollection(db, 'set');
    const res = await db
      .collection(name)
      .doc('new-doc')
      .set({ data: { v: 1, when: new Date(5) } });
    expect(res).toEqual({ _id: 'new-doc', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' });
    const doc = await read(name, 'new-doc');
    expect(doc).toEqual({ _id: 'new-doc', v: 1, when: new Date(5) });
    expect(doc.when).toBeInstanceOf(Date);
  });
});

describe('serverDate', () => {
  afterEach(() => emulatorClock.reset());

  test('serverDate() is stored as a Date near now, in add and in update', async () => {
    const name = await freshCollection(db, 'sd');
    const before = Date.now();
    const { _id } = await db.collection(name).add({ data: { at: db.serverDate() } });
    await db
      .collection(name)
      .doc(_id)
      .update({ data: { later: db.serverDate({ offset: 60_000 }) } });
    const after = Date.now();
    const doc = await read(name, _id);
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(doc.at.getTime()).toBeLessThanOrEqual(after + 1000);
    expect(doc.later).toBeInstanceOf(Date);
    expect(doc.later.getTime() - doc.at.getTime()).toBeGreaterThanOrEqual(59_000);
    expect(doc.later.getTime() - doc.at.getTime()).toBeLessThanOrEqual(61_000 + (after - before));
  });

  test('serverDate() follows the emulator clock moved with POST /dev/clock', async () => {
    const name = await freshCollection(db, 'sd');
    const hour = 3_600_000;
    const moved = await postJson(`${tc.url}/dev/clock`, { advanceMs: hour });
    expect(moved.status).toBe(200);
    const { _id } = await db.collection(name).add({ data: { at: db.serverDate() } });
    const { at } = await read(name, _id);
    expect(at.getTime()).toBeGreaterThanOrEqual(Date.now() + hour - 2000);
    expect(at.getTime()).toBeLessThanOrEqual(Date.now() + hour + 2000);
  });

  test('serverDate() can be compared against in a query', async () => {
    const name = await freshCollection(db, 'sd');
    await db.collection(name).add({
      data: [
        { _id: 'old', at: new Date(Date.now() - 86_400_000) },
        { _id: 'future', at: new Date(Date.now() + 86_400_000) },
      ],
    });
    const { data } = await db
      .collection(name)
      .where({ at: _.gt(db.serverDate()) })
      .get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['future']);
  });
});

describe('remove', () => {
  test('doc.remove deletes one document and reports stats.removed', async () => {
    const name = await withDoc({ v: 1 });
    expect(await db.collection(name).doc('d').remove()).toEqual({
      stats: { removed: 1 },
      errMsg: 'document.remove:ok',
    });
    expect((await db.collection(name).count()).total).toBe(0);
    expect((await db.collection(name).doc('d').remove()).stats.removed).toBe(0);
  });

  test('where().remove deletes the matching documents only', async () => {
    const name = await freshCollection(db, 'rm');
    await db.collection(name).add({ data: [{ s: 'done' }, { s: 'done' }, { s: 'open' }] });
    expect(await db.collection(name).where({ s: 'done' }).remove()).toEqual({
      stats: { removed: 2 },
      errMsg: 'collection.remove:ok',
    });
    const { data } = await db.collection(name).get();
    expect(data.map((d: { s: string }) => d.s)).toEqual(['open']);
  });

  test('remove() without where() deletes every document but keeps the collection', async () => {
    const name = await freshCollection(db, 'rm');
    await db.collection(name).add({ data: [{ v: 1 }, { v: 2 }, { v: 3 }] });
    expect((await db.collection(name).remove()).stats.removed).toBe(3);
    expect(await db.collection(name).count()).toEqual({ total: 0, errMsg: 'collection.count:ok' });
  });
});
