/**
 * Conformance: the function host gives every call its own WeChat context (as CloudBase gives
 * every invocation its own environment), and the h5 gateway `POST /api/functions/:name` wraps it
 * in the project's envelope with CloudBase's request-size limit.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { postJson, wxCloud, type WxCloud } from '../helpers/sdk';

let tc: TestCloud;
let cloud: WxCloud;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  cloud = wxCloud();
});

afterAll(async () => {
  await tc.stop();
});

describe('function host', () => {
  test('20 concurrent calls each see their own openid', async () => {
    const results = (await Promise.all(
      Array.from({ length: 20 }, (_u, i) => tc.invoke('account', { action: 'me' }, `openid-${i}`)),
    )) as Array<{ ok: boolean; data: { openid: string } }>;
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      expect(r.data.openid).toBe(`openid-${i}`);
    });
  });

  test('the identity a call sees stays its own across the awaits inside it', async () => {
    // the first call registers; the second reads the stored user back; interleave both kinds
    const calls = Array.from({ length: 10 }, (_u, i) => tc.invoke('account', { action: 'me' }, `openid-${i % 5}`));
    const results = (await Promise.all(calls)) as Array<{ ok: boolean; data: { openid: string } }>;
    results.forEach((r, i) => expect(r.data.openid).toBe(`openid-${i % 5}`));
  });

  test('cloud.getWXContext() outside a call has no OPENID, also right after calls ran', async () => {
    await tc.invoke('account', { action: 'me' }, 'openid-outside-check');
    const ctx = cloud.getWXContext();
    expect(ctx.OPENID).toBeUndefined();
    expect(ctx.APPID).toBeUndefined();
    expect(process.env.WX_OPENID).toBeUndefined();
  });

  test('a call without an openid is unauthenticated', async () => {
    const res = (await tc.invoke('account', { action: 'me' }, '')) as { ok: boolean; error: { code: string } };
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('HTTP gateway', () => {
  const call = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    postJson(`${tc.url}/api/functions/${name}`, body, headers);

  test('POST /api/functions/account with x-openid answers the envelope with that openid', async () => {
    const { status, json } = await call('account', { action: 'me', payload: {} }, { 'x-openid': 'gw-user' });
    expect(status).toBe(200);
    expect(json.ok).toBe(true);
    expect(json.data.openid).toBe('gw-user');
    expect(typeof json.requestId).toBe('string');
  });

  test('concurrent gateway calls keep their identities apart', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_u, i) => call('account', { action: 'me', payload: {} }, { 'x-openid': `gw-${i}` })),
    );
    results.forEach((r, i) => expect(r.json.data.openid).toBe(`gw-${i}`));
  });

  test('without x-openid the function answers UNAUTHENTICATED', async () => {
    const { json } = await call('account', { action: 'me', payload: {} });
    expect(json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('malformed JSON is a 400 with an INVALID_INPUT envelope', async () => {
    const res = await fetch(`${tc.url}/api/functions/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'gw-user' },
      body: '{"action": "me",',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('an unknown function is a 404 envelope', async () => {
    const { status, json } = await call('no-such-function', { action: 'me', payload: {} }, { 'x-openid': 'gw-user' });
    expect(status).toBe(404);
    expect(json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('an unknown action is INVALID_INPUT', async () => {
    const { json } = await call('account', { action: 'dropDatabase', payload: {} }, { 'x-openid': 'gw-user' });
    expect(json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('an event that is not { action, payload } is INVALID_INPUT', async () => {
    expect((await call('account', [1, 2], { 'x-openid': 'gw-user' })).json).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await call('account', { action: 'me', payload: 'x' }, { 'x-openid': 'gw-user' })).json).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  test('a body over 100 KB is a 413 envelope; just under the limit is accepted', async () => {
    const over = { action: 'me', payload: {}, padding: 'x'.repeat(101 * 1024) };
    const tooBig = await call('account', over, { 'x-openid': 'gw-user' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const under = { action: 'me', payload: {}, padding: 'x'.repeat(99 * 1024) };
    const fine = await call('account', under, { 'x-openid': 'gw-user' });
    expect(fine.status).toBe(200);
    expect(fine.json.ok).toBe(true);
  });

  test('only POST calls functions', async () => {
    const res = await fetch(`${tc.url}/api/functions/account`);
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ ok: false });
  });

  test('GET /healthz answers 200', async () => {
    const res = await fetch(`${tc.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
