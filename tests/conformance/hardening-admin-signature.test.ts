/**
 * Hardening (issue 11): the admin endpoint serves only requests signed as wx-server-sdk signs
 * them (TC3-HMAC-SHA256 with the environment's key), as CloudBase does. The real SDK's requests
 * pass — JSON and multipart; a request without a signature, with a forged one, with a body
 * changed after signing, or signed too long ago is refused with `SIGN_PARAM_INVALID` (which the
 * SDK surfaces as an error) and changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localFunctionEnv } from '../../emulator/functions/env';
import { LocalCloud } from '../../emulator/local-cloud';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { adminRequest, freshCollection, rejectionOf, wxCloud, type Db } from '../helpers/sdk';

let tc: TestCloud;
let db: Db;
let name: string;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  db = wxCloud().database();
  name = await freshCollection(db, 'signed');
  await db.collection(name).add({ data: { _id: 'd1', n: 1 } });
});

afterAll(async () => {
  await tc.stop();
});

const stored = () => tc.cloud.store.find(name, { query: { _id: 'd1' } })[0];
const setN = (n: number) => ({
  action: 'database.modifyDocument',
  collectionName: name,
  queryType: 'WHERE',
  query: '{"_id":"d1"}',
  data: JSON.stringify({ $set: { n } }),
  multi: false,
  merge: true,
  upsert: false,
});

test('the real SDK’s requests are signed and served: read, write, count, aggregate, transaction', async () => {
  await db
    .collection(name)
    .doc('d1')
    .update({ data: { n: 2 } });
  expect((await db.collection(name).doc('d1').get()).data.n).toBe(2);
  expect((await db.collection(name).count()).total).toBe(1);
  expect((await db.collection(name).aggregate().match({ n: 2 }).end()).list).toHaveLength(1);
  await db.runTransaction(async (tx: Db) => {
    await tx
      .collection(name)
      .doc('d1')
      .update({ data: { n: 3 } });
  });
  expect(stored().n).toBe(3);
});

test('the real SDK’s multipart wx.openApi requests are signed and served', async () => {
  const res = await wxCloud().openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 1, openid: 'o-sig' });
  expect(res.errCode).toBe(0);
});

test('a raw request signed as the SDK signs it is served', async () => {
  const res = await adminRequest(tc.url, setN(10));
  expect(res.json).toMatchObject({ data: { updated: 1 } });
  expect(stored().n).toBe(10);
});

describe('refused with SIGN_PARAM_INVALID (HTTP 200, CloudBase’s shape), nothing changed', () => {
  test.each([
    ['no signature at all', {}, { signed: false }],
    ['signed with another secret key', {}, { secretKey: 'guessed' }],
    ['signed with another secret id', {}, { secretId: 'someone-else' }],
    [
      'a value changed after signing',
      {},
      { tamper: (p: Record<string, unknown>) => ({ ...p, data: '{"$set":{"n":777}}' }) },
    ],
    [
      'a parameter added after signing',
      {},
      { tamper: (p: Record<string, unknown>) => ({ ...p, query: '{}', multi: true, extra: 'x' }) },
    ],
    [
      'a key repeated in other letter case after signing',
      {},
      { tamper: (p: Record<string, unknown>) => ({ ...p, DATA: p.data, data: '{"$set":{"n":777}}' }) },
    ],
    ['signed an hour ago', {}, { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
    ['signed an hour ahead', {}, { timestamp: Math.floor(Date.now() / 1000) + 3600 }],
  ])('%s', async (_label, _unused, opts) => {
    const before = stored().n;
    const res = await adminRequest(tc.url, setN(666), opts);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(typeof res.json.message).toBe('string');
    expect(res.json.data).toBeUndefined();
    expect(stored().n).toBe(before);
  });

  test('the stale signature says it is expired; an unknown secret id says so', async () => {
    const stale = await adminRequest(tc.url, setN(666), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.json.message).toMatch(/expired/);
    const other = await adminRequest(tc.url, setN(666), { secretId: 'someone-else' });
    expect(other.json.message).toMatch(/secret id/);
  });

  test('a signature a few minutes old (within the SDK’s 600 s) still passes', async () => {
    const res = await adminRequest(tc.url, setN(11), { timestamp: Math.floor(Date.now() / 1000) - 300 });
    expect(res.json).toMatchObject({ data: { updated: 1 } });
  });

  test('reads are refused too: no documents, no signed storage URLs without the key', async () => {
    const read = await adminRequest(
      tc.url,
      { action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE', limit: 100 },
      { signed: false },
    );
    expect(read.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    const urls = await adminRequest(
      tc.url,
      { action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: 'cloud://x/y', max_age: 60 }] },
      { secretKey: 'guessed' },
    );
    expect(urls.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  });

  test('a multipart wx.openApi call whose requestData changed after signing sends nothing', async () => {
    const before = tc.cloud.outbox.all({}).length;
    const res = await adminRequest(
      tc.url,
      { action: 'wx.openApi', apiName: 'subscribeMessage.send', requestData: Buffer.from([1, 2, 3]) },
      { tamper: (p) => ({ ...p, requestData: Buffer.from([1, 2, 4]) }) },
    );
    expect(res.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(tc.cloud.outbox.all({})).toHaveLength(before);
  });

  test('a text/plain post (what a web page can send without asking) is refused', async () => {
    const res = await fetch(`${tc.url}/admin?env=local`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(setN(666)),
    });
    expect((await res.json()).code).toBe('SIGN_PARAM_INVALID');
    expect(stored().n).not.toBe(666);
  });
});

test('the SDK reports a refusal as an error, not a hang (a wrong key in the function’s environment)', async () => {
  const key = process.env.TENCENTCLOUD_SECRETKEY;
  process.env.TENCENTCLOUD_SECRETKEY = 'wrong';
  try {
    const err = await rejectionOf(
      db
        .collection(name)
        .doc('d1')
        .update({ data: { n: 666 } }),
    );
    expect(err.errMsg).toMatch(/signature mismatch/);
  } finally {
    process.env.TENCENTCLOUD_SECRETKEY = key;
  }
  expect(stored().n).not.toBe(666);
});

test('the key pair is a LocalCloud option, shared with the functions it runs', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-hardening-keys-'));
  const own = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: path.resolve(__dirname, '../../cloudfunctions'), mode: 'source', env: localFunctionEnv() },
    credentials: { secretId: 'own-id', secretKey: 'own-key' },
    log: () => undefined,
  });
  const url = await own.start();
  try {
    // the functions sign with the configured pair: their calls are served
    expect(await own.invoke('account', { action: 'me' }, 'key-user')).toMatchObject({ ok: true });
    // the default pair no longer opens it
    const res = await adminRequest(url, {
      action: 'database.getDocument',
      collectionName: 'users',
      queryType: 'WHERE',
    });
    expect(res.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    const ok = await adminRequest(
      url,
      { action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE' },
      { secretId: 'own-id', secretKey: 'own-key' },
    );
    expect(ok.json.data.list).toHaveLength(1);
  } finally {
    await own.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
