import { COLLECTIONS } from '../server/platform/collections';
import { buildCounty, type SeedScale } from '../server/seed/county';
import { crc32, deflateSync } from 'node:zlib';
import type { DocumentStore } from './db/store';
import type { FileStorage } from './storage/files';

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
  opts: { cases?: number; storage?: FileStorage } = {},
): Record<string, number> {
  const data = buildCounty({ scale, anchor, cases: opts.cases });
  const counts: Record<string, number> = {};
  for (const [collection, docs] of Object.entries(data)) {
    store.createCollection(collection);
    for (let i = 0; i < docs.length; i += 1000) store.insert(collection, docs.slice(i, i + 1000));
    counts[collection] = docs.length;
    if (opts.storage) seedPhotos(opts.storage, docs);
  }
  for (const name of Object.keys(COLLECTIONS)) store.createCollection(name);
  return counts;
}

/**
 * The seed's photos (co-building projects' progress and results) are uploads of its people: a
 * picture is put in storage for each one the documents name, so the pages show them.
 */
function seedPhotos(storage: FileStorage, docs: unknown[]): void {
  const seen = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const cloudPath = v.startsWith('cloud://') && v.endsWith('.png') ? storage.pathOf(v) : null;
      if (cloudPath && !seen.has(cloudPath)) {
        seen.add(cloudPath);
        storage.put(cloudPath, tilePng(cloudPath));
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object' && !(v instanceof Date)) Object.values(v).forEach(visit);
  };
  docs.forEach(visit);
}

/** A 320×240 PNG in a soft colour picked from `seed`, with a darker band: a stand-in photo. */
function tilePng(seed: string): Buffer {
  const w = 320;
  const h = 240;
  const hue = [...seed].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7) % 6;
  const palette: Array<[number, number, number]> = [
    [246, 214, 210],
    [214, 232, 214],
    [210, 224, 244],
    [246, 234, 200],
    [228, 214, 240],
    [206, 236, 236],
  ];
  const [r, g, b] = palette[hue];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const band = y > h * 0.62 && y < h * 0.78 ? 0.8 : 1;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = Math.round(r * band);
      raw[o + 1] = Math.round(g * band);
      raw[o + 2] = Math.round(b * band);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Midnight (UTC) of today on the emulator clock: one seed per day is the same seed. */
export function today(nowMs: number): Date {
  return new Date(Math.floor(nowMs / 86_400_000) * 86_400_000);
}

export function isEmpty(store: DocumentStore): boolean {
  return store.listCollections().every((c) => store.count(c, {}) === 0);
}
