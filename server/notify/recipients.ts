import type { UserDoc } from '../platform/identity';
import { directory } from '../directory/cache';
import type { Database } from '../platform/sdk-types';

/** Staff holding a role grant for a scope (the recipients of alerts); a users scan, at rare steps only. */
export async function staffOf(ctx: { db: Database }, grant: Record<string, unknown>): Promise<string[]> {
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('users')
    .where({ roles: _.elemMatch(grant) })
    .limit(50)
    .get<UserDoc>();
  return data.map((u) => u._id);
}

/**
 * The grid's workers and grid head: who handles a grid-level case and reviews the grid's wishes
 * (from the instance's directory, server/directory/cache.ts: no database request when warm).
 */
export async function gridStaff(ctx: { db: Database; now: Date }, gridId: string | null): Promise<string[]> {
  if (!gridId) return [];
  const grid = (await directory(ctx, 'grids')).find((g) => g._id === gridId);
  return [...(grid?.gridWorkerOpenids ?? []), ...(grid?.gridHeadOpenid ? [grid.gridHeadOpenid] : [])];
}
