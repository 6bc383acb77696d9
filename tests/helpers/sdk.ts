/**
 * The real wx-server-sdk as the conformance and integration tests drive it: initialised from the
 * variables the local CloudBase sets (DYNAMIC_CURRENT_ENV, TCB_CONTEXT_CNFG …), exactly as a
 * function running in CloudBase initialises it. Call `wxCloud()` only after `startLocalCloud()`,
 * so the SDK never makes a call without a reachable endpoint.
 */
const sdk = require('wx-server-sdk');

export type WxCloud = any;
export type Db = any;

export function wxCloud(): WxCloud {
  if (!process.env.TCB_CONTEXT_CNFG) throw new Error('start the local CloudBase before using wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  return sdk;
}

let counter = 0;

/** A collection name no other test uses (CloudBase, like the emulator, rejects unknown collections). */
export function uniqueName(prefix = 't'): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${process.pid}_${counter}`;
}

/** Creates a fresh collection and returns its name. */
export async function freshCollection(db: Db, prefix = 't'): Promise<string> {
  const name = uniqueName(prefix);
  await db.createCollection(name);
  return name;
}

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject, but it resolved');
}

/** POSTs JSON to a local endpoint (dev routes, the gateway, the admin endpoint). */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** The SDK's own signer (@cloudbase/signature-nodejs, what wx-server-sdk signs admin requests with). */
const { sign: sdkSign } = require('@cloudbase/signature-nodejs') as {
  sign: (o: Record<string, unknown>) => { authorization: string; timestamp: number };
};

export interface AdminRequestOptions {
  /** Default: the local CloudBase's pair, `local` / `local`. */
  secretId?: string;
  secretKey?: string;
  /** Seconds; default: now − 1, as the SDK signs. */
  timestamp?: number;
  /** `false`: send no Authorization header at all. */
  signed?: boolean;
  /** Changes the parameters after signing (what a tampered request carries). */
  tamper?: (params: Record<string, unknown>) => Record<string, unknown>;
  /** Extra headers sent (not signed), e.g. a browser's `origin`. */
  headers?: Record<string, string>;
  /** Send multipart (as `wx.openApi` calls are); default: when a parameter is a Buffer. */
  multipart?: boolean;
}

/**
 * A raw request to the admin endpoint, signed as wx-server-sdk signs it (TC3-HMAC-SHA256 over
 * method, URL, the headers it signs and every parameter), JSON or — when a parameter is a
 * Buffer, as `wx.openApi`'s requestData — multipart. Answers the HTTP status and the body
 * (parsed JSON, or the bytes).
 */
export async function adminRequest(
  baseUrl: string,
  params: Record<string, unknown>,
  opts: AdminRequestOptions = {},
): Promise<{ status: number; json: any; bytes: Buffer; contentType: string }> {
  const url = `${baseUrl}/admin?env=local&seqId=test`;
  const multipart = opts.multipart ?? Object.values(params).some((v) => Buffer.isBuffer(v));
  const headers: Record<string, string> = {
    'content-type': multipart ? 'multipart/form-data' : 'application/json',
    host: new URL(url).host,
    'user-agent': 'tcb-node-sdk/test',
    'x-sdk-version': 'wx-server-sdk/4.0.2',
  };
  const { authorization, timestamp } = sdkSign({
    secretId: opts.secretId ?? 'local',
    secretKey: opts.secretKey ?? 'local',
    method: 'post',
    url,
    params,
    headers,
    withSignedParams: true,
    timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000) - 1,
  });
  const sent = opts.tamper ? opts.tamper({ ...params }) : params;
  const { host: _host, ...wireHeaders } = headers;
  const auth: Record<string, string> =
    opts.signed === false ? {} : { authorization, 'x-timestamp': String(timestamp), 'x-signature-expires': '600' };
  let body: string | FormData;
  if (multipart) {
    delete wireHeaders['content-type']; // fetch sets it, with the boundary
    const form = new FormData();
    for (const [k, v] of Object.entries(sent)) {
      if (v === undefined) continue;
      form.append(k, Buffer.isBuffer(v) ? new Blob([new Uint8Array(v)]) : String(v));
    }
    body = form;
  } else body = JSON.stringify(sent);
  const res = await fetch(url, { method: 'POST', headers: { ...wireHeaders, ...auth, ...opts.headers }, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: res.status, json, bytes, contentType };
}
