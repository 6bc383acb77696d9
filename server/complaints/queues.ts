/**
 * A staff case queue's two tabs and its search: 待办 (what waits on the caller, read whole and
 * ordered by urgency and deadline, rules.ts) and 已办 (the scope's other cases, the latest moved
 * first, from a window of the most recent), both narrowed by words the staff member types —
 * the description, the place, the category, and the complainant's name unless anonymous.
 */
import type { CasePage, QueueTab } from '../../contract/functions/complaint';
import type { CallContext } from '../platform/router';
import { hasEveryWord } from '../platform/search';
import { PAGE, viewer } from './engine';
import type { CaseDoc } from './model';
import { staffDue, urgentFirst } from './rules';
import { toCaseViews } from './views';

/** 已办 reads at most this many of the scope's latest cases past the page asked for. */
export const DONE_WINDOW = 200;

export interface QueueInput {
  tab: QueueTab;
  q?: string;
  from: number;
}

/** Every word typed is somewhere in what the staff member sees of the case (server/platform/search.ts). */
export function matches(c: CaseDoc, q: string | undefined): boolean {
  return hasEveryWord(
    [c.description, c.location.label, c.communityName, c.gridName, c.anonymous ? null : c.complainant.name],
    q,
  );
}

/** 待办 in the order of every staff queue: overdue, then 紧急, then the nearest deadline. */
export const byUrgency = (ctx: CallContext) =>
  urgentFirst((c: CaseDoc) => ({ due: staffDue(c), urgent: c.urgency === 'urgent', since: c.createdAt }), ctx.now);

/** One page of `list` (already narrowed and ordered) as the queue shows it. */
export async function queuePage(list: CaseDoc[], from: number, ctx: CallContext): Promise<CasePage> {
  return {
    items: await toCaseViews(list.slice(from, from + PAGE), viewer(ctx), { timeline: false }),
    next: list.length > from + PAGE ? from + PAGE : null,
  };
}

/** The latest-moved cases of a scope (`where`), newest first, enough to page `from` on. */
export async function latestOf(ctx: CallContext, where: Record<string, unknown>, from: number): Promise<CaseDoc[]> {
  const { data } = await ctx.db
    .collection('cases')
    .where(where)
    .orderBy('updatedAt', 'desc')
    .limit(Math.min(1000, from + DONE_WINDOW))
    .field({ timeline: false })
    .get<CaseDoc>();
  return data;
}
