/**
 * The ui tests' setup: one seeded local CloudBase per test file (tests/helpers/localCloud), pages
 * of the built weapp opened as a given user with wx.cloud routed to it, and closed after each test.
 * Call `useLocalCloud()` at the top of a test file.
 */
import type { Envelope } from '../../contract';
import { startLocalCloud, type TestCloud } from './localCloud';
import { assertBuilt, loadPage, type CloudShim, type LoadedPage, type SubscribeAnswerer } from './weapp-harness';

/** What the app sends with wx.cloud.callFunction. */
export interface CallEvent {
  action: string;
  payload?: unknown;
}

export interface OpenOptions {
  query?: Record<string, string>;
  storage?: Record<string, unknown>;
  /** Every call the page makes is appended here. */
  calls?: CallEvent[];
  /** The user's answers in the subscribe sheet (default: 允许 all); accepted ones are granted in the local cloud, as WeChat records them. */
  subscribe?: SubscribeAnswerer;
  /** Calls that fail on the way (no network): wx.cloud.callFunction rejects as WeChat's does offline. */
  offline?: (fn: string, event: CallEvent) => boolean;
  /** wx APIs answered otherwise than miniprogram-simulate's mocks, e.g. `{ getAppBaseInfo: () => ({ fontSizeSetting: 24 }) }`. */
  wx?: Record<string, unknown>;
}

export interface UiCloud {
  /** The running local cloud (from `beforeAll` on). */
  readonly local: TestCloud;
  /** Launches the app as `openid` and renders `route` (e.g. 'pages/index/index'). */
  open(route: string, openid: string, options?: OpenOptions): Promise<LoadedPage>;
  /** Calls a function as `openid` directly; resolves with its data, throws with its error. */
  invoke<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T>;
}

export function useLocalCloud(): UiCloud {
  let running: TestCloud | undefined;
  let opened: LoadedPage[] = [];
  /** Calls still on their way (a page's launch reads outlive its test): awaited before the cloud stops. */
  const inFlight = new Set<Promise<unknown>>();
  const settle = async () => {
    // A finished call may start the next (the launch's me, then the unread count): until none is left.
    for (let rounds = 0; rounds < 20; rounds++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (inFlight.size === 0) return;
      await Promise.allSettled([...inFlight]);
    }
  };

  beforeAll(async () => {
    assertBuilt();
    running = await startLocalCloud({ seed: true });
  });
  afterEach(async () => {
    opened.forEach((p) => p.close());
    opened = [];
    await settle();
  });
  afterAll(async () => {
    await settle();
    await running?.stop();
  });

  const local = (): TestCloud => {
    if (!running) throw new Error('the local cloud starts in beforeAll');
    return running;
  };

  /** wx.cloud as the mini-program sees it, every call made as `openid`. */
  const cloudAs = (openid: string, calls?: CallEvent[], offline?: OpenOptions['offline']): CloudShim => ({
    init() {},
    callFunction: ({ name, data }) => {
      calls?.push(data as CallEvent);
      if (offline?.(name, data as CallEvent))
        return Promise.reject(new Error('cloud.callFunction:fail request:fail errcode:-1 cause: network error'));
      const call = local()
        .invoke(name, data as CallEvent, openid)
        .then((result) => ({ result }));
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call)).catch(() => undefined);
      return call;
    },
  });

  return {
    get local() {
      return local();
    },
    async open(route, openid, { calls, subscribe, offline, ...options } = {}) {
      const answer: SubscribeAnswerer = (ids) => {
        const answers = subscribe ? subscribe(ids) : Object.fromEntries(ids.map((id) => [id, 'accept' as const]));
        local().cloud.subscriptions.accept(
          openid,
          ids.filter((id) => answers[id] === 'accept'),
        );
        return answers;
      };
      const page = await loadPage(route, cloudAs(openid, calls, offline), { ...options, subscribe: answer });
      opened.push(page);
      return page;
    },
    async invoke<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T> {
      const reply = (await local().invoke(fn, { action, payload }, openid)) as Envelope<T>;
      if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    },
  };
}
