import type { WishStatus } from '../../contract/functions/wish';
import { notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';
import type { StoredTimelineEntry, WishDoc } from './model';
import type { Viewer } from './views';
import { getById } from '../platform/read';

export const viewer = (ctx: CallContext): Viewer => ({ openid: ctx.openid, user: ctx.user, now: ctx.now });

/** One timeline step by the caller. */
export function entry(
  ctx: CallContext,
  role: string,
  action: string,
  from: WishStatus | null,
  to: WishStatus,
  note: string | null,
): StoredTimelineEntry {
  return {
    at: ctx.now,
    by: ctx.openid,
    byName: ctx.user?.name ?? ctx.user?.nickname ?? '',
    role,
    action,
    from,
    to,
    note,
  };
}

/**
 * The wishes a staff caller answers for, as a query condition: their grids (grid worker) and
 * their community (secretary). Combine with `_.and([...])`.
 */
export function staffScope(ctx: CallContext): Record<string, unknown> {
  const _ = ctx.db.command;
  const scopes: Record<string, unknown>[] = [];
  for (const g of ctx.user?.roles ?? []) {
    if (g.role === 'gridWorker') scopes.push({ gridId: _.in(g.gridIds) });
    if (g.role === 'secretary') scopes.push({ communityId: g.communityId });
  }
  // The router lets only grid workers and secretaries in; a grid worker without grids matches nothing.
  // One grant (the usual case) is its own condition, which an index on `gridId` or `communityId` answers.
  if (scopes.length === 1) return scopes[0];
  return (scopes.length > 0 ? _.or(scopes) : { _id: _.in([]) }) as unknown as Record<string, unknown>;
}

export async function loadWish(ctx: CallContext, wishId: string): Promise<WishDoc> {
  const wish = await getById<WishDoc>(ctx.db, 'wishes', wishId);
  if (!wish) throw notFound('心愿不存在');
  return wish;
}

/** Where a notification about a wish takes its reader: the wish's detail page (every role). */
export const wishPage = (wishId: string) => `packages/resident/pages/wish-detail/index?id=${wishId}`;

/** What staff see of a wish in their queues, searched by `q` (server/platform/search.ts). */
export const WISH_SEARCHED = ['description', 'beneficiary.name', 'beneficiary.address', 'submitterName'];
