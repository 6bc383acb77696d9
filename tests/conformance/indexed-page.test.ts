import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentStore as Store } from '../../emulator/db/store';

/**
 * A sorted page of an indexed equality query is answered by SQLite alone (filter, sort, skip,
 * limit); it must be exactly the page mingo gives over the same documents — dates in time order
 * (whole seconds too, whose stored text lacks `.000`),
 * missing values first ascending and last descending, ties broken by the next key.
 */
let dir: string;
let store: Store;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'txy-page-'));
  store = new Store(path.join(dir, 'db.sqlite'), { things: [{ fields: ['group', 'state', 'name'] }] });
  store.createCollection('things');
  store.createCollection('plain');
  const docs = Array.from({ length: 300 }, (_, i) => ({
    _id: `t${String(i).padStart(3, '0')}`,
    group: i % 3 === 0 ? 'g1' : 'g2',
    state: i % 2 === 0 ? 'open' : 'done',
    ...(i % 17 === 0 ? {} : { name: `名字${(i * 7919) % 50}` }),
    at: new Date(Date.UTC(2026, 0, 1) + ((i * 104729) % 1000) * 3_600_000),
    // Pairs in one second, .000 and .500: stored text drops ".000" (…:12Z vs …:12.500Z).
    at2: new Date(Date.UTC(2026, 0, 1) + (Math.floor(i / 2) % 150) * 1000 + (i % 2) * 500),
    n: (i * 31) % 11,
  }));
  store.insert('things', docs);
  store.insert('plain', docs); // no index: mingo answers
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([
  [{ group: 'g2', state: 'open' }, { name: 1, _id: 1 }, 0, 20],
  [{ group: 'g2', state: 'open' }, { name: -1, _id: -1 }, 5, 20],
  [{ group: 'g1' }, { at: -1 }, 10, 15],
  [{ group: 'g1' }, { at: 1 }, 0, 1000],
  [{ $and: [{ group: 'g2' }, { state: 'done' }] }, { n: 1, at: -1 }, 3, 7],
  [{ group: 'g2' }, { at2: -1, _id: 1 }, 0, 60],
  [{ group: 'g2' }, { at2: 1, _id: 1 }, 0, 1000],
])('where %j sort %j skip %i limit %i: SQLite gives the page mingo gives', (query, sort, skip, limit) => {
  const opts = { query, sort: sort as Record<string, 1 | -1>, skip, limit };
  const fast = store.find('things', opts).map((d) => d._id);
  const slow = store.find('plain', opts).map((d) => d._id);
  expect(fast.length).toBeGreaterThan(0);
  expect(fast).toEqual(slow);
});
