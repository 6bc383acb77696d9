/**
 * The function host in `bundle` mode runs a function as CloudBase's SCF does: in instances of the
 * CloudBase runtime (Node 16.13), one invocation at a time each, a pool that grows on demand up to
 * its cap (calls beyond wait), warm instances reused, the environment of the function and of the
 * call, the timeout stopping the instance, a crashed instance replaced.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CLOUDBASE_RUNTIME, FunctionError, FunctionHost, PINNED_RUNTIME_BIN } from '../../emulator/functions/host';

const ROOT = path.join(__dirname, 'fixtures/functions');
const onPinnedPlatform = process.platform === 'linux' && process.arch === 'x64';

interface Probe {
  pid: number;
  version: string;
  env: Record<string, string>;
  hostOnly: string[];
  requestId: string;
}

let host: FunctionHost;
const probe = (event: Record<string, unknown> = {}, openid = 'probe-user') =>
  host.invoke('probe', event, { openid }) as Promise<Probe>;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeEach(() => {
  host = new FunctionHost({ root: ROOT, mode: 'bundle', env: { PROBE_VAR: 'from the console' }, maxInstances: 2 });
  host.setPlatformEnv({ SCF_NAMESPACE: 'probe-env', TCB_CONTEXT_CNFG: '{"URL":"http://127.0.0.1:1/admin"}' });
});
afterEach(() => host.stop());

test('runs on the CloudBase runtime, with the function’s and the call’s environment only', async () => {
  // On linux-x64 `npm install` installs the runtime; a missing one must not pass unnoticed.
  if (onPinnedPlatform) expect(existsSync(PINNED_RUNTIME_BIN)).toBe(true);
  const r = await probe({}, 'someone');
  if (onPinnedPlatform) expect(r.version).toBe(CLOUDBASE_RUNTIME.version);
  expect(host.runtimeVersions()).toEqual([r.version]);
  expect(r.env).toMatchObject({
    PROBE_VAR: 'from the console',
    SCF_NAMESPACE: 'probe-env',
    TCB_CONTEXT_CNFG: '{"URL":"http://127.0.0.1:1/admin"}',
    WX_OPENID: 'someone',
    TCB_SOURCE: 'wx_client',
  });
  // Nothing of the host process's environment leaks in.
  expect(r.hostOnly).toEqual([]);
  expect(r.pid).not.toBe(process.pid);
  // The next call's identity replaces the last one's.
  expect((await probe({}, 'someone-else')).env.WX_OPENID).toBe('someone-else');
});

test('TRIGGER_SRC=timer only in a timer trigger’s invocation, never inherited; each call has its own session token', async () => {
  const fired = (await host.invoke('probe', {}, { source: 'wx_trigger', trigger: 'timer' })) as Probe;
  expect(fired.env).toMatchObject({ TRIGGER_SRC: 'timer', TCB_SOURCE: 'wx_trigger' });
  const next = await probe();
  expect(next.pid).toBe(fired.pid); // the same warm instance …
  expect(next.env.TRIGGER_SRC).toBeUndefined(); // … without the last call's trigger
  expect(next.env.TENCENTCLOUD_SESSIONTOKEN).toMatch(/^[0-9a-f]{32}$/);
  expect(next.env.TENCENTCLOUD_SESSIONTOKEN).not.toBe(fired.env.TENCENTCLOUD_SESSIONTOKEN);

  // A function environment that names TRIGGER_SRC does not make an ordinary call a timer's.
  const other = new FunctionHost({ root: ROOT, mode: 'bundle', env: { TRIGGER_SRC: 'timer' }, maxInstances: 1 });
  try {
    expect(((await other.invoke('probe', {}, { openid: 'x' })) as Probe).env.TRIGGER_SRC).toBeUndefined();
  } finally {
    await other.stop();
  }
});

test('warm instances are reused; each takes one call at a time, the pool grows to its cap and calls beyond wait', async () => {
  const first = await probe();
  expect((await probe()).pid).toBe(first.pid);

  const t0 = Date.now();
  const calls = Array.from({ length: 4 }, () => probe({ do: 'sleep', ms: 300 }));
  await new Promise((r) => setTimeout(r, 100));
  expect(host.stats().probe).toEqual({ instances: 2, busy: 2, waiting: 2 });
  const pids = (await Promise.all(calls)).map((r) => r.pid);
  expect(new Set(pids).size).toBe(2);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
  expect(host.stats().probe).toEqual({ instances: 2, busy: 0, waiting: 0 });
});

test('a call past the timeout stops its instance (FUNCTION_TIMEOUT); the next call gets a new one', async () => {
  const { pid } = await probe();
  const late = probe({ do: 'sleep', ms: 5000 });
  await expect(late).rejects.toMatchObject({ code: 'FUNCTION_TIMEOUT' });
  await expect(late).rejects.toBeInstanceOf(FunctionError);
  await new Promise((r) => setTimeout(r, 100));
  expect(alive(pid)).toBe(false);
  const next = await probe();
  expect(next.pid).not.toBe(pid);
});

test('a call waiting behind a timed-out one is served by a replacement instance', async () => {
  host = new FunctionHost({ root: ROOT, mode: 'bundle', maxInstances: 1 });
  const late = probe({ do: 'sleep', ms: 5000 });
  const waiting = probe();
  await expect(late).rejects.toMatchObject({ code: 'FUNCTION_TIMEOUT' });
  await expect(waiting).resolves.toMatchObject({ version: expect.any(String) });
});

test('a function that throws fails the call and keeps its instance; a crashed instance is replaced', async () => {
  const { pid } = await probe();
  await expect(probe({ do: 'throw' })).rejects.toMatchObject({ code: 'FUNCTION_CRASHED' });
  expect((await probe()).pid).toBe(pid);

  await probe({ do: 'crash' }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
  expect(alive(pid)).toBe(false);
  const next = await probe();
  expect(next.pid).not.toBe(pid);
});

test('stop() ends every instance', async () => {
  const pids = (await Promise.all([probe({ do: 'sleep', ms: 50 }), probe({ do: 'sleep', ms: 50 })])).map((r) => r.pid);
  await host.stop();
  expect(pids.map(alive)).toEqual([false, false]);
  expect(host.stats()).toEqual({});
});
