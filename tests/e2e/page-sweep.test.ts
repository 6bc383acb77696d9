/**
 * The page sweep: every demo user walks every page they can reach from the UI (the first item of
 * every list included) in a phone-sized browser, and each page is read as a person reads it — no
 * error, no failed call, no `undefined`, raw date, id or system word, no text spilling out of its
 * box, no empty list without a word on why (tests/helpers/sweep.ts). Pages come from
 * src/app.config.ts: a page no demo user reaches fails the last test until some user can reach it.
 * Screenshots: test-artifacts/e2e/sweep/<user>/. Then once more in 大字模式.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, signInAs } from '../helpers/browser';
import { startServer, type DemoUser, type RunningServer } from '../helpers/server';
import { READ_ACTIONS, sweepInitScript, walk, type WalkResult } from '../helpers/sweep';

jest.setTimeout(40 * 60_000);

/** Every page of the app, from its config (the dev picker is where a visitor starts). */
function appPages(): string[] {
  (globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  const config = require('../../src/app.config').default as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
  };
  return [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))].map(
    (p) => `/${p}`,
  );
}

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let users: DemoUser[];
const walks = new Map<string, WalkResult>();
const large = new Map<string, WalkResult>();

/** Runs `fn` on each item, `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await fn(item);
    }),
  );
}

/** 大字模式 walks fewer levels: it is there for sizes, which the first walk's pages share. */
async function sweep(b: Browser, user: DemoUser, largeText: boolean): Promise<WalkResult> {
  const init =
    sweepInitScript([...READ_ACTIONS]) +
    (largeText ? `localStorage.setItem('txy.largeText', JSON.stringify({ data: true }));` : '');
  const page = await signInAs(b, server.url, user, init);
  try {
    return await walk(
      page,
      server.url,
      `${largeText ? 'large-' : ''}${user.openid}`,
      largeText ? { maxDepth: 2, perPath: 1, large: true } : {},
    );
  } finally {
    await page.context().close();
  }
}

beforeAll(async () => {
  process.env.TARO_ENV = 'h5';
  server = await startServer();
  browser = await launchBrowser();
  users = await server.demoUsers();
  const started = Date.now();
  await pool(users, 3, async (u) => void walks.set(u.openid, await sweep(browser.browser, u, false)));
  await pool(users, 3, async (u) => void large.set(u.openid, await sweep(browser.browser, u, true)));
  const taps = [...walks.values(), ...large.values()].reduce((n, w) => n + w.taps, 0);
  const visits = [...walks.values(), ...large.values()].reduce((n, w) => n + w.visits.length, 0);
  console.log(`sweep: ${visits} page visits, ${taps} taps in ${Math.round((Date.now() - started) / 1000)} s`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DEMO = [
  'demo-resident',
  'demo-resident-2',
  'demo-member',
  'demo-member-pending',
  'demo-grid-worker',
  'demo-secretary',
  'demo-department',
  'demo-unit-admin',
  'demo-county-admin',
  'demo-multi',
  'demo-property',
];

const report = (w: WalkResult | undefined) => (w?.findings ?? []).map((f) => `${f.url}: ${f.what}`);

test.each(DEMO)('%s: every page reached reads cleanly', (openid) => {
  expect(users.map((u) => u.openid)).toContain(openid);
  const w = walks.get(openid)!;
  expect(w.visits.length).toBeGreaterThan(4);
  expect(report(w)).toEqual([]);
});

test.each(DEMO)('%s in 大字模式: every page reached reads cleanly', (openid) => {
  expect(report(large.get(openid))).toEqual([]);
});

test('every page of app.config.ts is reached from the UI by some demo user', () => {
  const reached = new Set([...walks.values()].flatMap((w) => w.visits.map((v) => v.url.split('?')[0])));
  // The picker is where every visitor starts (the walk begins after it).
  reached.add('/packages/dev/pages/pick/index');
  expect(appPages().filter((p) => !reached.has(p))).toEqual([]);
});
