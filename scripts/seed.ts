/**
 * `npm run seed [-- --scale county|county10]`: empties DATA_DIR's database and writes the deterministic
 * county (server/seed). `npm start` does the same by itself when the database is empty.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DocumentStore } from '../emulator/db/store';
import { SEED_SCALES, seedStore, today, type SeedScale } from '../emulator/seed';
import { COLLECTIONS } from '../server/platform/collections';

const ROOT = path.resolve(__dirname, '..');
const i = process.argv.indexOf('--scale');
const scale = (i > 0 ? process.argv[i + 1] : 'demo') as SeedScale;
if (!SEED_SCALES.includes(scale)) {
  console.error(`usage: npm run seed [-- --scale ${SEED_SCALES.join('|')}]`);
  process.exit(2);
}
const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const store = new DocumentStore(
  path.join(dataDir, 'db.sqlite'),
  Object.fromEntries(Object.entries(COLLECTIONS).map(([n, c]) => [n, c.indexes])),
);
for (const name of Object.keys(COLLECTIONS)) store.createCollection(name);
store.truncateAll();
const t0 = Date.now();
const counts = seedStore(store, scale, today(Date.now()));
store.close();
console.log(`seeded ${dataDir} (${scale}) in ${Date.now() - t0} ms:`);
for (const [c, n] of Object.entries(counts)) console.log(`  ${c.padEnd(18)} ${n}`);
