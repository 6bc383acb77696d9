import { caseDeadlines } from '../../server/complaints/jobs';
import { createScheduledFunction } from '../../server/platform/router';
import { reconcileTallies, remindSixOnes } from '../../server/sixOnes/jobs';
import { expireClaims } from '../../server/wishes/expire';

/** Timer-triggered jobs (config.json): claim expiry, case deadlines, 六个一 reconciliation and reminders. */
export const main = createScheduledFunction('scheduler', {
  expireClaims,
  reconcileTallies: (ctx) => reconcileTallies(ctx),
  remindSixOnes,
  caseDeadlines,
});
