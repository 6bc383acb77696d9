/**
 * Runs pages of the built weapp (dist/) in jsdom with miniprogram-simulate and the official
 * `wcc` template compiler, so ui tests see what the mini-program renders.
 *
 * Recipe (see TOOLCHAIN.md "Tests"): `wx.cloud` is set before dist/app.js loads so Taro's
 * `Taro.cloud` is it; `App()` is captured and its `onLaunch` called; `Page()` becomes a
 * `Component()` whose `attached` runs `onLoad`/`onShow`; `getCurrentPages()` answers the page.
 * Each `loadPage` starts a fresh app (own module registry: Taro runtime, stores) so tests do not
 * share a session. Nothing is built here: run `npm run build:weapp` first. tests/helpers/weapp-cloud.ts
 * pairs pages with the local cloud.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DIST = path.resolve(__dirname, '..', '..', 'dist');

/** What the app's cloud client calls; tests route it to the real functions (see localCloud). */
export interface CloudShim {
  init?(options?: unknown): void;
  callFunction(options: { name: string; data: unknown }): Promise<{ result: unknown }>;
}

/** The part of a j-component node the harness uses. */
export interface SimNode {
  readonly dom: HTMLElement;
  readonly instance: Record<string, unknown>;
  readonly data: Record<string, unknown>;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  attach(parent: Element): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options?: { rootPath?: string; compiler?: 'official' | 'simulate' }): string;
  render(id: string, properties?: Record<string, unknown>): SimNode;
}

interface AppOptions {
  onLaunch?(this: AppOptions, options: unknown): void;
  onShow?(this: AppOptions, options: unknown): void;
}

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };
type Lifecycle = (this: Record<string, unknown>, ...args: unknown[]) => void;

export interface LoadedPage {
  page: SimNode;
  /** All text the page shows, whitespace collapsed. */
  text(): string;
  /** Whether the first element matching `selector` exists and no inline `display: none` hides it. */
  visible(selector: string): boolean;
  /** Whether an element matches `selector` (shown or not). */
  has(selector: string): boolean;
  /** Taps the first element matching a class/id selector (e.g. `.home__area--station`). */
  tap(selector: string): Promise<void>;
  /** Types into the input or textarea matching `selector` as WeChat reports it: an `input` event with the whole value. */
  type(selector: string, value: string): void;
  /** Resolves when `predicate` holds; rejects with the page text after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  waitForText(fragment: string, timeoutMs?: number): Promise<void>;
  /** wx storage of this app (Map-backed; wx.setStorageSync writes here). */
  storage: Map<string, unknown>;
  /** Calls made to wx APIs the harness records: showToast, switchTab, navigateTo, reLaunch, tab badges, calls, maps opened. */
  navigation: Array<{ api: string; options: unknown }>;
  /** Every wx.requestSubscribeMessage call: the template ids asked for, in order. */
  subscribeRequests: string[][];
  close(): void;
}

const g = globalThis as unknown as Record<string, unknown>;

export function assertBuilt(): void {
  if (!existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(
      `ui tests need the weapp build: ${path.join(DIST, 'app.js')} is missing. Run \`npm run build:weapp\` first.`,
    );
  }
}

/**
 * Launches the app with `cloud` as wx.cloud and renders `route` (e.g. 'pages/index/index').
 * `storage` pre-fills wx storage (e.g. `{ 'txy.largeText': true }`).
 */
/** What the user answers in WeChat's subscribe sheet for each template id asked for. */
export type SubscribeAnswerer = (tmplIds: string[]) => Record<string, 'accept' | 'reject'>;

export async function loadPage(
  route: string,
  cloud: CloudShim,
  options: {
    query?: Record<string, string>;
    storage?: Record<string, unknown>;
    subscribe?: SubscribeAnswerer;
    /** wx APIs answered otherwise than miniprogram-simulate's mocks (e.g. `getAppBaseInfo`). */
    wx?: Record<string, unknown>;
  } = {},
): Promise<LoadedPage> {
  assertBuilt();
  const query = options.query ?? {};
  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const navigation: LoadedPage['navigation'] = [];
  const subscribeRequests: string[][] = [];
  let page!: SimNode;

  jest.isolateModules(() => {
    // A fresh wx for this app; miniprogram-simulate merges its API mocks into it when required.
    g.wx = { cloud: { init() {}, ...cloud, callFunction: asDelivered(cloud) } };
    const simulate = require('miniprogram-simulate') as Simulate;
    patchWx(g.wx as Record<string, unknown>, storage, navigation);
    patchSubscribe(g.wx as Record<string, unknown>, subscribeRequests, options.subscribe);
    patchOpenLocation(g.wx as Record<string, unknown>, navigation);
    (g.wx as Record<string, unknown>).chooseLocation = chooseLocationAnswering('cancel');
    Object.assign(g.wx as Record<string, unknown>, options.wx);

    let app: AppOptions | undefined;
    g.App = (opts: AppOptions) => {
      app = opts;
    };
    g.getApp = () => app ?? {};
    let current: Record<string, unknown> | undefined;
    g.getCurrentPages = () => (current ? [current] : []);
    const SimComponent = g.Component as (definition: Record<string, unknown>) => void;
    g.Page = (opts: PageOptions) => {
      const methods: Record<string, unknown> = {};
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(opts)) {
        if (key === 'data') continue;
        if (typeof value === 'function') methods[key] = value;
        else fields[key] = value;
      }
      const run = (self: Record<string, unknown>, name: string, ...args: unknown[]) =>
        (self[name] as Lifecycle | undefined)?.call(self, ...args);
      SimComponent({
        data: opts.data ?? {},
        methods,
        lifetimes: {
          created(this: Record<string, unknown>) {
            Object.assign(this, fields, { route, __route__: route });
          },
          attached(this: Record<string, unknown>) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias -- getCurrentPages() answers this instance
            current = this;
            run(this, 'onLoad', { ...query });
            run(this, 'onShow');
            run(this, 'onReady');
          },
          detached(this: Record<string, unknown>) {
            run(this, 'onUnload');
            current = undefined;
          },
        },
      });
    };

    require(path.join(DIST, 'app.js'));
    if (!app) throw new Error('dist/app.js did not call App()');
    const launch = { path: route, query, scene: 1001 };
    app.onLaunch?.(launch);
    app.onShow?.(launch);

    const id = simulate.load(path.join(DIST, route), { rootPath: DIST });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
  });

  const text = () => (page.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
  const waitFor = async (predicate: () => boolean, timeoutMs = 3000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms; the page shows: «${text()}»`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    page,
    text,
    waitFor,
    waitForText: (fragment, timeoutMs) => waitFor(() => text().includes(fragment), timeoutMs),
    visible(selector) {
      const node = page.querySelector(selector);
      for (let el: HTMLElement | null = node?.dom ?? null; el; el = el.parentElement) {
        if (el.style?.display === 'none') return false;
      }
      return node !== undefined;
    },
    has: (selector) => page.querySelector(selector) !== undefined,
    async tap(selector) {
      const node = page.querySelector(selector);
      if (!node) throw new Error(`nothing matches ${selector}; the page shows: «${text()}»`);
      node.dispatchEvent('tap');
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    type(selector, value) {
      const node = page.querySelector(selector);
      if (!node) throw new Error(`no ${selector}; the page shows: «${text()}»`);
      node.dispatchEvent('input', { detail: { value, cursor: value.length } });
    },
    storage,
    navigation,
    subscribeRequests,
    close() {
      page.detach();
    },
  };
}

/**
 * wx.cloud.callFunction as the app gets it: the function's answer travels as JSON, so it arrives
 * as plain data. In process it would keep the SDK's own classes (a stored GeoJSON polygon would
 * come back as the SDK's Polygon).
 */
function asDelivered(cloud: CloudShim): CloudShim['callFunction'] {
  return async (options) => {
    const reply = await cloud.callFunction(options);
    const json = JSON.stringify(reply.result);
    return { ...reply, result: json === undefined ? undefined : (JSON.parse(json) as unknown) };
  };
}

/** Storage that keeps what is written, and a record of navigation, toasts, calls and maps opened. */
function patchWx(wx: Record<string, unknown>, storage: Map<string, unknown>, navigation: LoadedPage['navigation']) {
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  for (const api of [
    'showToast',
    'switchTab',
    'navigateTo',
    'reLaunch',
    'redirectTo',
    'setTabBarBadge',
    'removeTabBarBadge',
    'makePhoneCall',
  ]) {
    wx[api] = (opts: { success?: (r: unknown) => void; complete?: (r: unknown) => void } = {}) => {
      navigation.push({ api, options: opts });
      const res = { errMsg: `${api}:ok` };
      opts.success?.(res);
      opts.complete?.(res);
    };
  }
}

/**
 * wx.openLocation as WeChat checks it: latitude and longitude must be numbers (a string fails with
 * WeChat's "parameter error" message) within ±90 / ±180, scale 5–18 when given. Only a map that
 * opened is recorded. (The range message's wording is ours; WeChat's is not documented.)
 */
function patchOpenLocation(wx: Record<string, unknown>, navigation: LoadedPage['navigation']) {
  wx.openLocation = (
    opts: {
      latitude?: unknown;
      longitude?: unknown;
      scale?: unknown;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
      complete?: (r: unknown) => void;
    } = {},
  ) => {
    const typeErrors = (['latitude', 'longitude'] as const)
      .filter((k) => typeof opts[k] !== 'number')
      .map((k) => `parameter.${k} should be Number instead of ${typeName(opts[k])};`);
    let errMsg = typeErrors.length ? `openLocation:fail parameter error: ${typeErrors.join('')}` : null;
    const lat = opts.latitude as number;
    const lng = opts.longitude as number;
    const scale = opts.scale;
    if (!errMsg && (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)))
      errMsg = 'openLocation:fail invalid latitude or longitude';
    if (!errMsg && scale !== undefined && !(typeof scale === 'number' && scale >= 5 && scale <= 18))
      errMsg = 'openLocation:fail invalid scale';
    const res = { errMsg: errMsg ?? 'openLocation:ok' };
    if (errMsg) opts.fail?.(res);
    else {
      navigation.push({ api: 'openLocation', options: opts });
      opts.success?.(res);
    }
    opts.complete?.(res);
  };
}

const typeName = (v: unknown) =>
  v === undefined ? 'Undefined' : v === null ? 'Null' : (typeof v).replace(/^./, (c) => c.toUpperCase());

/** What the user does in WeChat's map picker: picks a place, closes it, or was refused before it opened. */
export type MapAnswer =
  | { name: string; address: string; latitude: number; longitude: number }
  | 'cancel'
  | 'authDeny'
  | 'privacy';

/**
 * wx.chooseLocation answered as WeChat does, asynchronously: the place picked (GCJ-02), or a fail
 * with `chooseLocation:fail cancel` (closed), `chooseLocation:fail auth deny` (location permission
 * refused) or `chooseLocation:fail privacy permission is not authorized` (errno 104, the privacy
 * guide not agreed to). Each call's options (where the map opens) are appended to `calls`.
 * Without one in a test's `wx`, the picker is closed without a choice.
 */
export function chooseLocationAnswering(answer: MapAnswer, calls: unknown[] = []) {
  return (
    opts: {
      latitude?: number;
      longitude?: number;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
      complete?: (r: unknown) => void;
    } = {},
  ) => {
    calls.push({ latitude: opts.latitude, longitude: opts.longitude });
    setTimeout(() => {
      let res: Record<string, unknown>;
      if (answer === 'cancel') res = { errMsg: 'chooseLocation:fail cancel' };
      else if (answer === 'authDeny') res = { errMsg: 'chooseLocation:fail auth deny' };
      else if (answer === 'privacy')
        res = { errMsg: 'chooseLocation:fail privacy permission is not authorized', errno: 104 };
      else {
        res = { errMsg: 'chooseLocation:ok', ...answer };
        opts.success?.(res);
        opts.complete?.(res);
        return;
      }
      opts.fail?.(res);
      opts.complete?.(res);
    }, 0);
  };
}

/**
 * wx.requestSubscribeMessage as WeChat answers it: at most 3 ids (else errCode 20003), each
 * answered by `answer` (default: 允许 all); the answers come back asynchronously, as the sheet does.
 */
function patchSubscribe(wx: Record<string, unknown>, requests: string[][], answer: SubscribeAnswerer = acceptAll) {
  wx.requestSubscribeMessage = (opts: {
    tmplIds: string[];
    success?: (r: unknown) => void;
    fail?: (e: unknown) => void;
    complete?: (r: unknown) => void;
  }) => {
    requests.push([...opts.tmplIds]);
    setTimeout(() => {
      if (opts.tmplIds.length === 0 || opts.tmplIds.length > 3) {
        const err = { errCode: opts.tmplIds.length ? 20003 : 10001, errMsg: 'requestSubscribeMessage:fail' };
        opts.fail?.(err);
        opts.complete?.(err);
        return;
      }
      const res = { errMsg: 'requestSubscribeMessage:ok', ...answer(opts.tmplIds) };
      opts.success?.(res);
      opts.complete?.(res);
    }, 0);
  };
}

const acceptAll: SubscribeAnswerer = (ids) => Object.fromEntries(ids.map((id) => [id, 'accept' as const]));
