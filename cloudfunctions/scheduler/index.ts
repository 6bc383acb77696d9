import { caseDeadlines } from '../../server/complaints/jobs';
import { createScheduledFunction } from '../../server/platform/router';
import { purgeThrottles } from '../../server/platform/throttle';
import { repairCounters } from '../../server/repair';
import { local, localYear } from '../../server/platform/time';
import { reconcileTallies, remindActivities, remindSixOnes } from '../../server/sixOnes/jobs';
import { expireClaims } from '../../server/wishes/expire';

/**
 * Timer-triggered jobs (config.json): claim expiry, case deadlines and warnings, 六个一
 * reconciliation and reminders, activity reminders, old try counters, the repair of counters
 * kept outside transactions.
 */
export const main = createScheduledFunction(
  'scheduler',
  {
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
    repairCounters,
  },
  // Once a day each; one missed (the service down at its hour) runs at the next 5-minute tick.
  { daily: ['reconcileTallies', 'remindSixOnes', 'remindActivities', 'purgeThrottles', 'repairCounters'] },
);
