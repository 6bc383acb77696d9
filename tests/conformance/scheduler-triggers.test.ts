/**
 * WeChat CloudBase gives a cloud function one timer trigger ("triggers 字段是触发器数组，目前仅支持一个
 * 触发器"), a name of a letter then up to 59 of a-z A-Z 0-9 - _, and a seven-field cron. The local
 * CloudBase refuses to start with a config.json that breaks that, as a deployment would fail.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud } from '../../emulator/local-cloud';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function cloudWith(triggers: unknown[]): LocalCloud {
  const root = mkdtempSync(path.join(os.tmpdir(), 'txy-triggers-'));
  roots.push(root);
  mkdirSync(path.join(root, 'jobs'));
  writeFileSync(path.join(root, 'jobs', 'config.json'), JSON.stringify({ timeout: 60, triggers }));
  writeFileSync(path.join(root, 'jobs', 'index.js'), 'exports.main = async () => ({ ok: true });');
  return new LocalCloud({
    dataDir: path.join(root, 'data'),
    port: 0,
    functions: { root, mode: 'source', env: {} },
    log: () => undefined,
  });
}

async function startError(triggers: unknown[]): Promise<string | null> {
  const cloud = cloudWith(triggers);
  try {
    await cloud.start();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await cloud.stop().catch(() => undefined);
  }
}

const timer = (name: string, config = '0 */5 * * * * *') => ({ name, type: 'timer', config });

test('one timer trigger: starts', async () => {
  expect(await startError([timer('tick')])).toBeNull();
});

test('two timer triggers in one function: refused', async () => {
  expect(await startError([timer('a'), timer('b', '0 0 3 * * * *')])).toMatch(/one timer trigger per function/);
});

test('a name that does not start with a letter, or a cron without its seven fields: refused', async () => {
  expect(await startError([timer('5min')])).toMatch(/trigger name/);
  expect(await startError([timer('tick', '*/5 * * * *')])).toMatch(/seven fields/);
});
