import { deploymentKey } from '../platform/cloud';
import { readAll } from '../platform/read';
import type { Database } from '../platform/sdk-types';
import type { CommunityDoc, GridDoc, PropertyCompanyDoc, UnitDoc } from './model';

/**
 * The directory as a function instance keeps it (目录缓存). Communities, grids, units and
 * property companies change a few times a year, by the county admin; every complaint and every
 * sign-up needs some of them. A warm instance reads each collection once and keeps it for
 * `KEEP_MS`, so those actions spend their database round trips on their own documents
 * (ARCHITECTURE.md "Budgets": writes ≤ 4).
 *
 * What it costs: an edit reaches the other instances within a minute — a grid worker appointed
 * now is told of new cases from the next minute; a new grid's boundary places complaints within a
 * minute. The instance that writes the directory (`forget`) sees its edit at once. Micro-grids
 * (buildings, thousands at county scale) are not kept: a complaint reads its building by id.
 *
 * Kept per CloudBase environment and endpoint (one per deployment; the local CloudBase of a test
 * has its own), never across them.
 */
export const KEEP_MS = 60_000;

interface Kept {
  communities: CommunityDoc[];
  /** Level-2 grids (网格), with their boundaries and staff. */
  grids: GridDoc[];
  units: UnitDoc[];
  propertyCompanies: PropertyCompanyDoc[];
}
type Part = keyof Kept;

const QUERIES: Record<Part, { collection: string; where: Record<string, unknown> }> = {
  communities: { collection: 'communities', where: {} },
  grids: { collection: 'grids', where: { level: 'grid' } },
  units: { collection: 'units', where: {} },
  propertyCompanies: { collection: 'propertyCompanies', where: {} },
};

const kept = new Map<string, { at: number; docs: Promise<unknown[]> }>();

/** A directory collection as this instance keeps it (read again when older than `KEEP_MS`, or failed). */
export function directory<P extends Part>(ctx: { db: Database; now: Date }, part: P): Promise<Kept[P]> {
  const key = `${deploymentKey()}|${part}`;
  const hit = kept.get(key);
  const t = Date.now();
  if (hit && t - hit.at < KEEP_MS) return hit.docs as Promise<Kept[P]>;
  const { collection, where } = QUERIES[part];
  const docs = readAll<Kept[P][number]>(ctx.db, collection, where);
  kept.set(key, { at: t, docs });
  // A failed read is not kept: the next call reads again.
  docs.catch(() => {
    if (kept.get(key)?.docs === docs) kept.delete(key);
  });
  return docs as Promise<Kept[P]>;
}

/** This instance wrote the directory (or a test reset its database): read it again next time. */
export function forget(): void {
  kept.clear();
}
