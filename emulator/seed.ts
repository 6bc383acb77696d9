import { COLLECTIONS } from '../server/platform/collections';
import { buildCounty, type SeedScale } from '../server/seed/county';
import type { DocumentStore } from './db/store';

export type { SeedScale };
export const SEED_SCALES: readonly SeedScale[] = ['demo', 'county', 'county10'];

/** Writes the deterministic county (server/seed) into the local database, collection by collection. */
/**
 * `anchor`: the day the wishes, 六个一 data and cases are dated back from — today for `npm start`
 * and `npm run seed`, so the demo's claims and open cases are live; the fixed seed date in tests.
 * `cases`: how many cases instead of the scale's (the bench's 1× run of the complaint metrics).
 */
export function seedStore(
  store: DocumentStore,
  scale: SeedScale = 'demo',
  anchor?: Date,
  opts: { cases?: number } = {},
): Record<string, number> {
  const data = buildCounty({ scale, anchor, cases: opts.cases });
  const counts: Record<string, number> = {};
  for (const [collection, docs] of Object.entries(data)) {
    store.createCollection(collection);
    for (let i = 0; i < docs.length; i += 1000) store.insert(collection, docs.slice(i, i + 1000));
    counts[collection] = docs.length;
  }
  for (const name of Object.keys(COLLECTIONS)) store.createCollection(name);
  return counts;
}

/** Midnight (UTC) of today on the emulator clock: one seed per day is the same seed. */
export function today(nowMs: number): Date {
  return new Date(Math.floor(nowMs / 86_400_000) * 86_400_000);
}

export function isEmpty(store: DocumentStore): boolean {
  return store.listCollections().every((c) => store.count(c, {}) === 0);
}
