/**
 * The scheduler function's one timer trigger (CloudBase allows one per function): every 5 minutes
 * `tick` runs the jobs that are due — each once per slot, a missed one once when the service is
 * back, a daily job never run before only recorded (a new deployment does not run them all).
 */
import { jobs } from '../../cloudfunctions/scheduler/index';
import { latestSlot } from '../../server/platform/jobRuns';
import { tick, type TickResult } from '../helpers/jobs';
import { clockNow } from '../helpers/people';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

let t: TestCloud;
const MIN = 60_000;

beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

const lastRun = (job: string) =>
  t.cloud.store.find('jobRuns', { query: { _id: `scheduler.${job}` } })[0]?.lastRunAt as string | Date | undefined;
const ran = async () => {
  const res = await tick(t.cloud);
  expect(res).toMatchObject({ ok: true, data: { left: [] } });
  return Object.keys(res.data.ran).sort();
};

test('config.json declares one timer trigger, every 5 minutes', () => {
  expect(t.cloud.functions.config('scheduler').triggers).toEqual([
    { name: 'tick', type: 'timer', config: '0 */5 * * * * *' },
  ]);
});

test('the first tick runs the frequent jobs and only records the daily ones', async () => {
  expect(await ran()).toEqual(['caseDeadlines', 'expireClaims', 'refreshSupervision']);
  for (const daily of ['reconcileTallies', 'repairCounters', 'purgeThrottles', 'remindSixOnes', 'remindActivities'])
    expect(lastRun(daily)).toBeDefined();
  // The same slot again: nothing is due.
  expect(await ran()).toEqual([]);
});

/**
 * Moves the local CloudBase's clock forward; its timer fires the trigger when a slot passes, as
 * CloudBase's would. Answers the jobs that tick ran.
 */
async function advance(ms: number): Promise<string[]> {
  const res = await fetch(`${t.url}/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  const body = (await res.json()) as { ran: Array<{ trigger: string; result: TickResult }> };
  expect(body.ran.map((r) => r.trigger)).toEqual(['tick']);
  expect(body.ran[0].result).toMatchObject({ ok: true, data: { left: [] } });
  return Object.keys(body.ran[0].result.data.ran);
}

test('each job runs once in each of its slots, the deadlines every 5 minutes', async () => {
  expect(await advance(5 * MIN)).toContain('caseDeadlines');
  expect(await ran()).toEqual([]);
});

test('a day later every job is due once, in the table’s order; then none', async () => {
  expect(await advance(24 * 60 * MIN)).toEqual(Object.keys(jobs));
  const now = await clockNow(t);
  for (const [name, job] of Object.entries(jobs))
    expect(new Date(lastRun(name)!).getTime()).toBeGreaterThanOrEqual(latestSlot(job.at, now).getTime());
  expect(await ran()).toEqual([]);
});

test('a daily job missed for days (the service was down) runs once at the next tick', async () => {
  expect((await advance(3 * 24 * 60 * MIN)).filter((j) => j === 'repairCounters')).toEqual(['repairCounters']);
  expect(await ran()).toEqual([]);
});
