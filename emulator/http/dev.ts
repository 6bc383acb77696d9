import type { IncomingMessage, ServerResponse } from 'node:http';
import { emulatorClock } from '../clock';
import type { LocalCloud } from '../local-cloud';
import { BodyTooLarge, readBody, sendJson } from './respond';

interface DemoUserDoc {
  _id: string;
  name: string | null;
  nickname: string;
  roles: unknown[];
  demo?: { label: string; order: number };
}

/** How far one `POST /dev/clock` may move the clock, and how far ahead of the wall clock it may get. */
export const MAX_ADVANCE_MS = 400 * 24 * 3_600_000;
export const MAX_OFFSET_MS = 10 * 366 * 24 * 3_600_000;

/**
 * Local-only endpoints for demos and tests: demo identities, the outbox, the clock, database
 * request counters, the scheduler and a reset. They do not exist in CloudBase. Like every route
 * they answer only this machine's same-origin pages and scripts (LocalCloud refuses a foreign
 * Host or Origin first); a POST must be `application/json` (a cross-site form or a `text/plain`
 * fetch cannot send that without a CORS preflight, which is never granted).
 */
export async function handleDev(cloud: LocalCloud, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json')
      return sendJson(res, 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'dev endpoints take application/json only',
      });
  }
  let parsed: Record<string, unknown> | string = {};
  if (req.method === 'POST') {
    try {
      const raw = (await readBody(req)).toString('utf8');
      const value: unknown = raw ? JSON.parse(raw) : {};
      parsed = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : '';
    } catch (err) {
      parsed = err instanceof BodyTooLarge ? 'the body is too large' : 'the body is not JSON';
    }
    if (typeof parsed === 'string')
      return sendJson(res, 400, { code: 'INVALID_PARAM', message: parsed || 'the body must be a JSON object' });
  }
  const body = parsed;
  switch (route) {
    case 'GET /dev/demo-users': {
      const users = cloud.store
        .find('users', { query: { demo: { $exists: true } }, sort: { 'demo.order': 1 } })
        .map((d) => d as unknown as DemoUserDoc)
        .map((u) => ({
          openid: u._id,
          label: u.demo!.label,
          name: u.name ?? u.nickname,
          roles: u.roles,
          order: u.demo!.order,
        }));
      return sendJson(res, 200, { users });
    }
    case 'GET /dev/outbox':
      return sendJson(res, 200, {
        messages: cloud.outbox.all({
          touser: url.searchParams.get('touser') ?? undefined,
          status: (url.searchParams.get('status') as 'delivered' | 'refused' | null) ?? undefined,
        }),
      });
    case 'GET /dev/clock':
      return sendJson(res, 200, {
        now: new Date(emulatorClock.nowMs()).toISOString(),
        offsetMs: emulatorClock.offsetMs(),
      });
    case 'POST /dev/clock': {
      const { advanceMs } = body;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0 || advanceMs > MAX_ADVANCE_MS) {
        return sendJson(res, 400, {
          code: 'INVALID_PARAM',
          message: `advanceMs must be a number of milliseconds from 0 to ${MAX_ADVANCE_MS} (400 days); the clock only moves forward`,
        });
      }
      if (emulatorClock.offsetMs() + advanceMs > MAX_OFFSET_MS) {
        return sendJson(res, 400, {
          code: 'INVALID_PARAM',
          message: 'the clock may run at most 10 years ahead of the wall clock (POST /dev/reset resets it)',
        });
      }
      emulatorClock.advance(advanceMs);
      const ran = await cloud.scheduler.tick();
      return sendJson(res, 200, {
        now: new Date(emulatorClock.nowMs()).toISOString(),
        offsetMs: emulatorClock.offsetMs(),
        ran,
      });
    }
    case 'GET /dev/stats':
      return sendJson(res, 200, { database: Object.fromEntries(cloud.store.counters) });
    case 'POST /dev/scheduler/tick':
      return sendJson(res, 200, { ran: await cloud.scheduler.tick() });
    case 'POST /dev/reset': {
      await cloud.reset();
      return sendJson(res, 200, { ok: true });
    }
    default:
      return sendJson(res, 404, { code: 'NOT_FOUND', message: `no dev route ${route}` });
  }
}
