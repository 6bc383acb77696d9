import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The key pair the functions sign with (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY). */
export interface AdminCredentials {
  secretId: string;
  secretKey: string;
}

/** The local CloudBase's default pair; LocalCloud gives the functions the same values. */
export const LOCAL_CREDENTIALS: AdminCredentials = { secretId: 'local', secretKey: 'local' };

/** How old a signature may be: the SDK sends `X-Signature-Expires: 600`; a little clock skew on top. */
export const SIGNATURE_MAX_AGE_S = 600;
export const CLOCK_SKEW_S = 60;

export interface SignedRequest {
  method: string;
  /** `req.url` as received: path and raw query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The request's parameters: the JSON body's fields, or a multipart form's fields (strings) and files (Buffers). */
  params: Record<string, unknown>;
  multipart: boolean;
}

export type Verdict = { ok: true } | { ok: false; message: string };

const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request,(?: SignedParams=([^,\s]*),)? SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;

/**
 * Verifies the TC3-HMAC-SHA256 `Authorization` header wx-server-sdk 4.0.2 (@cloudbase/node-sdk
 * 3.17 with @cloudbase/signature-nodejs 2.2) puts on every admin request, as CloudBase does:
 *
 *   canonical request = method (as the SDK passes it: `post`) \n `//<host><path>` \n raw query \n
 *     `<name>:<value>\n` for each signed header (names sorted; values trimmed and lower-cased,
 *     `content-type` as sent with multipart/form-data cut to that) \n signed header names `;`-joined \n
 *     sha256 over `&<key>=<value>\r\n` for each non-empty parameter (keys lower-cased, sorted;
 *     values as text — JSON for non-strings — or the raw bytes of a multipart file)
 *   string to sign = `TC3-HMAC-SHA256\n<X-Timestamp>\n<date>/tcb/tc3_request\nsha256(canonical request)`
 *   key = HMAC chain `TC3<secretKey>` → date → `tcb` → `tc3_request`
 *
 * Every parameter the request carries is covered (a `SignedParams` list that leaves one out is
 * refused), so a changed body fails; `host` and `content-type` must be signed; `X-Timestamp`
 * must be within SIGNATURE_MAX_AGE_S of the wall clock (the SDK signs with wall time, not the
 * emulator's movable clock).
 */
export function verifyAdminSignature(req: SignedRequest, creds: AdminCredentials, nowMs = Date.now()): Verdict {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || header === '') return fail('authorization header missing');
  const m = AUTH.exec(header);
  if (!m) return fail('authorization header malformed');
  const [, secretId, date, service, signedParamsList, signedHeadersList, signature] = m;
  if (secretId !== creds.secretId) return fail('secret id error');
  if (service !== 'tcb') return fail('credential scope service must be tcb');

  const tsText = req.headers['x-timestamp'];
  const timestamp = typeof tsText === 'string' && /^\d{1,12}$/.test(tsText) ? Number(tsText) : NaN;
  if (!Number.isFinite(timestamp)) return fail('x-timestamp missing or malformed');
  const nowS = Math.floor(nowMs / 1000);
  if (nowS - timestamp > SIGNATURE_MAX_AGE_S + CLOCK_SKEW_S || timestamp - nowS > CLOCK_SKEW_S)
    return fail('signature is expired');
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return fail('credential date mismatch');

  // Headers: the names the client signed, read from this request.
  const signedHeaders = signedHeadersList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type'))
    return fail('host and content-type must be signed');
  let canonicalHeaders = '';
  for (const name of signedHeaders) {
    const raw = req.headers[name];
    if (typeof raw !== 'string') return fail(`signed header ${name} missing`);
    const value =
      name === 'content-type'
        ? raw.startsWith('multipart/form-data')
          ? 'multipart/form-data'
          : raw
        : raw.trim().toLowerCase();
    canonicalHeaders += `${name}:${value}\n`;
  }

  // Parameters: every non-empty one must be signed.
  const kv = new Map<string, string | Buffer>();
  for (const [key, value] of Object.entries(req.params)) {
    if (value === undefined) continue;
    const k = camSafe(key.toLowerCase().trim());
    if (kv.has(k)) return fail(`parameter ${k} given twice`);
    kv.set(k, Buffer.isBuffer(value) && req.multipart ? value : text(value).trim());
  }
  const present = [...kv.keys()].filter((k) => isPresent(kv.get(k)));
  let order = [...present].sort(byLocale);
  if (signedParamsList !== undefined) {
    const listed = signedParamsList === '' ? [] : signedParamsList.split(';');
    if (listed.length !== present.length || [...listed].sort().join(';') !== [...present].sort().join(';'))
      return fail('signed params do not cover the request');
    order = listed;
  }
  const payload = createHash('sha256');
  for (const k of order) {
    payload.update(`&${k}=`);
    payload.update(kv.get(k)!);
    payload.update('\r\n');
  }
  const hashedPayload = payload.digest('hex');

  const [pathname, query = ''] = splitUrl(req.url);
  const host = typeof req.headers.host === 'string' ? req.headers.host.toLowerCase() : '';
  const scope = `${date}/${service}/tc3_request`;
  const key = hmac(hmac(hmac(`TC3${creds.secretKey}`, date), service), 'tc3_request');
  const want = Buffer.from(signature, 'hex');
  // The SDK passes the method as written in its code (`post`); accept either case of the same verb.
  for (const method of new Set([req.method.toLowerCase(), req.method.toUpperCase()])) {
    const canonical = `${method}\n//${host}${pathname}\n${query}\n${canonicalHeaders}\n${signedHeadersList}\n${hashedPayload}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
    const got = hmac(key, toSign);
    if (timingSafeEqual(got, want)) return { ok: true };
  }
  return fail('signature mismatch');
}

const fail = (message: string): Verdict => ({ ok: false, message });

/** The SDK's key order: `localeCompare` (@cloudbase/signature-nodejs SortedKeyValue). */
const byLocale = (a: string, b: string) => a.localeCompare(b);

const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

const isPresent = (v: string | Buffer | undefined): boolean => (Buffer.isBuffer(v) ? true : Boolean(v));

function camSafe(s: string): string {
  return encodeURIComponent(s)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');
}

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i + 1)];
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
