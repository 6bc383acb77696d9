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

/** The member-year counters after one more approved record (pure: the seed uses it too). */
export function memberYearAfter(
  before: MemberYearDoc | null,
  record: RecordDoc,
): { next: MemberYearDoc; newlyDone: boolean } {
  const counts = { ...zeroes(0), ...(before?.counts ?? {}) };
  const done = { ...zeroes(false), ...(before?.done ?? {}) };
  const newlyDone = !done[record.item];
  counts[record.item] += 1;
  done[record.item] = true;
  return {
    newlyDone,
    next: {
      _id: memberYearId(record.openid, record.year),
      openid: record.openid,
      year: record.year,
      communityId: record.communityId ?? before?.communityId ?? null,
      unitId: record.unitId ?? before?.unitId ?? null,
      counts,
      done,
      doneCount: SIX_ONES_ITEMS.filter((i) => done[i]).length,
      updatedAt: record.updatedAt,
    },
  };
}

/** The scopes whose tallies a member counts in: the county, their community, their unit. */
export function tallyIds(memberYear: MemberYearDoc): Array<{ id: string; scope: TallyDoc['scope']; scopeId: string }> {
  const y = memberYear.year;
  const out: Array<{ id: string; scope: TallyDoc['scope']; scopeId: string }> = [
    { id: `county-${y}`, scope: 'county', scopeId: 'county' },
  ];
  if (memberYear.communityId)
    out.push({ id: `community-${memberYear.communityId}-${y}`, scope: 'community', scopeId: memberYear.communityId });
  if (memberYear.unitId) out.push({ id: `unit-${memberYear.unitId}-${y}`, scope: 'unit', scopeId: memberYear.unitId });
  return out;
}

/** A scope's tally after a member newly completed `item` (and maybe all six). */
export function tallyAfter(
  before: TallyDoc | null,
  scope: { id: string; scope: TallyDoc['scope']; scopeId: string },
  memberYear: MemberYearDoc,
  item: SixOnesItem,
): TallyDoc {
  const itemsDone = { ...zeroes(0), ...(before?.itemsDone ?? {}) };
  itemsDone[item] += 1;
  return {
    _id: scope.id,
    scope: scope.scope,
    scopeId: scope.scopeId,
    year: memberYear.year,
    itemsDone,
    complete: (before?.complete ?? 0) + (memberYear.doneCount === SIX_ONES_ITEMS.length ? 1 : 0),
    updatedAt: memberYear.updatedAt,
  };
}

const withoutId = <T extends { _id: string }>({ _id: _ignored, ...rest }: T) => rest;

/** Writes an approved record and moves the member's and the scopes' counters, in `tx`. */
export async function creditApprovedRecord(tx: Transaction, record: RecordDoc): Promise<void> {
  await tx.collection('records').add({ data: record });
  const before = await txGet<MemberYearDoc>(tx, 'sixOnes', memberYearId(record.openid, record.year));
  const { next, newlyDone } = memberYearAfter(before, record);
  await tx
    .collection('sixOnes')
    .doc(next._id)
    .set({ data: withoutId(next) });
  if (!newlyDone) return;
  for (const scope of tallyIds(next)) {
    const tally = await txGet<TallyDoc>(tx, 'tallies', scope.id);
    await tx
      .collection('tallies')
      .doc(scope.id)
      .set({ data: withoutId(tallyAfter(tally, scope, next, record.item)) });
  }
}
