import { reconcileCobuild } from '../../server/cobuild/jobs';
import { cobuildReminders } from '../../server/cobuild/reminders';
import { caseDeadlines } from '../../server/complaints/jobs';
import { createScheduledFunction, type Job } from '../../server/platform/router';
import { purgeThrottles } from '../../server/platform/throttle';
import { repairCounters } from '../../server/repair';
import { refreshSupervision } from '../../server/supervision/tallies';
import { local, localYear } from '../../server/platform/time';
import { reconcileTallies, remindActivities, remindSixOnes } from '../../server/sixOnes/jobs';
import { expireClaims } from '../../server/wishes/expire';

/**
 * Timer-triggered jobs. CloudBase allows one timer trigger per function: config.json's `tick`
 * fires every 5 minutes and runs the jobs that are due (server/platform/router.ts), in this
 * order — the deadlines first, they cannot wait. Times are the county's (Asia/Shanghai).
 */
export const jobs: Record<string, Job> = {
  caseDeadlines: { run: caseDeadlines, at: { everyMinutes: 5 } },
  expireClaims: { run: expireClaims, at: { hourlyAt: 0 } },
  // 督导: the open quarter's figures (and the previous quarter's until it is closed).
  refreshSupervision: { run: refreshSupervision, at: { everyMinutes: 5 } },
  reconcileTallies: {
    // In January the past year is reconciled too (late approvals of December's records).
    run: async (ctx) => {
      const year = localYear(ctx.now);
      const current = await reconcileTallies(ctx, year);
      return local(ctx.now).month() === 0 ? { current, previous: await reconcileTallies(ctx, year - 1) } : current;
    },
    at: { dailyAt: '03:00' },
  },
  reconcileCobuild: {
    // In January the past year too (its last steps may have left counts behind).
    run: async (ctx) => {
      const year = localYear(ctx.now);
      const current = await reconcileCobuild(ctx, year);
      return local(ctx.now).month() === 0 ? { current, previous: await reconcileCobuild(ctx, year - 1) } : current;
    },
    at: { dailyAt: '03:20' },
  },
  repairCounters: { run: repairCounters, at: { dailyAt: '03:40' } },
  purgeThrottles: { run: purgeThrottles, at: { dailyAt: '04:30' } },
  remindSixOnes: { run: remindSixOnes, at: { dailyAt: '09:00' } },
  remindActivities: { run: remindActivities, at: { dailyAt: '18:00' } },
  cobuildReminders: { run: cobuildReminders, at: { dailyAt: '09:00' } },
};

export const main = createScheduledFunction('scheduler', jobs);
