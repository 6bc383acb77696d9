/**
 * `supervisionTallies`: one document per quarter and supervised body (`2026q3-community-c01`,
 * 14 + 40 + 12 in the county) holding its counts (`SupervisionRaw`), so the county's table is one
 * read whatever the data behind it. `refreshSupervision` (scheduler, every 5 minutes) rewrites the
 * documents whose counts moved — the open quarter's figures update themselves — and never a
 * frozen one: closing a quarter freezes its documents, and a closed quarter's figures never change.
 *
 * The quarter before the current one is refreshed too until it is closed (ratings and late
 * meetings still arrive after a quarter ends): its flows move, its stock figures (members,
 * 六个一, projects) stay as they stood at its last refresh inside the quarter.
 *
 * A crash half-way leaves some documents of the old counts and some of the new; the next run
 * (5 minutes) writes the rest. Every write is a whole document with a known id: two runs at once
 * write the same thing.
 */
import { previousQuarter } from '../../contract/quarters';
import type { SupervisionScope } from '../../contract/supervision';
import { readAll } from '../platform/read';
import type { CallContext } from '../platform/router';
import type { Database } from '../platform/sdk-types';
import type { SupervisionRaw } from './indicators';
import { gatherSources, quarterAt, supervisionFrom, type Supervised } from './sources';

export const SUPERVISION_TALLIES = 'supervisionTallies';

export interface SupervisionTallyDoc {
  _id: string;
  quarter: string;
  scope: SupervisionScope;
  scopeId: string;
  name: string;
  /** A unit's paired community. */
  communityId: string | null;
  raw: SupervisionRaw;
  /** Set when the quarter is closed: the job never writes it again. */
  frozen: boolean;
  updatedAt: Date;
}

/** `2026Q3` + community c01 → `2026q3-community-c01`. */
export const supervisionTallyId = (quarter: string, scope: SupervisionScope, id: string) =>
  `${quarter.toLowerCase()}-${scope}-${id}`;

/** The figures that stand at a moment (members, 六个一 of the year, projects), kept for a past quarter. */
const STOCK = ['headcount', 'reported', 'complete', 'itemsDone', 'volunteerMinutes', 'projects'] as const;

/** A quarter's documents (all scopes, or one), one request for the county's 66. */
export async function quarterTallies(
  db: Database,
  quarters: string[],
  scope?: SupervisionScope,
): Promise<SupervisionTallyDoc[]> {
  const _ = db.command;
  const { data } = await db
    .collection(SUPERVISION_TALLIES)
    .where({ quarter: quarters.length === 1 ? quarters[0] : _.in(quarters), ...(scope ? { scope } : {}) })
    .limit(1000)
    .get<SupervisionTallyDoc>();
  return data;
}

/** Rewrites one quarter's documents whose counts moved; none once frozen. */
export async function refreshQuarter(
  ctx: Pick<CallContext, 'db' | 'now'>,
  quarter: string,
  options: { keepStock: boolean },
): Promise<{ quarter: string; written: number; frozen: boolean }> {
  const stored = await readAll<SupervisionTallyDoc>(ctx.db, SUPERVISION_TALLIES, { quarter });
  if (stored.some((d) => d.frozen)) return { quarter, written: 0, frozen: true };
  const byId = new Map(stored.map((d) => [d._id, d]));
  const fresh = supervisionFrom(await gatherSources(ctx.db, quarter));
  let written = 0;
  for (const { who, raw } of fresh.values()) {
    const id = supervisionTallyId(quarter, who.scope, who.id);
    const before = byId.get(id);
    const counts: SupervisionRaw =
      options.keepStock && before ? { ...raw, ...Object.fromEntries(STOCK.map((k) => [k, before.raw[k]])) } : raw;
    const doc = docOf(quarter, who, counts);
    if (before && same(before, doc)) continue;
    const { _id, ...data } = { ...doc, updatedAt: ctx.now };
    await ctx.db.collection(SUPERVISION_TALLIES).doc(_id).set({ data });
    written++;
  }
  return { quarter, written, frozen: false };
}

const docOf = (quarter: string, who: Supervised, raw: SupervisionRaw): Omit<SupervisionTallyDoc, 'updatedAt'> => ({
  _id: supervisionTallyId(quarter, who.scope, who.id),
  quarter,
  scope: who.scope,
  scopeId: who.id,
  name: who.name,
  communityId: who.communityId ?? null,
  raw,
  frozen: false,
});

/** Same counts and names (key order aside). */
function same(a: SupervisionTallyDoc, b: Omit<SupervisionTallyDoc, 'updatedAt'>): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
        )
      : v;
  const pick = (d: Omit<SupervisionTallyDoc, 'updatedAt'>) => ({
    name: d.name,
    communityId: d.communityId ?? null,
    raw: d.raw,
  });
  return JSON.stringify(canon(pick(a))) === JSON.stringify(canon(pick(b)));
}

/** The job: the current quarter, and the one before until it is closed. */
export async function refreshSupervision(ctx: Pick<CallContext, 'db' | 'now'>) {
  const current = quarterAt(ctx.now);
  const previous = await refreshQuarter(ctx, previousQuarter(current), { keepStock: true });
  return { current: await refreshQuarter(ctx, current, { keepStock: false }), previous };
}
