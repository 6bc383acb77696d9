import type { RecordKind, RecordStatus, SixOnesItem } from '../../contract/sixOnes';
import { SIX_ONES_ITEMS, VOLUNTEER_DAY_MINUTES } from '../../contract/sixOnes';
import type { Transaction } from '../platform/sdk-types';
import { txGet } from '../platform/tx';

/**
 * 六个一 records and counters:
 *
 * - `records`: one document per proof of an item (an attended activity, a filed report, a
 *   pairing or a visit, a completed wish); only `approved` ones count.
 * - `sixOnes`: per member and year, `${openid}-${year}`: approved records per item, volunteer
 *   minutes, pairings and visits, which items are done.
 * - `tallies`: per scope and year (`county-2026`, `community-c01-2026`, `unit-u01-2026`):
 *   members done per item, members complete (6/6), members by how many items they have done
 *   (`byDone`), volunteer minutes; and per scope the members
 *   currently reported (`reported-county`, `reported-community-c01`, `reported-unit-u01`),
 *   moved when a secretary verifies a report.
 *
 * All written in the transaction that approves the record, so the counters never drift; the
 * reconciliation job (jobs.ts) recomputes them from the records with `recompute` below and
 * reports any difference. A member-year counts in the community and unit of its first approved
 * record of that year.
 *
 * No hot document: a tally (and a reported counter) is split into shards — the counter `base`
 * (`community-c01-2026`) is the sum of the documents `base`, `base~1` … `base~(n-1)` holding
 * that field — and a transaction moves one shard picked at random, so approvals in one
 * community (or at once across the county) touch different documents and do not conflict; a
 * retry picks again. Readers sum the shards of a base in the same one request.
 */
export interface RecordDoc {
  _id: string;
  openid: string;
  memberName: string;
  unitName: string | null;
  year: number;
  item: SixOnesItem;
  kind: RecordKind;
  status: RecordStatus;
  title: string;
  note: string | null;
  photos: string[];
  /** Volunteer minutes (attendance at a volunteer activity); null until check-out. */
  minutes: number | null;
  /** The activity attended (a snapshot; `manual` when the organiser checked in or out by hand). */
  activity: { id: string; title: string; startAt: Date; manual: boolean } | null;
  wishId: string | null;
  /** A visit belongs to a pairing record. */
  pairingId: string | null;
  household: { name: string; address: string } | null;
  communityId: string | null;
  unitId: string | null;
  rejectReason: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  history: Array<{ at: Date; by: string; byName: string; action: string; note: string | null }>;
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
  volunteerMinutes: number;
  pairings: number;
  visits: number;
  done: Record<SixOnesItem, boolean>;
  doneCount: number;
  updatedAt: Date;
}

export interface TallyDoc {
  _id: string;
  /** The counter this shard belongs to (= the `_id` of shard 0). */
  base: string;
  kind: 'year';
  scope: 'county' | 'community' | 'unit';
  scopeId: string;
  year: number;
  itemsDone: Record<SixOnesItem, number>;
  complete: number;
  /**
   * Members by items done: `byDone[k]` member-years with k of the six done, k = 1…6 (index 0 is
   * not kept: readers count the reported members without any there). Missing in a counter
   * written before it existed: zeros until the reconciliation job of its year completes it.
   */
  byDone?: number[];
  volunteerMinutes: number;
  updatedAt: Date;
}

export interface ReportedDoc {
  _id: string;
  /** The counter this shard belongs to (= the `_id` of shard 0). */
  base: string;
  kind: 'reported';
  scope: 'county' | 'community' | 'unit';
  scopeId: string;
  reported: number;
  updatedAt: Date;
}

export type Scope = { id: string; scope: TallyDoc['scope']; scopeId: string };

const zeroes = <T>(v: T) => Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, v])) as Record<SixOnesItem, T>;

/** `byDone` of nobody: 0 for each of 0…6 items done. */
export const noneDone = (): number[] => Array.from({ length: SIX_ONES_ITEMS.length + 1 }, () => 0);
/** Two `byDone` counts added (a missing one is zeros). */
export const addDone = (a: number[] | undefined, b: number[] | undefined): number[] =>
  noneDone().map((_, k) => (a?.[k] ?? 0) + (b?.[k] ?? 0));

export const memberYearId = (openid: string, year: number) => `${openid}-${year}`;
export const reportedId = (scope: TallyDoc['scope'], scopeId: string) =>
  scope === 'county' ? 'reported-county' : `reported-${scope}-${scopeId}`;
export const tallyId = (scope: TallyDoc['scope'], scopeId: string, year: number) =>
  scope === 'county' ? `county-${year}` : `${scope}-${scopeId}-${year}`;

/**
 * Shards per counter, by how many approvers may move it at once: the county's counters are
 * moved by every community (14 secretaries approving together), a community's by its
 * secretary's batches and its residents' confirmations, a unit's by its few members.
 */
export const SHARDS: Record<TallyDoc['scope'], number> = { county: 64, community: 16, unit: 8 };
export const shardId = (base: string, k: number) => (k === 0 ? base : `${base}~${k}`);
/** Every shard id a counter may have (the job reads them all before it rewrites one). */
export const shardIds = (base: string, scope: TallyDoc['scope']) =>
  Array.from({ length: SHARDS[scope] }, (_, k) => shardId(base, k));
const anyShard = (base: string, scope: TallyDoc['scope']) => shardId(base, Math.floor(Math.random() * SHARDS[scope]));

/** Counters as their readers see them: the shards of each base summed into one document per base. */
export function sumShards<T extends TallyDoc | ReportedDoc>(docs: T[]): T[] {
  const out = new Map<string, T>();
  for (const d of docs) {
    const base = d.base ?? d._id;
    const acc = out.get(base);
    if (!acc) {
      out.set(base, {
        ...d,
        _id: base,
        base,
        ...(d.kind === 'year' ? { itemsDone: { ...zeroes(0), ...d.itemsDone }, byDone: addDone(d.byDone, []) } : {}),
      });
      continue;
    }
    if (acc.kind === 'year' && d.kind === 'year') {
      for (const i of SIX_ONES_ITEMS) acc.itemsDone[i] += d.itemsDone?.[i] ?? 0;
      acc.complete += d.complete;
      acc.byDone = addDone(acc.byDone, d.byDone);
      acc.volunteerMinutes += d.volunteerMinutes;
    } else if (acc.kind === 'reported' && d.kind === 'reported') acc.reported += d.reported;
  }
  return [...out.values()];
}

/** Whether an item is done, from a member-year's counters (the rules of PRODUCT.md's table). */
export function itemDone(
  item: SixOnesItem,
  my: Pick<MemberYearDoc, 'counts' | 'volunteerMinutes' | 'pairings' | 'visits'>,
) {
  switch (item) {
    case 'volunteer':
      return my.volunteerMinutes >= VOLUNTEER_DAY_MINUTES;
    case 'pairing':
      return my.pairings > 0 && my.visits > 0;
    default:
      return my.counts[item] > 0;
  }
}

export function emptyMemberYear(openid: string, year: number, at: Date): MemberYearDoc {
  return {
    _id: memberYearId(openid, year),
    openid,
    year,
    communityId: null,
    unitId: null,
    counts: zeroes(0),
    volunteerMinutes: 0,
    pairings: 0,
    visits: 0,
    done: zeroes(false),
    doneCount: 0,
    updatedAt: at,
  };
}

/** What one more approved record changes for its member-year (pure: the seed and the job use it). */
export function memberYearAfter(
  before: MemberYearDoc | null,
  record: RecordDoc,
  at: Date,
): {
  next: MemberYearDoc;
  newlyDone: SixOnesItem[];
  becameComplete: boolean;
  minutes: number;
  /** Items done before and after (the member moves from one `byDone` count to the other). */
  doneBefore: number;
  doneAfter: number;
} {
  const base = before ?? emptyMemberYear(record.openid, record.year, at);
  const minutes = record.kind === 'attendance' && record.item === 'volunteer' ? (record.minutes ?? 0) : 0;
  const next: MemberYearDoc = {
    ...base,
    communityId: base.communityId ?? record.communityId,
    unitId: base.unitId ?? record.unitId,
    counts: { ...zeroes(0), ...base.counts, [record.item]: (base.counts[record.item] ?? 0) + 1 },
    volunteerMinutes: base.volunteerMinutes + minutes,
    pairings: base.pairings + (record.kind === 'pairing' ? 1 : 0),
    visits: base.visits + (record.kind === 'visit' ? 1 : 0),
    updatedAt: at,
  };
  next.done = Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, itemDone(i, next)])) as Record<SixOnesItem, boolean>;
  next.doneCount = SIX_ONES_ITEMS.filter((i) => next.done[i]).length;
  const newlyDone = SIX_ONES_ITEMS.filter((i) => next.done[i] && !base.done[i]);
  const becameComplete = next.doneCount === SIX_ONES_ITEMS.length && base.doneCount < SIX_ONES_ITEMS.length;
  return { next, newlyDone, becameComplete, minutes, doneBefore: base.doneCount, doneAfter: next.doneCount };
}

/** The scopes whose tallies a member-year counts in: the county, its community, its unit. */
export function scopesOf(memberYear: Pick<MemberYearDoc, 'year' | 'communityId' | 'unitId'>): Scope[] {
  const y = memberYear.year;
  const out: Scope[] = [{ id: tallyId('county', 'county', y), scope: 'county', scopeId: 'county' }];
  if (memberYear.communityId)
    out.push({
      id: tallyId('community', memberYear.communityId, y),
      scope: 'community',
      scopeId: memberYear.communityId,
    });
  if (memberYear.unitId)
    out.push({ id: tallyId('unit', memberYear.unitId, y), scope: 'unit', scopeId: memberYear.unitId });
  return out;
}

export function emptyTally(scope: Scope, year: number, at: Date): TallyDoc {
  return {
    _id: scope.id,
    base: scope.id,
    kind: 'year',
    scope: scope.scope,
    scopeId: scope.scopeId,
    year,
    itemsDone: zeroes(0),
    complete: 0,
    byDone: noneDone(),
    volunteerMinutes: 0,
    updatedAt: at,
  };
}

/** A tally after one member-year change. */
export function tallyAfter(
  before: TallyDoc,
  change: { newlyDone: SixOnesItem[]; becameComplete: boolean; minutes: number; doneBefore: number; doneAfter: number },
  at: Date,
): TallyDoc {
  const itemsDone = { ...zeroes(0), ...before.itemsDone };
  for (const item of change.newlyDone) itemsDone[item] += 1;
  const byDone = addDone(before.byDone, []);
  if (change.doneAfter !== change.doneBefore) {
    if (change.doneBefore > 0) byDone[change.doneBefore] -= 1;
    byDone[change.doneAfter] += 1;
  }
  return {
    ...before,
    itemsDone,
    complete: before.complete + (change.becameComplete ? 1 : 0),
    byDone,
    volunteerMinutes: before.volunteerMinutes + change.minutes,
    updatedAt: at,
  };
}

const withoutId = <T extends { _id: string }>({ _id: _ignored, ...rest }: T) => rest;

/**
 * Moves the counters for records that have just become approved, inside `tx`: each member-year
 * is read once and written once, however many records of the batch touch it; each tally moves
 * by the batch's sum, on one shard picked at random (one read, one write per tally).
 */
export async function creditApproved(tx: Transaction, records: RecordDoc[], at: Date): Promise<void> {
  const years = new Map<string, MemberYearDoc | null>();
  const deltas = new Map<string, TallyDoc>();
  const touchedYears = new Set<string>();
  // The member-years, read together (one round trip), then the records applied in order.
  const ids = [...new Set(records.map((r) => memberYearId(r.openid, r.year)))];
  const read = await Promise.all(ids.map((id) => txGet<MemberYearDoc>(tx, 'sixOnes', id)));
  ids.forEach((id, i) => years.set(id, read[i]));
  for (const record of records) {
    const id = memberYearId(record.openid, record.year);
    const change = memberYearAfter(years.get(id) ?? null, record, at);
    years.set(id, change.next);
    touchedYears.add(id);
    if (change.newlyDone.length === 0 && !change.becameComplete && change.minutes === 0) continue;
    for (const scope of scopesOf(change.next))
      deltas.set(scope.id, tallyAfter(deltas.get(scope.id) ?? emptyTally(scope, record.year, at), change, at));
  }
  await Promise.all(
    [...touchedYears].map((id) =>
      tx
        .collection('sixOnes')
        .doc(id)
        .set({ data: withoutId(years.get(id)!) }),
    ),
  );
  for (const delta of deltas.values()) {
    const id = anyShard(delta.base, delta.scope);
    const shard = (await txGet<TallyDoc>(tx, 'tallies', id)) ?? {
      ...delta,
      _id: id,
      itemsDone: zeroes(0),
      complete: 0,
      byDone: noneDone(),
      volunteerMinutes: 0,
    };
    const itemsDone = { ...zeroes(0), ...shard.itemsDone };
    for (const i of SIX_ONES_ITEMS) itemsDone[i] += delta.itemsDone[i];
    await tx
      .collection('tallies')
      .doc(id)
      .set({
        data: withoutId({
          ...shard,
          base: delta.base,
          itemsDone,
          complete: shard.complete + delta.complete,
          byDone: addDone(shard.byDone, delta.byDone),
          volunteerMinutes: shard.volunteerMinutes + delta.volunteerMinutes,
          updatedAt: at,
        }),
      });
  }
}

/** Writes a record that is approved from the start (a confirmed wish) and credits it, in `tx`. */
export async function creditApprovedRecord(tx: Transaction, record: RecordDoc): Promise<void> {
  await tx.collection('records').add({ data: record });
  await creditApproved(tx, [record], record.updatedAt);
}

/**
 * The counters as they should be, from the approved records alone (sorted by review time, as
 * they were credited): the seed writes these, and the reconciliation job compares against them.
 */
export function recompute(approved: RecordDoc[], at: Date): { years: MemberYearDoc[]; tallies: TallyDoc[] } {
  const sorted = [...approved].sort(
    (a, b) =>
      (a.reviewedAt?.getTime() ?? a.updatedAt.getTime()) - (b.reviewedAt?.getTime() ?? b.updatedAt.getTime()) ||
      a._id.localeCompare(b._id),
  );
  const years = new Map<string, MemberYearDoc>();
  const tallies = new Map<string, TallyDoc>();
  for (const record of sorted) {
    const id = memberYearId(record.openid, record.year);
    const change = memberYearAfter(years.get(id) ?? null, record, at);
    years.set(id, change.next);
    if (change.newlyDone.length === 0 && !change.becameComplete && change.minutes === 0) continue;
    for (const scope of scopesOf(change.next)) {
      const before = tallies.get(scope.id) ?? emptyTally(scope, record.year, at);
      tallies.set(scope.id, tallyAfter(before, change, at));
    }
  }
  return { years: [...years.values()], tallies: [...tallies.values()] };
}

/**
 * The reported counters from the members' current verified grants (the reconciliation job and
 * the seed): one per community, unit and the county.
 */
export function reportedCounts(
  grants: Array<{ communityId?: string | null; unitId?: string | null }>,
  at: Date,
): ReportedDoc[] {
  const counts = new Map<string, ReportedDoc>();
  const bump = (scope: ReportedDoc['scope'], scopeId: string) => {
    const id = reportedId(scope, scopeId);
    const doc = counts.get(id) ?? {
      _id: id,
      base: id,
      kind: 'reported' as const,
      scope,
      scopeId,
      reported: 0,
      updatedAt: at,
    };
    doc.reported += 1;
    counts.set(id, doc);
  };
  for (const g of grants) {
    bump('county', 'county');
    if (g.communityId) bump('community', g.communityId);
    if (g.unitId) bump('unit', g.unitId);
  }
  return [...counts.values()];
}

/**
 * In the transaction that verifies a report: the member leaves the scopes of their previous
 * verified grant (if any) and joins those of the new one.
 */
export async function moveReported(
  tx: Transaction,
  from: { communityId?: string | null; unitId?: string | null } | null,
  to: { communityId?: string | null; unitId?: string | null },
  at: Date,
): Promise<void> {
  const delta = new Map<string, { scope: ReportedDoc['scope']; scopeId: string; d: number }>();
  const add = (scope: ReportedDoc['scope'], scopeId: string | null | undefined, d: number) => {
    if (!scopeId) return;
    const id = reportedId(scope, scopeId);
    const cur = delta.get(id) ?? { scope, scopeId, d: 0 };
    cur.d += d;
    delta.set(id, cur);
  };
  if (from) {
    add('county', 'county', -1);
    add('community', from.communityId, -1);
    add('unit', from.unitId, -1);
  }
  add('county', 'county', 1);
  add('community', to.communityId, 1);
  add('unit', to.unitId, 1);
  for (const [base, { scope, scopeId, d }] of delta) {
    if (d === 0) continue;
    // One shard moves; a shard may go below zero (a member left), the counter is their sum.
    const id = anyShard(base, scope);
    const before = await txGet<ReportedDoc>(tx, 'tallies', id);
    await tx
      .collection('tallies')
      .doc(id)
      .set({ data: { base, kind: 'reported', scope, scopeId, reported: (before?.reported ?? 0) + d, updatedAt: at } });
  }
}
