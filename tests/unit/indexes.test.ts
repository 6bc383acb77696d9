import { COLLECTIONS } from '../../server/platform/collections';
import { buildCountySeed } from '../../server/seed/county';

/**
 * The emulator narrows queries (and answers sorted pages) with SQLite expression indexes over
 * the declared fields, comparing scalars: a declared field holding an array or an object in some
 * document would make those lookups miss it. Every seeded document keeps its indexed fields
 * scalar (or a date, or absent).
 */
const at = (doc: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

test('indexed fields are scalars in every seeded document', () => {
  const seed = buildCountySeed({ anchor: new Date('2026-11-27T02:00:00Z') }) as unknown as Record<
    string,
    Array<Record<string, unknown>>
  >;
  const offending: string[] = [];
  let checked = 0;
  for (const [collection, { indexes }] of Object.entries(COLLECTIONS)) {
    const fields = [...new Set(indexes.flatMap((i) => i.fields))];
    for (const doc of seed[collection] ?? []) {
      for (const field of fields) {
        const v = at(doc, field);
        checked += 1;
        if (v !== null && typeof v === 'object' && !(v instanceof Date))
          offending.push(`${collection}.${field} of ${String(doc._id)}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(1000);
  expect(offending).toEqual([]);
});
