import type { SixOnesItem } from '../../contract/sixOnes';
import { SIX_ONES_ITEMS } from '../../contract/sixOnes';
import type { Transaction } from '../platform/sdk-types';
import { txGet } from '../platform/tx';

/**
 * 六个一 records and tallies (the 六个一 issue builds activities and approval on these):
 *
 * - `records`: one document per proof of an item (an attended activity, a filed report, a
 *   completed wish); only `approved` ones count.
 * - `sixOnes`: per member and year, `${openid}-${year}`: count of approved records per item,
 *   which items are done, how many.
 * - `tallies`: per scope and year (`county-2026`, `community-c01-2026`, `unit-u01-2026`):
 *   members done per item and members complete (6/6).
 *
 * All written in the transaction that approves the record, so the counters never drift; a
 * reconciliation job recomputes them from the records.
 */
export interface RecordDoc {
  _id: string;
  openid: string;
  year: number;
  item: SixOnesItem;
  status: 'pending' | 'approved' | 'rejected';
  title: string;
  source: { kind: 'wish'; wishId: string } | { kind: 'activity'; activityId: string } | { kind: 'filed' };
  communityId: string | null;
  unitId: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export interface MemberYearDoc {
  _id: string;
  openid: string;
  year: number;
  communityId: string | null;
  unitId: string | null;
  counts: Record<SixOnesItem, number>;
  done: Record<SixOnesItem, boolean>;
  doneCount: number;
  updatedAt: Date;
}

export interface TallyDoc {
  _id: string;
  scope: 'county' | 'community' | 'unit';
  scopeId: string;
  year: number;
  itemsDone: Record<SixOnesItem, number>;
  complete: number;
  updatedAt: Date;
}

const zeroes = <T>(v: T) => Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, v])) as Record<SixOnesItem, T>;

export const memberYearId = (openid: string, year: number) => `${openid}-${year}`;

/** Writes an approved record and moves the member's and the scopes' counters, in `tx`. */
export async function creditApprovedRecord(tx: Transaction, record: RecordDoc): Promise<void> {
  await tx.collection('records').add({ data: record });
  const id = memberYearId(record.openid, record.year);
  const before = await txGet<MemberYearDoc>(tx, 'sixOnes', id);
  const counts = { ...zeroes(0), ...(before?.counts ?? {}) };
  const done = { ...zeroes(false), ...(before?.done ?? {}) };
  const newlyDone = !done[record.item];
  counts[record.item] += 1;
  done[record.item] = true;
  const doneCount = SIX_ONES_ITEMS.filter((i) => done[i]).length;
  const { _id: _ignored, ...fields } = {
    _id: id,
    openid: record.openid,
    year: record.year,
    communityId: record.communityId ?? before?.communityId ?? null,
    unitId: record.unitId ?? before?.unitId ?? null,
    counts,
    done,
    doneCount,
    updatedAt: record.updatedAt,
  } satisfies MemberYearDoc;
  await tx.collection('sixOnes').doc(id).set({ data: fields });
  if (!newlyDone) return;

  const scopes: Array<[TallyDoc['scope'], string | null]> = [
    ['county', 'county'],
    ['community', fields.communityId],
    ['unit', fields.unitId],
  ];
  for (const [scope, scopeId] of scopes) {
    if (!scopeId) continue;
    const tallyId = scope === 'county' ? `county-${record.year}` : `${scope}-${scopeId}-${record.year}`;
    const tally = await txGet<TallyDoc>(tx, 'tallies', tallyId);
    const itemsDone = { ...zeroes(0), ...(tally?.itemsDone ?? {}) };
    itemsDone[record.item] += 1;
    const { _id: _t, ...tallyFields } = {
      _id: tallyId,
      scope,
      scopeId,
      year: record.year,
      itemsDone,
      complete: (tally?.complete ?? 0) + (doneCount === SIX_ONES_ITEMS.length ? 1 : 0),
      updatedAt: record.updatedAt,
    } satisfies TallyDoc;
    await tx.collection('tallies').doc(tallyId).set({ data: tallyFields });
  }
}
