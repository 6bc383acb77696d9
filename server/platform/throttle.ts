import { randomUUID } from 'node:crypto';
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
  /** The tries the counter holds, by id: a try counts once, whichever of its two requests lands (see takeTry). */
  tries: string[];
  windowStart: Date;
  expiresAt: Date;
}

/**
 * Takes one try for `key` (a person and what they do) in the current window, or refuses with
 * RATE_LIMITED saying when to try again. The try is taken before the work it guards, in one
 * database round trip of two requests sent side by side: the creation of the window's counter
 * (`count: 1, tries: [id]`, which fails as a duplicate once it exists) and a conditional
 * increment (`count < max` and the try's id not among `tries`, which it joins). At most one of the
 * two takes effect, in whichever order the database runs them and whatever other tries do in
 * between (the id, once in, stops the other). Neither, when another try created the counter
 * between this try's increment and its creation: the duplicate proves the counter exists, and
 * the increment is sent once more (a second round trip, only in that race). So tries sent at
 * once neither slip past the limit nor are refused below it: of any number sent together,
 * exactly `max` per window get through.
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
  const tryId = randomUUID();
  const _ = ctx.db.command;
  const doc: ThrottleDoc = {
    _id: id,
    key,
    count: 1,
    tries: [tryId],
    windowStart,
    expiresAt: new Date(windowStart.getTime() + windowMs),
  };
  const [created, incremented] = await Promise.all([
    ctx.db
      .collection('throttles')
      .add({ data: doc })
      .then(
        () => true,
        (err: unknown) => {
          if (isDuplicate(err)) return false;
          throw err;
        },
      ),
    ctx.db
      .collection('throttles')
      .where({ _id: id, count: _.lt(limit.max), tries: _.neq(tryId) })
      .update({ data: { count: _.inc(1), tries: _.push(tryId) } }),
  ]);
  if (created || incremented.stats.updated === 1) return;
  // Neither: the counter is full, or another try created it between this try's increment (which
  // found nothing yet) and its creation (a duplicate by then): the increment once more decides.
  const again = await ctx.db
    .collection('throttles')
    .where({ _id: id, count: _.lt(limit.max), tries: _.neq(tryId) })
    .update({ data: { count: _.inc(1), tries: _.push(tryId) } });
  if (again.stats.updated === 1) return;
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
