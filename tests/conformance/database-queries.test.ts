/**
 * Conformance: reads through the real wx-server-sdk 4.0.2 against the local CloudBase — every
 * query command, ordering, paging, projection, result shapes and value round-trips, the
 * server-side caps (100 / 1000 per get, 20 per aggregate), count, doc.get and aggregate.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { adminRequest, freshCollection, rejectionOf, wxCloud, type Db } from '../helpers/sdk';

let tc: TestCloud;
let db: Db;
let _: any;
/** The four documents most query tests run against. */
let people: string;

const PEOPLE = [
  {
    _id: 'p1',
    name: 'alpha',
    n: 1,
    tags: ['a', 'b'],
    nested: { level: 1, label: 'x' },
    items: [{ k: 1 }, { k: 5 }],
    maybe: null,
    d: new Date('2024-01-01T00:00:00Z'),
  },
  {
    _id: 'p2',
    name: 'beta',
    n: 2,
    tags: ['b', 'c', 'd'],
    nested: { level: 2, label: 'y' },
    items: [{ k: 2 }],
    extra: true,
    d: new Date('2024-02-01T00:00:00Z'),
  },
  {
    _id: 'p3',
    name: 'Gamma',
    n: 3,
    tags: [],
    nested: { level: 3, label: 'x' },
    items: [],
    d: new Date('2024-03-01T00:00:00Z'),
  },
  {
    _id: 'p4',
    name: 'delta',
    n: 4,
    tags: ['a'],
    nested: { level: 1, label: 'z' },
    items: [{ k: 9 }],
    d: new Date('2024-04-01T00:00:00Z'),
  },
];

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  db = wxCloud().database();
  _ = db.command;
  people = await freshCollection(db, 'people');
  await db.collection(people).add({ data: PEOPLE });
});

afterAll(async () => {
  await tc.stop();
});

/** The sorted `_id`s a query returns. */
async function idsOf(where: Record<string, unknown>): Promise<string[]> {
  const { data } = await db.collection(people).where(where).get();
  return data.map((d: { _id: string }) => d._id).sort();
}

describe('query commands', () => {
  test('a plain value matches by equality, and an array field matches when it contains the value', async () => {
    expect(await idsOf({ name: 'beta' })).toEqual(['p2']);
    expect(await idsOf({ tags: 'a' })).toEqual(['p1', 'p4']);
  });

  test('eq and neq', async () => {
    expect(await idsOf({ n: _.eq(2) })).toEqual(['p2']);
    expect(await idsOf({ n: _.neq(2) })).toEqual(['p1', 'p3', 'p4']);
  });

  test('gt, gte, lt, lte', async () => {
    expect(await idsOf({ n: _.gt(2) })).toEqual(['p3', 'p4']);
    expect(await idsOf({ n: _.gte(2) })).toEqual(['p2', 'p3', 'p4']);
    expect(await idsOf({ n: _.lt(2) })).toEqual(['p1']);
    expect(await idsOf({ n: _.lte(2) })).toEqual(['p1', 'p2']);
  });

  test('comparisons work on Dates', async () => {
    expect(await idsOf({ d: _.gte(new Date('2024-02-01T00:00:00Z')) })).toEqual(['p2', 'p3', 'p4']);
    expect(await idsOf({ d: _.lt(new Date('2024-02-01T00:00:00Z')) })).toEqual(['p1']);
  });

  test('in and nin', async () => {
    expect(await idsOf({ name: _.in(['alpha', 'delta', 'nobody']) })).toEqual(['p1', 'p4']);
    expect(await idsOf({ name: _.nin(['alpha', 'delta']) })).toEqual(['p2', 'p3']);
  });

  test('exists', async () => {
    expect(await idsOf({ extra: _.exists(true) })).toEqual(['p2']);
    expect(await idsOf({ extra: _.exists(false) })).toEqual(['p1', 'p3', 'p4']);
  });

  test('size, all and elemMatch on arrays', async () => {
    expect(await idsOf({ tags: _.size(2) })).toEqual(['p1']);
    expect(await idsOf({ tags: _.size(0) })).toEqual(['p3']);
    expect(await idsOf({ tags: _.all(['b', 'a']) })).toEqual(['p1']);
    expect(await idsOf({ items: _.elemMatch({ k: _.gt(4) }) })).toEqual(['p1', 'p4']);
  });

  test('mod', async () => {
    expect(await idsOf({ n: _.mod(2, 0) })).toEqual(['p2', 'p4']);
    expect(await idsOf({ n: _.mod(3, 1) })).toEqual(['p1', 'p4']);
  });

  test('and / or on a field, chained or as commands', async () => {
    expect(await idsOf({ n: _.gt(1).and(_.lt(4)) })).toEqual(['p2', 'p3']);
    expect(await idsOf({ n: _.and(_.gt(1), _.lt(4)) })).toEqual(['p2', 'p3']);
    expect(await idsOf({ n: _.lt(2).or(_.gt(3)) })).toEqual(['p1', 'p4']);
    expect(await idsOf({ n: _.or(_.lt(2), _.gt(3)) })).toEqual(['p1', 'p4']);
  });

  test('nor and not on a field', async () => {
    expect(await idsOf({ n: _.nor(_.eq(1), _.eq(2)) })).toEqual(['p3', 'p4']);
    expect(await idsOf({ n: _.not(_.eq(1)) })).toEqual(['p2', 'p3', 'p4']);
    expect(await idsOf({ n: _.not(_.in([1, 4])) })).toEqual(['p2', 'p3']);
    expect(await idsOf({ n: _.not(_.gte(3)) })).toEqual(['p1', 'p2']);
  });

  test('and / or / nor across fields at the top level', async () => {
    expect(await idsOf(_.or([{ name: 'alpha' }, { n: _.gte(4) }]))).toEqual(['p1', 'p4']);
    expect(await idsOf(_.and([{ tags: 'a' }, { n: _.gt(1) }]))).toEqual(['p4']);
    expect(await idsOf(_.nor([{ n: 1 }, { tags: 'c' }]))).toEqual(['p3', 'p4']);
    // a where() object with several fields is an implicit and
    expect(await idsOf({ tags: 'a', n: _.lt(3) })).toEqual(['p1']);
  });

  test('a JS RegExp and db.RegExp, with options', async () => {
    expect(await idsOf({ name: /^(alpha|gamma)$/i })).toEqual(['p1', 'p3']);
    expect(await idsOf({ name: /^(alpha|gamma)$/ })).toEqual(['p1']);
    expect(await idsOf({ name: db.RegExp({ regexp: '^B', options: 'i' }) })).toEqual(['p2']);
    expect(await idsOf({ name: db.RegExp({ regexp: 'ta$' }) })).toEqual(['p2', 'p4']);
  });

  test('a nested object in where() matches by dot path (subfields), not as a whole object', async () => {
    // { nested: { label: 'x' } } is sent as { 'nested.label': 'x' }: p1 and p3 also have a level.
    expect(await idsOf({ nested: { label: 'x' } })).toEqual(['p1', 'p3']);
    expect(await idsOf({ nested: { level: _.gte(2) } })).toEqual(['p2', 'p3']);
    expect(await idsOf({ 'nested.level': 1 })).toEqual(['p1', 'p4']);
  });

  test('null matches a null field and a missing one, as MongoDB does', async () => {
    expect(await idsOf({ maybe: null })).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await idsOf({ maybe: _.exists(true) })).toEqual(['p1']);
    expect(await idsOf({ maybe: _.exists(true).and(_.eq(null)) })).toEqual(['p1']);
  });

  test('where({}) and no where() both return everything', async () => {
    expect(await idsOf({})).toEqual(['p1', 'p2', 'p3', 'p4']);
    const { data } = await db.collection(people).get();
    expect(data).toHaveLength(4);
  });
});

describe('ordering, paging and projection', () => {
  test('orderBy on several fields applies them in call order, nested fields included', async () => {
    const { data } = await db.collection(people).orderBy('nested.label', 'asc').orderBy('n', 'desc').get();
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['p3', 'p1', 'p2', 'p4']);
  });

  test('orderBy desc on a string field', async () => {
    const { data } = await db.collection(people).orderBy('name', 'desc').get();
    // binary order: lower-case letters sort after 'G'
    expect(data.map((d: { name: string }) => d.name)).toEqual(['delta', 'beta', 'alpha', 'Gamma']);
  });

  test('skip and limit page through the ordered result', async () => {
    const page = await db.collection(people).orderBy('n', 'asc').skip(1).limit(2).get();
    expect(page.data.map((d: { _id: string }) => d._id)).toEqual(['p2', 'p3']);
    const last = await db.collection(people).orderBy('n', 'asc').skip(3).limit(2).get();
    expect(last.data.map((d: { _id: string }) => d._id)).toEqual(['p4']);
    const beyond = await db.collection(people).orderBy('n', 'asc').skip(10).get();
    expect(beyond.data).toEqual([]);
  });

  test('field() with true includes only those fields (and _id)', async () => {
    const { data } = await db.collection(people).where({ _id: 'p2' }).field({ name: true, 'nested.label': true }).get();
    expect(data).toEqual([{ _id: 'p2', name: 'beta', nested: { label: 'y' } }]);
  });

  test('field() with false excludes those fields and keeps the rest', async () => {
    const { data } = await db
      .collection(people)
      .where({ _id: 'p2' })
      .field({ tags: false, items: false, d: false, nested: false })
      .get();
    expect(data).toEqual([{ _id: 'p2', name: 'beta', n: 2, extra: true }]);
  });

  test('doc().field() projects a single document', async () => {
    const res = await db.collection(people).doc('p1').field({ n: true }).get();
    expect(res.data).toEqual({ _id: 'p1', n: 1 });
  });
});

describe('result shapes and value round-trips', () => {
  let values: string;
  const big = 2 ** 40;

  beforeAll(async () => {
    values = await freshCollection(db, 'values');
    await db.collection(values).add({
      data: {
        _id: 'v1',
        int: 42,
        negative: -7,
        double: 1.5,
        big,
        zero: 0,
        text: '同心圆',
        flag: false,
        nothing: null,
        when: new Date('2024-05-06T07:08:09.123Z'),
        list: [1, 'two', { three: 3 }, [4], new Date(0)],
        deep: { a: { b: { c: 'd' } } },
      },
    });
  });

  test('collection.get resolves with exactly { data, errMsg: "collection.get:ok" }', async () => {
    const res = await db.collection(values).get();
    expect(Object.keys(res).sort()).toEqual(['data', 'errMsg']);
    expect(res.errMsg).toBe('collection.get:ok');
    expect(Array.isArray(res.data)).toBe(true);
  });

  test('doc.get resolves with exactly { data, errMsg: "document.get:ok" }', async () => {
    const res = await db.collection(values).doc('v1').get();
    expect(Object.keys(res).sort()).toEqual(['data', 'errMsg']);
    expect(res.errMsg).toBe('document.get:ok');
    expect(res.data._id).toBe('v1');
  });

  test('Dates come back as Date objects, at top level and inside arrays', async () => {
    const { data } = await db.collection(values).doc('v1').get();
    expect(data.when).toBeInstanceOf(Date);
    expect(data.when.toISOString()).toBe('2024-05-06T07:08:09.123Z');
    expect(data.list[4]).toBeInstanceOf(Date);
    expect(data.list[4].getTime()).toBe(0);
  });

  test('int32, negative, double, zero and beyond-int32 integers stay numbers', async () => {
    const { data } = await db.collection(values).doc('v1').get();
    expect(data.int).toBe(42);
    expect(data.negative).toBe(-7);
    expect(data.double).toBe(1.5);
    expect(data.zero).toBe(0);
    expect(data.big).toBe(big);
    for (const k of ['int', 'negative', 'double', 'zero', 'big']) expect(typeof data[k]).toBe('number');
  });

  test('strings, booleans, null, arrays and nested objects round-trip unchanged', async () => {
    const { data } = await db.collection(values).doc('v1').get();
    expect(data.text).toBe('同心圆');
    expect(data.flag).toBe(false);
    expect(data.nothing).toBeNull();
    expect(data.list.slice(0, 4)).toEqual([1, 'two', { three: 3 }, [4]]);
    expect(data.deep).toEqual({ a: { b: { c: 'd' } } });
  });

  test('a number beyond int32 can be queried', async () => {
    expect((await db.collection(values).where({ big }).get()).data).toHaveLength(1);
    expect(
      (
        await db
          .collection(values)
          .where({ big: _.gt(2 ** 31) })
          .get()
      ).data,
    ).toHaveLength(1);
  });

  test('doc.get of a missing id rejects with errCode -1 (the SDK decides, the server answers an empty list)', async () => {
    const err = await rejectionOf(db.collection(values).doc('no-such-id').get());
    expect(err.errCode).toBe(-1);
    expect(err.errMsg).toMatch(/document\.get:fail.*no-such-id.*does not exist/);
  });

  test('doc.get of a missing id resolves data null with throwOnNotFound: false', async () => {
    const lenient = wxCloud().database({ throwOnNotFound: false });
    const res = await lenient.collection(values).doc('no-such-id').get();
    expect(res).toEqual({ data: null, errMsg: 'document.get:ok' });
  });

  test('count resolves { total, errMsg: "collection.count:ok" }, with and without where()', async () => {
    expect(await db.collection(people).count()).toEqual({ total: 4, errMsg: 'collection.count:ok' });
    expect(await db.collection(people).where({ tags: 'a' }).count()).toEqual({
      total: 2,
      errMsg: 'collection.count:ok',
    });
    expect(
      (
        await db
          .collection(people)
          .where({ n: _.gt(100) })
          .count()
      ).total,
    ).toBe(0);
  });
});

describe('server-side caps', () => {
  let many: string;
  const TOTAL = 1100;

  beforeAll(async () => {
    many = await freshCollection(db, 'many');
    const docs = Array.from({ length: TOTAL }, (_unused, i) => ({ i, even: i % 2 === 0 }));
    for (let start = 0; start < TOTAL; start += 275) {
      const res = await db.collection(many).add({ data: docs.slice(start, start + 275) });
      expect(res._ids).toHaveLength(275);
    }
  });

  test('all 1,100 documents are there', async () => {
    expect((await db.collection(many).count()).total).toBe(TOTAL);
  });

  test('get() without limit returns 100 documents', async () => {
    expect((await db.collection(many).get()).data).toHaveLength(100);
    expect((await db.collection(many).where({ even: true }).get()).data).toHaveLength(100);
  });

  test('limit(2000) is capped at 1000, and skip reaches the rest', async () => {
    const first = await db.collection(many).orderBy('i', 'asc').limit(2000).get();
    expect(first.data).toHaveLength(1000);
    expect(first.data[999].i).toBe(999);
    const rest = await db.collection(many).orderBy('i', 'asc').skip(1000).limit(1000).get();
    expect(rest.data.map((d: { i: number }) => d.i)).toEqual(Array.from({ length: 100 }, (_unused, k) => 1000 + k));
  });

  test('the server applies the caps itself, whatever limit the request carries', async () => {
    // the SDK already clamps to 1000; a raw admin request checks that the server does too
    const raw = async (extra: Record<string, unknown>) => {
      const res = await adminRequest(tc.url, {
        action: 'database.getDocument',
        collectionName: many,
        queryType: 'WHERE',
        ...extra,
      });
      expect(res.status).toBe(200);
      const body = res.json;
      expect(body.code).toBeFalsy();
      for (const item of body.data.list) expect(typeof item).toBe('string'); // EJSON strings, as the SDK expects
      return body.data.list.length;
    };
    expect(await raw({})).toBe(100);
    expect(await raw({ limit: 0 })).toBe(100);
    expect(await raw({ limit: 5000 })).toBe(1000);
    expect(await raw({ limit: 5000, offset: 1050 })).toBe(50);
  });

  test('a limit below the cap is honoured exactly', async () => {
    expect((await db.collection(many).limit(7).get()).data).toHaveLength(7);
  });
});

describe('aggregate', () => {
  let orders: string;
  let owners: string;

  beforeAll(async () => {
    orders = await freshCollection(db, 'orders');
    owners = await freshCollection(db, 'owners');
    await db.collection(owners).add({
      data: [
        { _id: 'o1', name: 'Ann' },
        { _id: 'o2', name: 'Bo' },
        { _id: 'o3', name: 'Cy' },
      ],
    });
    const rows = [];
    for (let i = 0; i < 30; i++)
      rows.push({ _id: `r${String(i).padStart(2, '0')}`, owner: `o${(i % 3) + 1}`, amount: i, paid: i % 5 !== 0 });
    await db.collection(orders).add({ data: rows });
  });

  test('$match, $group, $sort, $limit and $project', async () => {
    const $ = _.aggregate;
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ paid: true })
      .group({ _id: '$owner', total: $.sum('$amount'), count: $.sum(1) })
      .sort({ total: -1 })
      .limit(2)
      .project({ _id: 0, owner: '$_id', total: 1, count: 1 })
      .end();
    expect(res.errMsg).toBe('collection.aggregate:ok');
    // paid = amount not divisible by 5; o1 gets 0,3,…,27, o2 1,4,…,28, o3 2,5,…,29
    const sumOf = (r: number) => Array.from({ length: 10 }, (_u, k) => 3 * k + r).filter((a) => a % 5 !== 0);
    const totals = [0, 1, 2].map((r) => ({
      owner: `o${r + 1}`,
      total: sumOf(r).reduce((a, b) => a + b, 0),
      count: sumOf(r).length,
    }));
    totals.sort((a, b) => b.total - a.total);
    expect(res.list).toEqual(totals.slice(0, 2));
  });

  test('without a $limit stage it returns 20 documents', async () => {
    const all = await db
      .collection(orders)
      .aggregate()
      .match({ amount: _.gte(0) })
      .end();
    expect(all.list).toHaveLength(20);
    const sorted = await db.collection(orders).aggregate().sort({ amount: -1 }).end();
    expect(sorted.list).toHaveLength(20);
    expect(sorted.list[0].amount).toBe(29);
  });

  test('an explicit $limit above 20 is honoured', async () => {
    const res = await db.collection(orders).aggregate().sort({ amount: 1 }).limit(25).end();
    expect(res.list).toHaveLength(25);
  });

  test('$lookup joins a second collection', async () => {
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ _id: _.in(['r00', 'r04']) })
      .lookup({ from: owners, localField: 'owner', foreignField: '_id', as: 'ownerDocs' })
      .sort({ _id: 1 })
      .end();
    expect(res.list.map((r: any) => [r._id, r.ownerDocs])).toEqual([
      ['r00', [{ _id: 'o1', name: 'Ann' }]],
      ['r04', [{ _id: 'o2', name: 'Bo' }]],
    ]);
  });

  test('aggregate keeps Dates as Dates', async () => {
    const dated = await freshCollection(db, 'dated');
    await db.collection(dated).add({ data: { at: new Date('2024-01-02T03:04:05Z') } });
    const res = await db.collection(dated).aggregate().project({ _id: 0, at: 1 }).end();
    expect(res.list[0].at).toBeInstanceOf(Date);
    expect(res.list[0].at.toISOString()).toBe('2024-01-02T03:04:05.000Z');
  });
});
