/**
 * Hardening (issue 11): the local CloudBase belongs to the person running it. Every route
 * answers only a loopback `Host` of this server and never a browser request from another origin
 * (a web page the developer visits, a DNS-rebinding name); `/dev/*` takes JSON only and a sane
 * clock move; the h5 routes accept only well-formed openids; a malformed URL is a 400.
 */
import { request } from 'node:http';
import { emulatorClock } from '../../emulator/clock';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { wxCloud } from '../helpers/sdk';

let tc: TestCloud;
let port: number;

beforeAll(async () => {
  emulatorClock.reset();
  tc = await startLocalCloud();
  port = Number(new URL(tc.url).port);
});

afterAll(async () => {
  emulatorClock.reset();
  await tc.stop();
});

/** A raw HTTP request to the server (node:http: the Host header is ours to choose). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
/** A 1×1 PNG: what the upload route takes (it checks the bytes are the image the name says). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const ROUTES: Array<[string, string, Record<string, string>, string | Buffer]> = [
  ['GET', '/healthz', {}, ''],
  ['POST', '/admin?env=local', JSON_HEADERS, '{"action":"database.getDocument","collectionName":"users"}'],
  ['POST', '/api/functions/account', { ...JSON_HEADERS, 'x-openid': 'demo-resident' }, '{"action":"me"}'],
  ['POST', '/api/upload?name=a.png', { 'content-type': 'image/png', 'x-openid': 'demo-resident' }, PNG],
  ['POST', '/api/subscribe', { ...JSON_HEADERS, 'x-openid': 'demo-resident' }, '{"tmplIds":[]}'],
  ['GET', '/api/subscribe/templates?ids=x', {}, ''],
  ['GET', '/dev/demo-users', {}, ''],
  ['GET', '/dev/outbox', {}, ''],
  ['POST', '/dev/reset', JSON_HEADERS, '{}'],
  ['POST', '/dev/clock', JSON_HEADERS, '{"advanceMs":1000}'],
  ['GET', '/storage/download/eA?sign=x&t=1', {}, ''],
  ['GET', '/index.html', {}, ''],
];

const usersNow = () => tc.cloud.store.count('users', {});

describe('Host and Origin, on every route', () => {
  test.each(ROUTES)(
    '%s %s: a foreign Host is refused with 403 and a JSON error',
    async (method, path, headers, body) => {
      const before = usersNow();
      for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `192.168.1.5:${port}`]) {
        const res = await raw(method, path, { ...headers, host }, body);
        expect(res.status).toBe(403);
        expect(res.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      expect(usersNow()).toBe(before);
    },
  );

  test.each(ROUTES)('%s %s: a request from another origin is refused with 403', async (method, path, headers, body) => {
    const before = usersNow();
    for (const origin of ['http://evil.example', 'null', `http://localhost:${port}`, `https://127.0.0.1:${port}`]) {
      const res = await raw(method, path, { ...headers, origin }, body);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(usersNow()).toBe(before);
  });

  test('the loopback names of this server are all accepted', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await raw('GET', '/healthz', { host })).status).toBe(200);
    }
  });

  test('the h5 app’s own requests (Origin = this server) and scripts (no Origin) are served', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const own = await raw(
      'POST',
      '/api/functions/account',
      { ...JSON_HEADERS, 'x-openid': 'demo-resident', origin },
      '{"action":"me","payload":{}}',
    );
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ ok: true, data: { openid: 'demo-resident' } });
    const viaLocalhost = await raw('GET', '/dev/demo-users', {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    });
    expect(viaLocalhost.status).toBe(200);
    expect(viaLocalhost.json.users.length).toBeGreaterThan(0);
    const script = await raw(
      'POST',
      '/api/functions/account',
      { ...JSON_HEADERS, 'x-openid': 'demo-resident' },
      '{"action":"me","payload":{}}',
    );
    expect(script.json).toMatchObject({ ok: true });
  });
});

describe('/dev/*', () => {
  const marker = () => tc.cloud.store.find('users', { query: { _id: 'marker-user' } }).length;

  beforeAll(() => {
    tc.cloud.store.insert('users', [{ _id: 'marker-user', nickname: 'marker', roles: [] }]);
  });

  test.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
  ])('POST /dev/reset with %s is 415 and resets nothing', async (_label, headers) => {
    const res = await raw('POST', '/dev/reset', headers as Record<string, string>, '{}');
    expect(res.status).toBe(415);
    expect(res.json.message).toMatch(/application\/json/);
    expect(marker()).toBe(1);
  });

  test('POST /dev/reset from another origin is 403 and resets nothing, even as JSON', async () => {
    const res = await raw('POST', '/dev/reset', { ...JSON_HEADERS, origin: 'http://evil.example' }, '{}');
    expect(res.status).toBe(403);
    expect(marker()).toBe(1);
  });

  test.each([
    ['1e300', '{"advanceMs":1e300}'],
    ['more than 400 days', `{"advanceMs":${400 * 24 * 3_600_000 + 1}}`],
    ['negative', '{"advanceMs":-1}'],
    ['a string', '{"advanceMs":"1000"}'],
    ['missing', '{}'],
    ['not JSON', '{"advanceMs":'],
    ['a JSON array', '[1]'],
  ])(
    'POST /dev/clock with advanceMs %s is a 400 with a clear message; the clock and the server stay',
    async (_l, body) => {
      const before = emulatorClock.offsetMs();
      const res = await raw('POST', '/dev/clock', JSON_HEADERS, body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: 'INVALID_PARAM' });
      expect(typeof res.json.message).toBe('string');
      expect(emulatorClock.offsetMs()).toBe(before);
      expect((await raw('GET', '/healthz')).status).toBe(200);
    },
  );

  test('a sane move (one day) is served and runs the due timers', async () => {
    const res = await raw('POST', '/dev/clock', JSON_HEADERS, JSON.stringify({ advanceMs: 24 * 3_600_000 }));
    expect(res.status).toBe(200);
    expect(res.json.offsetMs).toBe(24 * 3_600_000);
    expect(Array.isArray(res.json.ran)).toBe(true);
  });

  test('POST /dev/reset from the local page (same origin, JSON) or a script resets', async () => {
    const page = await raw('POST', '/dev/reset', { ...JSON_HEADERS, origin: `http://127.0.0.1:${port}` }, '{}');
    expect(page.status).toBe(200);
    expect(marker()).toBe(0);
    tc.cloud.store.insert('users', [{ _id: 'marker-user', nickname: 'marker', roles: [] }]);
    const script = await raw('POST', '/dev/reset', JSON_HEADERS);
    expect(script.status).toBe(200);
    expect(marker()).toBe(0);
    expect(emulatorClock.offsetMs()).toBe(0);
  });
});

describe('x-openid on the h5 routes: well-formed openids only, one check', () => {
  const BAD = [
    ['8,000 characters', 'o'.repeat(8000)],
    ['65 characters', 'o'.repeat(65)],
    ['a path', 'rt/../../x'],
    ['an operator', '$gt'],
    ['__proto__', '__proto__'],
    ['two joined values', 'demo-resident, demo-member'],
    ['a space inside', 'demo resident'],
    ['non-ASCII', 'ö-user'],
  ];

  test.each(BAD)('%s: the gateway answers 401 UNAUTHENTICATED before any function runs', async (_l, openid) => {
    const before = usersNow();
    const res = await raw(
      'POST',
      '/api/functions/account',
      { ...JSON_HEADERS, 'x-openid': openid },
      '{"action":"me","payload":{}}',
    );
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(usersNow()).toBe(before);
  });

  test.each(BAD)('%s: upload and subscribe answer 401 UNAUTHENTICATED and store nothing', async (_l, openid) => {
    const up = await raw('POST', '/api/upload?name=a.png', { 'content-type': 'image/png', 'x-openid': openid }, PNG);
    expect(up.status).toBe(401);
    expect(up.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const sub = await raw(
      'POST',
      '/api/subscribe',
      { ...JSON_HEADERS, 'x-openid': openid },
      '{"tmplIds":["local-tpl-x"]}',
    );
    expect(sub.status).toBe(401);
    expect(sub.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(tc.cloud.subscriptions.of(openid)).toEqual({});
  });

  test('two x-openid headers (joined by the HTTP parser) are refused', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/functions/account',
        headers: [
          ['host', `127.0.0.1:${port}`],
          ['content-type', 'application/json'],
          ['x-openid', 'demo-resident'],
          ['x-openid', 'demo-member'],
        ].flat(),
      });
      req.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{"action":"me","payload":{}}');
    });
    expect(res).toBe(401);
  });

  test('no x-openid stays the function’s to answer (UNAUTHENTICATED envelope from the function)', async () => {
    const res = await raw('POST', '/api/functions/account', JSON_HEADERS, '{"action":"me","payload":{}}');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('a well-formed openid is served on all three', async () => {
    const fn = await raw(
      'POST',
      '/api/functions/account',
      { ...JSON_HEADERS, 'x-openid': 'oAbc_12-3' },
      '{"action":"me","payload":{}}',
    );
    expect(fn.json).toMatchObject({ ok: true, data: { openid: 'oAbc_12-3' } });
    const up = await raw(
      'POST',
      '/api/upload?name=a.png',
      { 'content-type': 'image/png', 'x-openid': 'oAbc_12-3' },
      PNG,
    );
    expect(up.json).toMatchObject({ ok: true });
  });
});

describe('malformed URLs', () => {
  test.each([
    ['POST', '/api/functions/%E0%A4%A'],
    ['POST', '/api/functions/%'],
    ['GET', '/%E0%A4%A'],
    ['GET', '/dev/%ZZ'],
  ])('%s %s is a 400 envelope, and the server stays up', async (method, path) => {
    const res = await raw(
      method,
      path,
      { ...JSON_HEADERS, 'x-openid': 'demo-resident' },
      method === 'POST' ? '{}' : undefined,
    );
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await raw('GET', '/healthz')).status).toBe(200);
  });
});

describe('uploads are the images they claim to be', () => {
  test.each([
    ['an HTML page named x.png', 'x.png', Buffer.from('<html><script>alert(1)</script></html>')],
    ['a PNG named x.jpg', 'x.jpg', PNG],
    ['a few bytes named x.gif', 'x.gif', Buffer.from('GIF')],
  ])('%s → 400 INVALID_INPUT, nothing stored', async (_label, name, body) => {
    const res = await raw(
      'POST',
      `/api/upload?name=${name}`,
      { 'content-type': 'image/png', 'x-openid': 'demo-resident' },
      body,
    );
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('a real PNG is stored, and served as image/png with nosniff', async () => {
    const up = await raw(
      'POST',
      '/api/upload?name=x.png',
      { 'content-type': 'image/png', 'x-openid': 'demo-resident' },
      PNG,
    );
    expect(up.status).toBe(200);
    const fileID = (up.json as { data: { fileID: string } }).data.fileID;
    const { fileList } = await wxCloud().getTempFileURL({ fileList: [fileID] });
    const served = await fetch(fileList[0].tempFileURL);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
