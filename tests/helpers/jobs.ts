import { emulatorClock } from '../../emulator/clock';
import type { LocalCloud } from '../../emulator/local-cloud';
import { jobs } from '../../cloudfunctions/scheduler/index';
import type { Envelope } from './people';

export type JobName = keyof typeof jobs;

/** What the scheduler's tick answers: each job it ran with its result, and those left for the next tick. */
export type TickResult = Envelope<{ ran: Record<string, unknown>; left: string[] }>;

/** Fires the scheduler's one timer trigger now, as CloudBase's timer does every 5 minutes. */
export const tick = (cloud: LocalCloud) => cloud.scheduler.fire('scheduler', 'tick') as Promise<TickResult>;

/**
 * Runs one scheduled job now through the real trigger: its last run (collection `jobRuns`) is
 * set long ago and every other job's to now, so the tick finds only this one due. Answers the
 * tick's envelope with the job's own result as `data`.
 */
export async function runJob(cloud: LocalCloud, name: JobName): Promise<Envelope> {
  const now = new Date(emulatorClock.nowMs());
  for (const job of Object.keys(jobs))
    cloud.store.update(
      'jobRuns',
      { _id: `scheduler.${job}` },
      { $set: { lastRunAt: job === name ? new Date(0) : now } },
      { multi: false, merge: true, upsert: true },
    );
  const res = await tick(cloud);
  if (!res.ok) return res as Envelope;
  if (!(name in res.data.ran)) throw new Error(`${name} did not run at the tick: ${JSON.stringify(res.data)}`);
  return { ...res, data: res.data.ran[name] };
}
