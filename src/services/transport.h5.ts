import type { CallEvent } from '../../contract';
import { getDemoOpenid } from './demoIdentity';

/** The h5 build talks to the local server's gateway; it has no WeChat cloud to initialise. */
export function initCloud(): void {}

export async function send(fn: string, event: CallEvent): Promise<unknown> {
  const res = await fetch(`/api/functions/${encodeURIComponent(fn)}`, {
    method: 'POST',
    // The local gateway takes the caller's identity from this header (local server only).
    headers: { 'content-type': 'application/json', 'x-openid': getDemoOpenid() ?? '' },
    body: JSON.stringify({ action: event.action, payload: event.payload }),
  });
  // Error envelopes may come with a 4xx/5xx status: the body decides, not the status.
  return res.json();
}
