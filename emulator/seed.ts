import { COLLECTIONS } from '../server/platform/collections';
import { buildCounty } from '../server/seed/county';
import type { DocumentStore } from './db/store';

export type SeedScale = 'demo' | 'county';

/** Writes the deterministic county (server/seed) into the local database, collection by collection. */
export function seedStore(store: DocumentStore, scale: SeedScale = 'demo'): Record<string, number> {
  const data = buildCounty({ scale });
  const counts: Record<string, number> = {};
  for (const [collection, docs] of Object.entries(data)) {
    store.createCollection(collection);
    for (let i = 0; i < docs.length; i += 1000) store.insert(collection, docs.slice(i, i + 1000));
    counts[collection] = docs.length;
  }
  for (const name of Object.keys(COLLECTIONS)) store.createCollection(name);
  return counts;
}

export function isEmpty(store: DocumentStore): boolean {
  return store.listCollections().every((c) => store.count(c, {}) === 0);
}
