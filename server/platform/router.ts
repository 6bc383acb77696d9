import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ActionMap, ResultOf } from '../../contract/action';
import type { Envelope } from '../../contract/errors';
import type { Role } from '../../contract/roles';
import { AppError } from './errors';
import { getCloud, getDb, type Database } from './cloud';
import { now } from './clock';
import { log } from './log';
import { loadUser, rolesOf, type UserDoc } from './identity';
import { lastRuns, latestSlot, recordRun, type Slot } from './jobRuns';
import { takeTry, type Limit } from './throttle';

/** What every handler receives besides its validated input. */
export interface CallContext {
  requestId: string;
  openid: string;
  /** The caller's user document, loaded once per call; null for a first-time caller. */
  user: UserDoc | null;
  db: Database;
  now: Date;
  /** A scheduled job acting for the system (set only by `createScheduledFunction`), not a user. */
  job?: true;
}

export type Handlers<M extends ActionMap> = {
  [A in keyof M]: (input: z.output<M[A]['input']>, ctx: CallContext) => Promise<ResultOf<M[A]>>;
};

interface ScfContext {
  request_id?: string;
  requestId?: string;
}

const MESSAGES = {
  unauthenticated: '无法识别您的微信身份，请重新进入小程序',
  badEvent: '请求格式不正确：需要 { action, payload }',
  unknownAction: (fn: string, action: string) => `云函数 ${fn} 没有操作 ${action}`,
  badInput: '输入内容不正确',
  needRegistration: '请先完成注册',
  wrongRole: '您的身份无权进行此操作',
  internal: (id: string) => `服务暂时不可用，请稍后再试（请求编号 ${id}）`,
};

/**
 * The one router. Every function's `main` is built here: identity from the WeChat context,
 * the user loaded once, input validated with the action's schema, the role checked, the handler
 * run, and every outcome mapped to the envelope with a request id.
 */
export function createFunction<M extends ActionMap>(fn: string, actions: M, handlers: Handlers<M>) {
  return async function main(event: unknown, context?: ScfContext): Promise<Envelope<unknown>> {
    const requestId = context?.request_id ?? context?.requestId ?? randomUUID();
    const fail = (code: AppError['code'], message: string, details?: unknown) =>
      ({
        ok: false,
        error: details === undefined ? { code, message } : { code, message, details },
        requestId,
      }) as const;
    let actionName = '?';
    try {
      const { OPENID } = getCloud().getWXContext();
      if (!OPENID) return fail('UNAUTHENTICATED', MESSAGES.unauthenticated);

      if (!isCallEvent(event)) return fail('INVALID_INPUT', MESSAGES.badEvent);
      actionName = event.action;
      if (!Object.prototype.hasOwnProperty.call(actions, actionName)) {
        return fail('INVALID_INPUT', MESSAGES.unknownAction(fn, actionName));
      }
      const spec = actions[actionName];
      const parsed = spec.input.safeParse(event.payload ?? {});
      if (!parsed.success) {
        return fail(
          'INVALID_INPUT',
          MESSAGES.badInput,
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }

      const db = getDb();
      const at = now();
      // The caller's document and, for a rate-limited action, its try: side by side (one round
      // trip). A caller refused for their role has used a try; the role's answer comes first.
      const [user, limited] = await Promise.all([
        loadUser(db, OPENID),
        spec.rateLimit
          ? takeTry({ db, now: at }, `${OPENID}-${fn}.${actionName}`, scaled(spec.rateLimit)).then(
              () => null,
              (err: unknown) => err,
            )
          : null,
      ]);
      if (spec.roles !== 'anyone') {
        if (!user) return fail('FORBIDDEN', MESSAGES.needRegistration);
        const held = rolesOf(user);
        if (!spec.roles.some((r: Role) => held.has(r))) return fail('FORBIDDEN', MESSAGES.wrongRole);
      }
      if (limited) throw limited;

      const ctx: CallContext = { requestId, openid: OPENID, user, db, now: at };
      const handler = handlers[actionName as keyof M];
      const data = await handler(parsed.data, ctx);
      return { ok: true, data, requestId };
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.details);
      log.error('unhandled error', {
        requestId,
        fn,
        action: actionName,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      return fail('INTERNAL', MESSAGES.internal(requestId));
    }
  };
}

/**
 * An action's limit as this deployment sets it: `TXY_RATE_LIMIT_FACTOR` (a function environment
 * variable, default 1) multiplies the contract's `max` — a county may loosen it; the tests that
 * make hundreds of cases as one demo user do.
 */
function scaled(limit: Limit): Limit {
  const factor = Number(process.env.TXY_RATE_LIMIT_FACTOR ?? 1);
  return Number.isFinite(factor) && factor > 0 ? { ...limit, max: Math.ceil(limit.max * factor) } : limit;
}

function isCallEvent(event: unknown): event is { action: string; payload?: unknown } {
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof (event as { action?: unknown }).action === 'string' &&
    ((event as { payload?: unknown }).payload === undefined ||
      (typeof (event as { payload?: unknown }).payload === 'object' &&
        (event as { payload?: unknown }).payload !== null))
  );
}

/** What a scheduled job receives: no caller, only the time and the database. */
export type JobContext = CallContext & { openid: 'system'; user: null; job: true };

/** A scheduled job: what it does and when it is due (jobRuns.ts). */
export interface Job {
  run: (ctx: JobContext) => Promise<unknown>;
  at: Slot;
}

/** The name of a scheduled function's one timer trigger (config.json). */
export const TICK = 'tick';
/** A tick starts no job after this long (the function's timeout is 60 s): the rest run at the next tick. */
const TICK_BUDGET_MS = 40_000;

/**
 * The router of timer-triggered functions. CloudBase gives a function one timer trigger; it
 * calls it with `{ Type: 'Timer', TriggerName }`, no user and `TRIGGER_SRC=timer` in the
 * environment; any other call (from a mini-program, the h5 gateway, another function) is
 * refused, whatever its event says. Each tick runs, in the order given, every job whose latest
 * slot is after its last run (collection `jobRuns`): a job missed while the service was down —
 * one or many of its slots — runs once at the next tick. A daily job never run before gets its
 * first record instead (a new deployment does not run every daily job at its first tick).
 */
export function createScheduledFunction(fn: string, jobs: Record<string, Job>) {
  return async function main(event: unknown, context?: ScfContext): Promise<Envelope<unknown>> {
    const requestId = context?.request_id ?? context?.requestId ?? randomUUID();
    const { OPENID } = getCloud().getWXContext();
    const trigger = (event as { Type?: unknown; TriggerName?: unknown } | null) ?? {};
    // CloudBase sets TRIGGER_SRC=timer only in an invocation of a timer trigger; an event that
    // merely looks like one (from callFunction, the console, another function) is refused.
    const fromTimer = process.env.TRIGGER_SRC === 'timer';
    if (!fromTimer || OPENID || trigger.Type !== 'Timer' || typeof trigger.TriggerName !== 'string') {
      return { ok: false, error: { code: 'FORBIDDEN', message: '定时任务只能由定时触发器调用' }, requestId };
    }
    if (trigger.TriggerName !== TICK)
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `没有定时触发器 ${trigger.TriggerName}` },
        requestId,
      };
    const started = Date.now();
    const ran: Record<string, unknown> = {};
    const left: string[] = [];
    const failed: string[] = [];
    const ctx: JobContext = { requestId, openid: 'system', user: null, db: getDb(), now: now(), job: true };
    let last: Map<string, number>;
    try {
      last = await lastRuns(
        ctx,
        Object.keys(jobs).map((n) => `${fn}.${n}`),
      );
    } catch (err) {
      log.error('job runs unreadable', { requestId, fn, error: String((err as Error)?.stack ?? err) });
      return { ok: false, error: { code: 'INTERNAL', message: MESSAGES.internal(requestId) }, requestId };
    }
    for (const [name, job] of Object.entries(jobs)) {
      const id = `${fn}.${name}`;
      const lastAt = last.get(id);
      try {
        if (lastAt === undefined && 'dailyAt' in job.at) {
          await recordRun(ctx, id);
          continue;
        }
        if (lastAt !== undefined && lastAt >= latestSlot(job.at, ctx.now).getTime()) continue;
        if (Date.now() - started > TICK_BUDGET_MS) {
          left.push(name);
          continue;
        }
        const at = now();
        ran[name] = await job.run({ ...ctx, now: at });
        await recordRun({ db: ctx.db, now: at }, id);
        log.info('job done', { requestId, fn, job: name, result: ran[name] });
      } catch (err) {
        // Not recorded as run: it runs again at the next tick. The other jobs go on.
        failed.push(name);
        log.error('job failed', { requestId, fn, job: name, error: String((err as Error)?.stack ?? err) });
      }
    }
    if (failed.length > 0)
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `${MESSAGES.internal(requestId)}（${failed.join('、')}）` },
        requestId,
      };
    return { ok: true, data: { ran, left }, requestId };
  };
}
