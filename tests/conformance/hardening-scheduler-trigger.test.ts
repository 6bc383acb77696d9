/**
 * Hardening (issue 11): timer functions run only from their trigger. CloudBase sets
 * `TRIGGER_SRC=timer` in the environment of a timer-triggered invocation and nowhere else; the
 * local scheduler does the same, the h5 gateway and LocalCloud.invoke never do (even when the
 * host's own environment holds it), and the project's scheduled-function router refuses an
 * event without it — however much it looks like a Timer event, with or without an identity.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { postJson } from '../helpers/sdk';

let tc: TestCloud;

beforeAll(async () => {
  tc = await startLocalCloud();
});

afterAll(async () => {
  delete process.env.TRIGGER_SRC;
  await tc.stop();
});

const sent = () => tc.cloud.outbox.all({}).length;
const reminders = () => tc.cloud.store.count('reminders', {});
const timerEvent = { Type: 'Timer', TriggerName: 'tick' };

test('POST /api/functions/scheduler with a Timer event and no identity is refused; no job runs', async () => {
  const before = [sent(), reminders()];
  const { json } = await postJson(`${tc.url}/api/functions/scheduler`, timerEvent);
  expect(json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect([sent(), reminders()]).toEqual(before);
});

test('the gateway strips a TRIGGER_SRC of the host’s environment: still refused', async () => {
  process.env.TRIGGER_SRC = 'timer';
  try {
    const before = [sent(), reminders()];
    const { json } = await postJson(`${tc.url}/api/functions/scheduler`, timerEvent);
    expect(json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await tc.cloud.invoke('scheduler', timerEvent as never, '')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect([sent(), reminders()]).toEqual(before);
  } finally {
    delete process.env.TRIGGER_SRC;
  }
});

test('FunctionHost.invoke without the timer trigger (as any other caller) is refused', async () => {
  const res = await tc.cloud.functions.invoke('scheduler', timerEvent, {});
  expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const withSource = await tc.cloud.functions.invoke('scheduler', timerEvent, { source: 'wx_trigger' });
  expect(withSource).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('the scheduler fires the declared trigger with TRIGGER_SRC=timer: the due jobs run', async () => {
  const res = await tc.cloud.scheduler.fire('scheduler', 'tick');
  expect(res).toMatchObject({ ok: true, data: { ran: { caseDeadlines: expect.anything() } } });
  // a trigger of someone else's naming is not a trigger
  await expect(tc.cloud.scheduler.fire('scheduler', 'dropEverything')).rejects.toThrow(/no timer trigger/);
});

test('a timer invocation’s TRIGGER_SRC does not leak into calls running beside it', async () => {
  const [fired, called] = await Promise.all([
    tc.cloud.scheduler.fire('scheduler', 'tick'),
    tc.cloud.functions.invoke('scheduler', { Type: 'Timer', TriggerName: 'tick' }, {}),
  ]);
  expect(fired).toMatchObject({ ok: true });
  expect(called).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(process.env.TRIGGER_SRC).toBeUndefined();
});
