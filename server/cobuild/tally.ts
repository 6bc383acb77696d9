import type { NeedStatus, ProjectStatus, ResourceStatus } from '../../contract/cobuild';
import { isDuplicate } from '../platform/errors';
import type { CallContext } from '../platform/router';

/**
 * One community's co-building year in counts (`cobuildTallies`, `_id` `${communityId}-${year}`):
 * what the county's overview and the quarterly supervision read in one request for all
 * communities. Every change of a need's, resource's, project's or agreement's state, and every
 * meeting held or rota month set, moves it right after the change (`moveCobuildTally`; co-building
 * is a handful of staff steps a week per community: not a hot document). `reconcileCobuild`
 * recomputes it from the documents (the data rule for counters).
 */
export interface CobuildTallyDoc {
  _id: string;
  communityId: string;
  year: number;
  needs: Record<NeedStatus, number>;
  resources: Record<ResourceStatus, number>;
  projects: Record<ProjectStatus, number>;
  /** Agreements of the year signed by both sides (the current version per unit counts once). */
  agreementsSigned: number;
  /** Joint meetings held per quarter (index 0 = Q1). */
  meetingsHeld: [number, number, number, number];
  /** Rota months with a chair unit set; of those, months whose chair proposed a theme / planned an activity. */
  chairMonths: { set: number; themed: number; activities: number };
  updatedAt: Date;
}

export const cobuildTallyId = (communityId: string, year: number) => `${communityId}-${year}`;

export function emptyCobuildTally(communityId: string, year: number, at: Date): CobuildTallyDoc {
  return {
    _id: cobuildTallyId(communityId, year),
    communityId,
    year,
    needs: { open: 0, matched: 0, done: 0, closed: 0 },
    resources: { offered: 0, committed: 0, usedUp: 0, withdrawn: 0 },
    projects: { planned: 0, active: 0, done: 0, dropped: 0 },
    agreementsSigned: 0,
    meetingsHeld: [0, 0, 0, 0],
    chairMonths: { set: 0, themed: 0, activities: 0 },
    updatedAt: at,
  };
}

/** A field of the tally a change moves, as a dot path: `needs.open`, `projects.done`, `meetingsHeld.2`, `chairMonths.set`. */
export type CobuildTallyField =
  | `needs.${NeedStatus}`
  | `resources.${ResourceStatus}`
  | `projects.${ProjectStatus}`
  | 'agreementsSigned'
  | `meetingsHeld.${0 | 1 | 2 | 3}`
  | `chairMonths.${keyof CobuildTallyDoc['chairMonths']}`;

/**
 * Moves the community-year's tally by `moves` (e.g. `{ 'needs.open': -1, 'needs.matched': 1 }`)
 * in one request, right after the conditional update that changed the state it counts (the
 * same call; never before it). The first move of a year creates the document. A function that
 * dies between the state change and this leaves the tally off by that change until
 * `reconcileCobuild` (scheduler) recomputes it from the documents.
 */
export async function moveCobuildTally(
  ctx: CallContext,
  communityId: string,
  year: number,
  moves: Partial<Record<CobuildTallyField, number>>,
): Promise<void> {
  const entries = Object.entries(moves).filter(([, n]) => n !== 0) as Array<[CobuildTallyField, number]>;
  if (entries.length === 0) return;
  const _ = ctx.db.command;
  const id = cobuildTallyId(communityId, year);
  const data = { ...Object.fromEntries(entries.map(([f, n]) => [f, _.inc(n)])), updatedAt: ctx.now };
  const first = await ctx.db.collection('cobuildTallies').where({ _id: id }).update({ data });
  if (first.stats.updated === 1) return;
  // The year's first move: create the document with the move in it; if another call created it
  // meanwhile, increment that one.
  const fresh = emptyCobuildTally(communityId, year, ctx.now);
  for (const [field, n] of entries) {
    const [head, key] = field.split('.') as [keyof CobuildTallyDoc, string | undefined];
    if (key === undefined) (fresh[head] as number) += n;
    else (fresh[head] as unknown as Record<string, number>)[key] += n;
  }
  try {
    const { _id, ...rest } = fresh;
    await ctx.db.collection('cobuildTallies').add({ data: { _id, ...rest } });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    await ctx.db.collection('cobuildTallies').where({ _id: id }).update({ data });
  }
}

/** What a community-year's tally counts, as the documents hold it (the seed and `reconcileCobuild` alike). */
export interface CobuildYearDocs {
  needs: Array<{ communityId: string; status: NeedStatus }>;
  resources: Array<{ communityId: string; status: ResourceStatus }>;
  projects: Array<{ communityId: string; status: ProjectStatus }>;
  agreements: Array<{ communityId: string; status: string }>;
  /** Rotas: a month counts as set with a chair unit, as themed with a theme. */
  rotas: Array<{ _id: string; communityId: string; months: Array<{ unitId: string | null; theme: string | null }> }>;
  /** Chair activities (`rotaId` set): one per planned month, cancelled or not (as the step moved it). */
  chairActivities: Array<{ rotaId?: string }>;
  meetings: Array<{ communityId: string; status: string; quarter: number }>;
}

/** Every community-year tally the documents of `year` make, by `_id`. */
export function countCobuildYear(year: number, docs: CobuildYearDocs, at: Date): Map<string, CobuildTallyDoc> {
  const out = new Map<string, CobuildTallyDoc>();
  const of = (communityId: string) => {
    const id = cobuildTallyId(communityId, year);
    let t = out.get(id);
    if (!t) out.set(id, (t = emptyCobuildTally(communityId, year, at)));
    return t;
  };
  for (const n of docs.needs) of(n.communityId).needs[n.status]++;
  for (const r of docs.resources) of(r.communityId).resources[r.status]++;
  for (const p of docs.projects) of(p.communityId).projects[p.status]++;
  for (const a of docs.agreements) if (a.status === 'signed') of(a.communityId).agreementsSigned++;
  const rotaCommunity = new Map(docs.rotas.map((r) => [r._id, r.communityId]));
  for (const r of docs.rotas) {
    const t = of(r.communityId);
    t.chairMonths.set += r.months.filter((m) => m.unitId).length;
    t.chairMonths.themed += r.months.filter((m) => m.unitId && m.theme).length;
  }
  for (const a of docs.chairActivities) {
    const c = a.rotaId ? rotaCommunity.get(a.rotaId) : undefined;
    if (c) of(c).chairMonths.activities++;
  }
  for (const m of docs.meetings) if (m.status === 'held') of(m.communityId).meetingsHeld[m.quarter - 1]++;
  return out;
}

/** A tally's counts as dot paths (`needs.open` → 3 …): what `reconcileCobuild` compares and rewrites. */
export function tallyFields(t: CobuildTallyDoc): Record<CobuildTallyField, number> {
  const out: Record<string, number> = { agreementsSigned: t.agreementsSigned };
  for (const group of ['needs', 'resources', 'projects', 'chairMonths'] as const)
    for (const [k, n] of Object.entries(t[group])) out[`${group}.${k}`] = n;
  t.meetingsHeld.forEach((n, i) => (out[`meetingsHeld.${i}`] = n));
  return out as Record<CobuildTallyField, number>;
}
