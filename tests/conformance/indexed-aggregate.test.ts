import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentStore as Store } from '../../emulator/db/store';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { wxCloud } from '../helpers/sdk';

/**
 * An aggregate that begins `$match` (indexed equalities) → `$addFields` (`$cond` on `$eq`) →
 * `$sort` → `$skip` → `$limit` is filtered, sorted and paged by SQLite; it must give exactly
 * what mingo gives over the same documents — booleans apart from numbers, strings apart from
 * dates and arrays, missing values first ascending, ties in the same order — and the stages
 * after `$limit` still apply. The wish hall's pipeline is one of them.
 */
let dir: string;
let store: Store;
const COMMUNITIES = ['c01', 'c02', 'c03'];
const documents = (arrays: boolean) =>
  Array.from({ length: 400 }, (_, i) => ({
    _id: `t${String((i * 7919) % 400).padStart(3, '0')}`,
    status: i % 4 === 0 ? 'done' : 'open',
    // false, true, a number that json_extract would confuse with a boolean, or missing
    ...(i % 13 === 0 ? {} : { flagged: i % 9 === 0 ? true : i % 11 === 0 ? 0 : false }),
    // a community, none, (an array holding one,) a date, a number
    ...(i % 17 === 0
      ? {}
      : {
          communityId:
            arrays && i % 19 === 0
              ? ['c01']
              : i % 23 === 0
                ? new Date(Date.UTC(2026, 0, 1))
                : i % 29 === 0
                  ? 1
                  : COMMUNITIES[i % 3],
        }),
    // many ties; some missing
    ...(i % 31 === 0 ? {} : { at: new Date(Date.UTC(2026, 0, 1) + (i % 40) * 3_600_000) }),
    rank: i % 5,
    timeline: [{ step: i }],
  }));
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'txy-agg-'));
  store = new Store(path.join(dir, 'db.sqlite'), {
    things: [{ fields: ['status'] }],
    arrays: [{ fields: ['status'] }],
  });
  for (const name of ['things', 'plain', 'arrays', 'arraysPlain']) store.createCollection(name);
  store.insert('things', documents(false));
  store.insert('plain', documents(false)); // no index: mingo answers
  store.insert('arrays', documents(true));
  store.insert('arraysPlain', documents(true));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hall = (own: string | number, dir: 1 | -1, skip: number, limit: number) => [
  { $match: { status: 'open', flagged: false } },
  { $addFields: { elsewhere: { $cond: [{ $eq: ['$communityId', own] }, 0, 1] } } },
  { $sort: { elsewhere: 1, at: dir } },
  { $skip: skip },
  { $limit: limit },
  { $project: { timeline: 0 } },
];

test.each([
  ['the hall, own community first, newest first', hall('c01', -1, 0, 21)],
  ['the hall, a later page, oldest first', hall('c02', 1, 40, 21)],
  ['the hall past its end', hall('c03', -1, 210, 21)],
  ['the hall of a member of no community', hall('', -1, 20, 21)],
  ['a numeric constant', hall(1, -1, 0, 50)],
  [
    'object-form $cond, constant first, two keys, no $skip, stages after $limit',
    [
      { $match: { status: 'open', rank: 2 } },
      {
        $addFields: {
          mine: { $cond: { if: { $eq: ['c02', '$communityId'] }, then: -1, else: 5 } },
          flag: { $cond: [{ $eq: ['$flagged', 0] }, 1, 0] },
        },
      },
      { $sort: { mine: -1, flag: 1, at: -1, _id: 1 } },
      { $limit: 30 },
      { $project: { timeline: 0, rank: 0 } },
      { $addFields: { seen: true } },
    ],
  ],
  [
    'a plain sort with ties',
    [{ $match: { status: 'done', flagged: false } }, { $sort: { rank: 1 } }, { $skip: 3 }, { $limit: 40 }],
  ],
])('%s: SQLite gives what mingo gives', (_name, pipeline) => {
  const answered = jest.spyOn(store as any, 'indexedAggregate');
  const fast = store.aggregate('things', pipeline as Record<string, unknown>[]);
  expect(answered.mock.results[0].value).not.toBeNull(); // by SQLite
  answered.mockRestore();
  const slow = store.aggregate('plain', pipeline as Record<string, unknown>[]);
  expect(fast.length).toBeGreaterThan(0);
  expect(fast).toEqual(slow);
});

test('pipelines it does not answer are still answered (by mingo)', () => {
  // mingo's aggregation `$eq` matches an array holding the value: with arrays along the path, mingo answers.
  const withArrays = hall('c01', -1, 0, 60);
  expect(store.aggregate('arrays', withArrays)).toEqual(store.aggregate('arraysPlain', withArrays));
  const answered = jest.spyOn(store as any, 'indexedAggregate');
  for (const pipeline of [
    [{ $match: { flagged: false } }, { $sort: { at: -1 } }, { $limit: 5 }], // no indexed field
    [{ $match: { status: 'open' } }, { $sort: { at: -1 } }, { $project: { rank: 1 } }, { $limit: 5 }],
    [{ $match: { status: { $in: ['open'] } } }, { $sort: { at: -1 } }, { $limit: 5 }],
  ]) {
    expect(store.aggregate('things', pipeline)).toEqual(store.aggregate('plain', pipeline));
  }
  expect(answered.mock.results.every((r) => r.value === null)).toBe(true);
  answered.mockRestore();
});

describe('through the real SDK', () => {
  let tc: TestCloud;
  beforeAll(async () => {
    tc = await startLocalCloud({ seed: false });
  });
  afterAll(() => tc.stop());

  test("the wish hall's aggregate pages the published wishes, own community first", async () => {
    const now = Date.UTC(2026, 5, 1);
    tc.cloud.store.insert(
      'wishes',
      Array.from({ length: 60 }, (_, i) => ({
        _id: `w${String(i).padStart(2, '0')}`,
        status: i % 6 === 0 ? 'claimed' : 'published',
        flagged: i === 7,
        communityId: i % 3 === 0 ? 'c01' : 'c02',
        publishedAt: new Date(now - (i % 10) * 60_000),
        timeline: [],
      })),
    );
    const db = wxCloud().database();
    const page = async (skip: number) =>
      (
        await db
          .collection('wishes')
          .aggregate()
          .match({ status: 'published', flagged: false })
          .addFields({ elsewhere: { $cond: [{ $eq: ['$communityId', 'c01'] }, 0, 1] } })
          .sort({ elsewhere: 1, publishedAt: -1 })
          .skip(skip)
          .limit(21)
          .project({ timeline: 0 })
          .end()
      ).list;
    const all = [...(await page(0)), ...(await page(21)), ...(await page(42))];
    const expected = tc.cloud.store
      .find('wishes', { query: { status: 'published', flagged: false } })
      .map((w): Record<string, any> => ({ ...w, elsewhere: w.communityId === 'c01' ? 0 : 1 }))
      .sort(
        (a, b) => a.elsewhere - b.elsewhere || (b.publishedAt as Date).getTime() - (a.publishedAt as Date).getTime(),
      );
    expect(all.map((w: any) => w._id)).toEqual(expected.map((w) => w._id));
    expect(all[0]).toEqual({ ...expected[0], timeline: undefined, elsewhere: 0 });
  });
});
