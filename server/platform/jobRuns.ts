import type { Database } from './sdk-types';

/** When each scheduled job last finished (collection `jobRuns`, `_id` = `<function>.<job>`). */
interface JobRunDoc {
  _id: string;
  lastRunAt: Date;
}

/** A daily job not run for this long was missed (a day, and an hour of slack for slow runs). */
const MISSED_AFTER_MS = 25 * 3_600_000;

export async function recordRun(ctx: { db: Database; now: Date }, id: string): Promise<void> {
  await ctx.db
    .collection('jobRuns')
    .doc(id)
    .set({ data: { lastRunAt: ctx.now } });
}

/**
 * The first of `ids` (daily jobs) whose last run is more than a day old, or null. A job never
 * run before gets its first record now instead: a new deployment does not run every daily job
 * at its first tick.
 */
export async function firstMissed(ctx: { db: Database; now: Date }, ids: string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('jobRuns')
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get<JobRunDoc>();
  const last = new Map(data.map((d) => [d._id, new Date(d.lastRunAt).getTime()]));
  for (const id of ids) if (!last.has(id)) await recordRun(ctx, id);
  return ids.find((id) => last.has(id) && last.get(id)! < ctx.now.getTime() - MISSED_AFTER_MS) ?? null;
}
