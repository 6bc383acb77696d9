import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SubscriptionGrants } from '../openapi/subscriptions';
import { templateById } from '../openapi/templates';
import { callerOpenid } from './guard';
import { envelopeError, readBody, sendJson } from './respond';

/** WeChat's `requestSubscribeMessage` failures (errCode, errMsg) the stand-in reproduces. */
const FAIL = {
  empty: { errCode: 10001, errMsg: "requestSubscribeMessage:fail TmplIds can't be empty" },
  unknown: {
    errCode: 20001,
    errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist',
  },
  tooMany: { errCode: 20003, errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds' },
} as const;

type Check = { ok: true; ids: string[] } | { ok: false; fail: (typeof FAIL)[keyof typeof FAIL] };

function checkIds(raw: unknown): Check {
  const ids = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string' && v !== '') : [];
  if (ids.length === 0) return { ok: false, fail: FAIL.empty };
  if (ids.length > 3) return { ok: false, fail: FAIL.tooMany };
  if (ids.some((id) => !templateById(id))) return { ok: false, fail: FAIL.unknown };
  return { ok: true, ids };
}

/**
 * The h5 build's stand-in for WeChat's side of `wx.requestSubscribeMessage` (local server only):
 * `GET /api/subscribe/templates?ids=a,b` gives the sheet the templates' titles (or WeChat's
 * error for bad ids); `POST /api/subscribe` with `{ tmplIds, choices: { id: accept|reject } }`
 * and the caller's `x-openid` records one grant per accepted template — what WeChat records when
 * the user taps 允许 — and answers as WeChat does (`{ errMsg, [id]: 'accept' | 'reject' }`).
 */
export async function handleSubscribe(
  grants: SubscriptionGrants,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method === 'GET' && url.pathname === '/api/subscribe/templates') {
    const check = checkIds((url.searchParams.get('ids') ?? '').split(','));
    if (!check.ok) return sendJson(res, 400, check.fail);
    return sendJson(res, 200, {
      templates: check.ids.map((id) => ({ id, title: templateById(id)!.spec.title })),
    });
  }
  if (req.method !== 'POST' || url.pathname !== '/api/subscribe')
    return sendJson(res, 404, { errMsg: `no route ${req.method} ${url.pathname}` });
  const openid = callerOpenid(req);
  if (!openid)
    return sendJson(res, 401, {
      ...envelopeError('UNAUTHENTICATED', '无法识别您的身份'),
      errCode: -1,
      errMsg: 'requestSubscribeMessage:fail not logged in',
    });
  let body: { tmplIds?: unknown; choices?: unknown };
  try {
    body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as typeof body;
  } catch {
    return sendJson(res, 400, { errCode: -1, errMsg: 'requestSubscribeMessage:fail invalid body' });
  }
  const check = checkIds(body.tmplIds);
  if (!check.ok) return sendJson(res, 400, check.fail);
  const choices = (body.choices && typeof body.choices === 'object' ? body.choices : {}) as Record<string, unknown>;
  const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
  for (const id of check.ids) answer[id] = choices[id] === 'accept' ? 'accept' : 'reject';
  grants.accept(
    openid,
    check.ids.filter((id) => answer[id] === 'accept'),
  );
  return sendJson(res, 200, answer);
}
