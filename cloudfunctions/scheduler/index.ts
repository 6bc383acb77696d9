import { caseDeadlines } from '../../server/complaints/jobs';
import { createScheduledFunction } from '../../server/platform/router';
import { purgeThrottles } from '../../server/platform/throttle';
import { local, localYear } from '../../server/platform/time';
import { reconcileTallies, remindActivities, remindSixOnes } from '../../server/sixOnes/jobs';
import { expireClaims } from '../../server/wishes/expire';

/** Timer-triggered jobs (config.json): claim expiry, case deadlines and warnings, 六个一 reconciliation and reminders, activity reminders, old try counters. */
export const main = createScheduledFunction('scheduler', {
  expireClaims,
  // In January the past year is reconciled too (late approvals of December's records).
  reconcileTallies: async (ctx) => {
    const year = localYear(ctx.now);
    const current = await reconcileTallies(ctx, year);
    return local(ctx.now).month() === 0 ? { current, previous: await reconcileTallies(ctx, year - 1) } : current;
  },
  remindSixOnes,
  remindActivities,
  caseDeadlines,
  purgeThrottles,
});
