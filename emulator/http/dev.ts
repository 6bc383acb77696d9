import type { IncomingMessage, ServerResponse } from 'node:http';
import { emulatorClock } from '../clock';
import type { LocalCloud } from '../local-cloud';
import { readBody, sendJson } from './respond';

interface DemoUserDoc {
  _id: string;
  name: string | null;
  nickname: string;
  roles: unknown[];
  demo?: { label: string; order: number };
}

/**
 * Local-only endpoints for demos and tests: demo identities, the outbox, the clock, database
 * request counters, the scheduler and a reset. They do not exist in CloudBase.
 */
export async function handleDev(cloud: LocalCloud, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  const body = async (): Promise<Record<string, unknown>> => {
    const raw = (await readBody(req)).toString('utf8');
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
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
      const { advanceMs } = await body();
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
        return sendJson(res, 400, { code: 'INVALID_PARAM', message: 'advanceMs must be a non-negative number' });
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
