/**
 * Hardening (issue 11): a function past its timeout is stopped. In `bundle` mode its instance is
 * killed (tests/bundles/host.test.ts). In `source` mode (the call runs in this process, which
 * cannot stop it) its later requests are refused instead: each call has its own session token
 * (TENCENTCLOUD_SESSIONTOKEN, which wx-server-sdk sends signed with every admin request), and
 * once the call has timed out the admin endpoint answers SIGN_PARAM_INVALID to that token — the
 * late write never lands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud } from '../../emulator/local-cloud';
import { wxCloud } from '../helpers/sdk';

let dataDir: string;
let cloud: LocalCloud;
const seen = () => ((globalThis as Record<string, unknown>).__slowpoke ?? []) as Array<Record<string, unknown>>;
const stored = (id: string) => cloud.store.find('late', { query: { _id: id } }).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-hardening-timeout-'));
  cloud = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: path.join(__dirname, 'fixtures/late'), mode: 'source' },
    log: () => undefined,
  });
  await cloud.start();
  await wxCloud().database().createCollection('late');
});

afterAll(async () => {
  await cloud.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a call within its timeout writes before and after its wait', async () => {
  await expect(cloud.functions.invoke('slowpoke', { id: 'quick', ms: 50 }, { openid: 'o1' })).resolves.toEqual({
    ok: true,
  });
  expect([stored('quick-before'), stored('quick-after')]).toEqual([1, 1]);
});

test('a call past its timeout answers FUNCTION_TIMEOUT, and its late write is refused', async () => {
  await expect(cloud.functions.invoke('slowpoke', { id: 'slow', ms: 1600 }, { openid: 'o1' })).rejects.toMatchObject({
    code: 'FUNCTION_TIMEOUT',
  });
  expect(stored('slow-before')).toBe(1);
  await sleep(1200); // the call's code wakes up after its timeout and tries to write
  expect(seen().find((s) => s.id === 'slow')).toMatchObject({
    wrote: false,
    error: expect.stringMatching(/timed out/),
  });
  expect(stored('slow-after')).toBe(0);
});

test('other calls, running beside or after a timed-out one, are served', async () => {
  const [slow, quick] = await Promise.allSettled([
    cloud.functions.invoke('slowpoke', { id: 'slow2', ms: 1600 }, { openid: 'o2' }),
    cloud.functions.invoke('slowpoke', { id: 'beside', ms: 300 }, { openid: 'o3' }),
  ]);
  expect(slow.status).toBe('rejected');
  expect(quick.status).toBe('fulfilled');
  await sleep(1200);
  expect(stored('beside-after')).toBe(1);
  expect(stored('slow2-after')).toBe(0);
  await cloud.functions.invoke('slowpoke', { id: 'next', ms: 10 }, { openid: 'o1' });
  expect(stored('next-after')).toBe(1);
});
