/**
 * Hardening (issue 11): when the disk fails the local CloudBase answers, it does not crash. A
 * database that refuses writes, a storage write that throws, a data folder deleted while the
 * server runs: the SDK gets a CloudBase-style error, the h5 routes an INTERNAL envelope with a
 * 5xx, the failure is logged, and nothing is written to a file that no longer exists. Run as
 * root, chmod does not stop writes, so read-only storage is simulated honestly: SQLite's own
 * read-only mode (PRAGMA query_only, the SQLITE_READONLY a read-only file gives) and injected
 * EACCES/EROFS errors where files are written.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localFunctionEnv } from '../../emulator/functions/env';
import { LocalCloud } from '../../emulator/local-cloud';
import { seedStore } from '../../emulator/seed';
import { adminRequest, postJson, rejectionOf, wxCloud } from '../helpers/sdk';

const FUNCTIONS = path.resolve(__dirname, '../../cloudfunctions');

async function server(dataDir: string, logs: string[]): Promise<{ cloud: LocalCloud; url: string }> {
  process.env.TXY_LOG_LEVEL ??= 'silent';
  const cloud = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: FUNCTIONS, mode: 'source', env: localFunctionEnv() },
    log: (l) => logs.push(l),
  });
  seedStore(cloud.store);
  return { cloud, url: await cloud.start() };
}

// The functions log their INTERNAL failures on console.error: expected here, kept out of the output.
beforeEach(() => void jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

const systemError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, errno: -13, syscall: 'open' });

describe('a disk that refuses writes', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let url: string;
  const logs: string[] = [];
  const sql = () => (cloud.store as unknown as { sql: { pragma(s: string): unknown } }).sql;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-hardening-ro-'));
    ({ cloud, url } = await server(dataDir, logs));
  });
  afterAll(async () => {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => sql().pragma('query_only = OFF'));

  test('read-only SQLite (query_only): the SDK’s write rejects with SYS_ERR, reads still work', async () => {
    sql().pragma('query_only = ON');
    const db = wxCloud().database();
    const err = await rejectionOf(db.collection('users').add({ data: { nickname: 'x' } }));
    expect(String(err.errMsg ?? err.message)).toMatch(/fail/);
    const raw = await adminRequest(url, {
      action: 'database.insertDocument',
      collectionName: 'users',
      data: ['{"nickname":"y"}'],
    });
    expect(raw.status).toBe(200);
    expect(raw.json).toMatchObject({ code: 'SYS_ERR' });
    expect(raw.json.message).toMatch(/readonly|read-only|query_only/i);
    expect(logs.some((l) => /database\.insertDocument failed/.test(l))).toBe(true);
    expect((await db.collection('users').limit(1).get()).data).toHaveLength(1);
  });

  test('read-only SQLite: a gateway call that must write answers an INTERNAL envelope, the server stays up', async () => {
    sql().pragma('query_only = ON');
    const { json } = await postJson(
      `${url}/api/functions/account`,
      { action: 'me', payload: {} },
      { 'x-openid': 'ro-new-user' },
    );
    expect(json).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    sql().pragma('query_only = OFF');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const again = await postJson(
      `${url}/api/functions/account`,
      { action: 'me', payload: {} },
      { 'x-openid': 'ro-new-user' },
    );
    expect(again.json).toMatchObject({ ok: true });
  });

  test('an upload whose file write throws EACCES (injected) is a 500 INTERNAL envelope, logged', async () => {
    jest.spyOn(cloud.storage, 'put').mockImplementation(() => {
      throw systemError('EACCES', "EACCES: permission denied, open '/data/storage/files/x.png'");
    });
    const res = await fetch(`${url}/api/upload?name=a.png`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-openid': 'demo-resident' },
      body: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logs.some((l) => /POST \/api\/upload.*failed[\s\S]*EACCES/.test(l))).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  test('a subscribe whose grants file write throws EROFS (injected) is a 500 INTERNAL envelope', async () => {
    jest.spyOn(cloud.subscriptions, 'accept').mockImplementation(() => {
      throw systemError('EROFS', 'EROFS: read-only file system, open subscriptions.json');
    });
    const { status, json } = await postJson(
      `${url}/api/subscribe`,
      { tmplIds: ['local-tpl-wishClaimed'], choices: {} },
      { 'x-openid': 'demo-resident' },
    );
    expect(status).toBe(500);
    expect(json).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('an admin storage action whose disk read throws (injected) is a CloudBase SYS_ERR on HTTP 200', async () => {
    jest.spyOn(cloud.storage, 'downloadUrls').mockImplementation(() => {
      throw systemError('EIO', 'EIO: i/o error, stat');
    });
    const res = await adminRequest(url, {
      action: 'storage.batchGetDownloadUrl',
      file_list: [{ fileid: 'x', max_age: 1 }],
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 'SYS_ERR' });
  });
});

describe('a data folder deleted while the server runs', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-hardening-gone-'));
    ({ cloud, url } = await server(dataDir, logs));
    expect(await cloud.invoke('account', { action: 'me' }, 'before-gone')).toMatchObject({ ok: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('is noticed and said loudly, once', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    await fetch(`${url}/healthz`);
    expect(logs.filter((l) => /DATA_DIR PROBLEM/.test(l))).toHaveLength(1);
  });

  test('gateway calls answer a 503 INTERNAL envelope; nothing runs', async () => {
    const { status, json } = await postJson(
      `${url}/api/functions/account`,
      { action: 'me', payload: {} },
      { 'x-openid': 'after-gone' },
    );
    expect(status).toBe(503);
    expect(json).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(json.error.message).toMatch(/deleted/);
  });

  test('the SDK’s writes (a function call, a direct call) fail instead of going to the unlinked database', async () => {
    expect(await cloud.invoke('account', { action: 'me' }, 'after-gone-2')).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    const err = await rejectionOf(
      wxCloud()
        .database()
        .collection('users')
        .add({ data: { nickname: 'lost' } }),
    );
    expect(String(err.errMsg)).toMatch(/fail/);
  });

  test('a write straight to the store (seed, tests) is refused too, even once the folder is back', () => {
    expect(() => cloud.store.insert('users', [{ nickname: 'lost' }])).toThrow(/database is gone/);
    mkdirSync(dataDir, { recursive: true }); // someone recreates it: a different folder, still refused
    expect(() => cloud.store.insert('users', [{ nickname: 'lost' }])).toThrow(/database is gone/);
  });
});

test('npm start on an emptied data folder seeds it with a loud line and says this is a LOCAL environment', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-hardening-seed-'));
  rmSync(dataDir, { recursive: true, force: true });
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  const saved = { PORT: process.env.PORT, DATA_DIR: process.env.DATA_DIR };
  process.env.PORT = '0';
  process.env.DATA_DIR = dataDir;
  const { serve } = require('../../emulator/main') as typeof import('../../emulator/main');
  const cloud = await serve();
  try {
    expect(lines.find((l) => l.includes('SEEDED'))).toMatch(
      new RegExp(
        `SEEDED ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} WITH DEMO DATA because the folder did not exist`,
      ),
    );
    expect(lines.some((l) => /LOCAL CloudBase, for development and demos only/.test(l))).toBe(true);
    expect(lines.find((l) => l.startsWith('ready '))).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+ \(data /);
  } finally {
    spy.mockRestore();
    await cloud.stop();
    Object.assign(process.env, saved);
    if (saved.PORT === undefined) delete process.env.PORT;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
