import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-call WeChat context. CloudBase gives each invocation its own process environment
 * (WX_OPENID, WX_APPID …) which `cloud.getWXContext()` reads at call time. In `source` mode
 * (tests) many calls share this process, so `process.env` is wrapped once: inside a call, the
 * call's own variables win; everywhere else the real environment shows through. (`bundle` mode
 * runs each call in an instance of its own, emulator/functions/runner.cjs.)
 */
/** A call's own variables; `null` hides a variable of the real environment from the call. */
const callEnv = new AsyncLocalStorage<Record<string, string | null>>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  const own = (k: string | symbol) => {
    const s = callEnv.getStore();
    return s && typeof k === 'string' && Object.prototype.hasOwnProperty.call(s, k) ? s : undefined;
  };
  const hidden = (s: Record<string, string | null>) =>
    new Set(Object.keys(s).filter((k) => s[k] === null) as Array<string | symbol>);
  process.env = new Proxy(base, {
    get: (t, k) => (own(k) ? (own(k)![k as string] ?? undefined) : Reflect.get(t, k)),
    // Writes go to the real environment (a call's own variables are read-only for it).
    set: (t, k, v) => Reflect.set(t, k, v),
    deleteProperty: (t, k) => Reflect.deleteProperty(t, k),
    defineProperty: (t, k, d) => Reflect.defineProperty(t, k, d),
    has: (t, k) => (own(k) ? own(k)![k as string] !== null : Reflect.has(t, k)),
    ownKeys: (t) => {
      const s = callEnv.getStore() ?? {};
      const gone = hidden(s);
      return [...new Set([...Reflect.ownKeys(t), ...Object.keys(s)])].filter((k) => !gone.has(k));
    },
    getOwnPropertyDescriptor: (t, k) => {
      const s = own(k);
      if (!s) return Reflect.getOwnPropertyDescriptor(t, k);
      const value = s[k as string];
      return value === null ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

export interface WxIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** TCB_SOURCE as CloudBase sets it: `wx_client` for mini-program calls, `wx_devtools`, `wx_trigger` … */
  source?: string;
  clientIp?: string;
  /**
   * `timer`: the invocation comes from a timer trigger, and CloudBase sets `TRIGGER_SRC=timer` in
   * its environment (@cloudbase/node-sdk reads it). Only the scheduler passes it; any other call
   * runs with TRIGGER_SRC removed, whatever the host's environment holds.
   */
  trigger?: 'timer';
}

/**
 * The variables CloudBase sets in a function's environment for one invocation: the caller's
 * WeChat identity (what `cloud.getWXContext()` reads) and the trigger source. `null` = unset.
 */
export function wxContextVars(identity: WxIdentity): Record<string, string | null> {
  return {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    WX_OPENID: identity.openid ?? '',
    WX_APPID: identity.appid ?? 'wx-local-app',
    WX_UNIONID: identity.unionid ?? '',
    WX_CLIENTIP: identity.clientIp ?? '127.0.0.1',
    TCB_SOURCE: identity.source ?? 'wx_client',
    TRIGGER_SRC: identity.trigger === 'timer' ? 'timer' : null,
  };
}

/**
 * Runs `fn` (a call in this process) with the call's own environment: `env` (the function's
 * environment variables, emulator/functions/env.ts, and the call's session token) and the
 * caller's WeChat context over it.
 */
export function withWxContext<T>(
  identity: WxIdentity,
  fn: () => Promise<T>,
  env: Record<string, string | null> = {},
): Promise<T> {
  install();
  return callEnv.run({ ...env, ...wxContextVars(identity) }, fn);
}
