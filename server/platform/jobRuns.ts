import { local } from './time';
import type { Database } from './sdk-types';

/**
 * When a job is due, in the county's time (Asia/Shanghai): every N minutes, every hour at a
 * minute, or every day at `HH:mm`. CloudBase gives a function one timer trigger (config.json's
 * `triggers` holds one); the scheduler function's 5-minute trigger runs whichever jobs are due.
 */
export type Slot = { everyMinutes: number } | { hourlyAt: number } | { dailyAt: string };

/** The latest instant at or before `now` when a job of `slot` is due. */
export function latestSlot(slot: Slot, now: Date): Date {
  const t = local(now).second(0).millisecond(0);
  if ('everyMinutes' in slot) return t.minute(t.minute() - (t.minute() % slot.everyMinutes)).toDate();
  if ('hourlyAt' in slot) {
    const at = t.minute(slot.hourlyAt);
    return (at.isAfter(t) ? at.subtract(1, 'hour') : at).toDate();
  }
  const [h, m] = slot.dailyAt.split(':').map(Number);
  const at = t.hour(h).minute(m);
  return (at.isAfter(t) ? at.subtract(1, 'day') : at).toDate();
}

/** When each scheduled job last ran (collection `jobRuns`, `_id` = `<function>.<job>`). */
export interface JobRunDoc {
  _id: string;
  lastRunAt: Date;
}

export async function recordRun(ctx: { db: Database; now: Date }, id: string): Promise<void> {
  await ctx.db
    .collection('jobRuns')
    .doc(id)
    .set({ data: { lastRunAt: ctx.now } });
}

/** The last runs of `ids`, in one request. */
export async function lastRuns(ctx: { db: Database }, ids: string[]): Promise<Map<string, number>> {
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('jobRuns')
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get<JobRunDoc>();
  return new Map(data.map((d) => [d._id, new Date(d.lastRunAt).getTime()]));
}
