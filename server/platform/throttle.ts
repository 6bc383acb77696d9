import { AppError, isDuplicate } from './errors';
import type { Database } from './sdk-types';
import { local } from './time';

/** How often one person may do one thing: at most `max` in each fixed window of `windowMinutes`. */
export interface Limit {
  max: number;
  windowMinutes: number;
}

/** A window's counter (collection `throttles`); `expiresAt` lets the cleanup job drop it. */
export interface ThrottleDoc {
  _id: string;
  key: string;
  count: number;
  windowStart: Date;
  expiresAt: Date;
}

/**
 * Takes one try for `key` (a person and what they do) in the current window, or refuses with
 * RATE_LIMITED saying when to try again. The try is taken before the work it guards, by a
 * conditional increment (`count < max`), so tries sent at once cannot slip past the limit: of
 * any number sent together, exactly `max` per window get through. One database request; two
 * (three when two race) for the first try of a window, which creates the counter.
 */
export async function takeTry(
  ctx: { db: Database; now: Date },
  key: string,
  limit: Limit,
  message = '操作太频繁',
): Promise<void> {
  const windowMs = limit.windowMinutes * 60_000;
  const windowStart = new Date(Math.floor(ctx.now.getTime() / windowMs) * windowMs);
  const id = `${key}-${windowStart.getTime().toString(36)}`;
  const _ = ctx.db.command;
  const take = async () =>
    (
      await ctx.db
        .collection('throttles')
        .where({ _id: id, count: _.lt(limit.max) })
        .update({ data: { count: _.inc(1) } })
    ).stats.updated === 1;
  if (await take()) return;
  try {
    const doc: ThrottleDoc = {
      _id: id,
      key,
      count: 1,
      windowStart,
      expiresAt: new Date(windowStart.getTime() + windowMs),
    };
    await ctx.db.collection('throttles').add({ data: doc });
    return;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    // Another first try created the counter meanwhile: take from it.
    if (await take()) return;
  }
  // The window's counter is full: a retry in this window would be refused too.
  const retryAt = new Date(windowStart.getTime() + windowMs);
  throw new AppError('RATE_LIMITED', `${message}，请在 ${local(retryAt).format('HH:mm')} 后再试`, {
    retryAt: retryAt.toISOString(),
  });
}

/** Scheduled: counters of windows that ended more than a day ago go (they decide nothing any more). */
export async function purgeThrottles(ctx: { db: Database; now: Date }): Promise<{ removed: number }> {
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('throttles')
    .where({ expiresAt: _.lt(new Date(ctx.now.getTime() - 86_400_000)) })
    .remove();
  return { removed: stats.removed ?? 0 };
}
