import { createScheduledFunction } from '../../server/platform/router';
import { expireClaims } from '../../server/wishes/expire';

/** Timer-triggered jobs (config.json): deadlines, claim expiry, auto-close, reminders, reconciliation. */
export const main = createScheduledFunction('scheduler', { expireClaims });
