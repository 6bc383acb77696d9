import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-call WeChat context. CloudBase gives each invocation its own process environment
 * (WX_OPENID, WX_APPID …) which `cloud.getWXContext()` reads at call time. In `source` mode
 * (tests) many calls share this process, so `process.env` is wrapped once: inside a call, the
 * call's own variables win; everywhere else the real environment shows through. (`bundle` mode
 * runs each call in an instance of its own, emulator/functions/runner.cjs.)
 */
const callEnv = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  const own = (k: string | symbol) => {
    const s = callEnv.getStore();
    return s && typeof k === 'string' && Object.prototype.hasOwnProperty.call(s, k) ? s : undefined;
  };
  process.env = new Proxy(base, {
    get: (t, k) => (own(k) ? own(k)![k as string] : Reflect.get(t, k)),
    // Writes go to the real environment (a call's own variables are read-only for it).
    set: (t, k, v) => Reflect.set(t, k, v),
    deleteProperty: (t, k) => Reflect.deleteProperty(t, k),
    defineProperty: (t, k, d) => Reflect.defineProperty(t, k, d),
    has: (t, k) => Boolean(own(k)) || Reflect.has(t, k),
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...Object.keys(callEnv.getStore() ?? {})])],
    getOwnPropertyDescriptor: (t, k) => {
      const s = own(k);
      return s
        ? { value: s[k as string], writable: true, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(t, k);
    },
  });
}

export interface WxIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** TCB_SOURCE as CloudBase sets it: `wx_client` for mini-program calls, `wx_devtools`, `timer` … */
  source?: string;
  clientIp?: string;
}

/**
 * The variables CloudBase sets in a function's environment for one invocation: the caller's
 * WeChat identity (what `cloud.getWXContext()` reads) and the trigger source.
 */
export function wxContextVars(identity: WxIdentity): Record<string, string> {
  return {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    WX_OPENID: identity.openid ?? '',
    WX_APPID: identity.appid ?? 'wx-local-app',
    WX_UNIONID: identity.unionid ?? '',
    WX_CLIENTIP: identity.clientIp ?? '127.0.0.1',
    TCB_SOURCE: identity.source ?? 'wx_client',
  };
}

/**
 * Runs `fn` (a call in this process) with the call's own environment: `env` (the function's
 * environment variables, emulator/functions/env.ts) and the caller's WeChat context over it.
 */
export function withWxContext<T>(
  identity: WxIdentity,
  fn: () => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  install();
  return callEnv.run({ ...env, ...wxContextVars(identity) }, fn);
}
