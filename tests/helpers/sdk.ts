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
