/**
 * The page sweep: a person's walk through every page they can reach, and what they would see on
 * each. `walk` starts on the four tabs and taps everything that can be tapped on each page (the
 * first item of each list), following every tap that opens a page and coming back, like someone
 * going through the app; `inspect` reads a page as that person would (see the issue on the sweep).
 * Writes never reach the server: the sweep only reads, so every user's walk sees the seed as it is
 * and a tap on 通过 or 提交 fails as a dropped network would (which the page must survive).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './browser';
import { readabilityInPage } from './readability';

/** Actions that only read: the sweep lets these through and drops every other call. */
export const READ_ACTIONS = new Set([
  'me',
  'myGrid',
  'myReports',
  'workbench',
  'reportQueue',
  'communityMembers',
  'unitMembers',
  'findUsers',
  'messages',
  'unreadCount',
  'mine',
  'detail',
  'gridQueue',
  'communityQueue',
  'deptInbox',
  'metrics',
  'metricsTrend',
  'communities',
  'community',
  'units',
  'departments',
  'stations',
  'places',
  'gridCards',
  'householdPairs',
  'pairMembers',
  'propertyCompanies',
  'entry',
  // cobuild: lists
  'needs',
  'need',
  'resources',
  'resource',
  'matches',
  'projects',
  'project',
  'publicProjects',
  'publicProject',
  'agreements',
  'counts',
  'countyOverview',
  // cobuild: lists (end)
  'audit',
  'activities',
  'activity',
  'attendees',
  'checkInCode',
  'recordQueue',
  'myYear',
  'tally',
  'overview',
  'progress',
  'reviewQueue',
  'hall',
  'myClaims',
  'awaitingConfirmation',
  'roleHolders',
  'rota',
  'meetings',
  'meeting',
  'decisions',
  'propertyQueue',
  'propertyRatingStatus',
  'propertyStats',
  // 督导 (a first look may count the quarter: a write the reader never sees).
  'ranking',
  'halfYear',
  'report',
  'rules',
  'quarterReport',
]);

/** Latin words a resident may read (anything else in Latin letters is a system term or an id). */
export const LATIN_ALLOWED = new Set(['QR']);
/** The practice's own terms written with Latin letters (explained where they first appear). */
export const PRACTICE_TERMS = ['1+1带N'];

/** Taps that would leave the walk (another identity, the phone app, a map). */
const NEVER_TAP = /切换演示身份|退出登录|拨打|导航/;

export interface Finding {
  url: string;
  what: string;
}

export interface Visit {
  url: string;
  screenshot: string;
}

/** Installed in every page of a sweep phone before the app's own scripts. */
export function sweepInitScript(reads: string[]): string {
  // (\`__name\`: what some TypeScript runners wrap nested functions in; the page functions below have them.)
  return `window.__name = (f) => f;
  (() => {
    const reads = new Set(${JSON.stringify(reads)});
    const original = window.fetch.bind(window);
    window.__sweep = { inflight: 0, calls: [], blocked: [] };
    window.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input.url;
      const fn = url.includes('/api/functions/') ? decodeURIComponent(url.split('/api/functions/')[1]) : null;
      let action = null;
      if (fn) {
        try { action = JSON.parse(init && init.body).action; } catch (e) { action = null; }
        if (!reads.has(action)) {
          window.__sweep.blocked.push({ call: fn + '.' + action, at: Date.now() });
          throw new TypeError('Failed to fetch');
        }
      }
      window.__sweep.inflight++;
      try {
        const res = await original(input, init);
        if (fn) {
          const body = await res.clone().json().catch(() => null);
          window.__sweep.calls.push({ call: fn + '.' + action, status: res.status, ok: body && body.ok, code: body && body.error && body.error.code, hash: location.hash, at: Date.now() });
        } else if (res.status >= 400) {
          window.__sweep.calls.push({ call: url, status: res.status, ok: false, hash: location.hash, at: Date.now() });
        }
        return res;
      } finally {
        window.__sweep.inflight--;
      }
    };
  })();`;
}

/** The page on screen (the h5 router keeps earlier pages, hidden, in the document). */
const SHOWN = '.taro_page.taro_page_show:not(.taro_page_shade)';
const ROOT_JS = `(() => { const all = [...document.querySelectorAll('${SHOWN}')].filter((p) => p.checkVisibility()); return all[all.length - 1] || null; })()`;

/** Waits until no call is on its way and the loading line is gone (at most `ms`). */
export async function settle(page: Page, ms = 8000): Promise<void> {
  await page.waitForTimeout(200);
  await page
    .waitForFunction(
      `(() => { const root = ${ROOT_JS}; return root && window.__sweep && window.__sweep.inflight === 0 && ![...root.querySelectorAll('.loading-line')].some((e) => e.checkVisibility()) && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity); })()`,
      undefined,
      { timeout: ms, polling: 100 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

/** What a person reads wrongly on the page on screen; runs in the page. */
export function inspectInPage([shown, latinAllowed, terms]: [string, string[], string[]]): string[] {
  const found: string[] = [];
  const all = [...document.querySelectorAll<HTMLElement>(shown)].filter((p) => p.checkVisibility());
  const root = all[all.length - 1];
  if (!root) return ['no page on screen'];
  const allowed = new Set(latinAllowed);
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent?.trim();
    if (t && n.parentElement?.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) texts.push(t);
  }
  for (const input of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    if (!input.checkVisibility()) continue;
    if (input.value) texts.push(input.value);
    if (input.placeholder) texts.push(input.placeholder);
  }
  const title = document.querySelector('.taro-navigation-bar-title, .taro-navigation-bar__title');
  if (title?.textContent?.trim()) texts.push(title.textContent.trim());
  const bad: [RegExp, string][] = [
    [/\bundefined\b/, 'undefined'],
    [/\bNaN\b/, 'NaN'],
    [/\bnull\b/, 'null'],
    [/\[object \w+\]/, '[object …]'],
    [/Invalid Date/, 'Invalid Date'],
    [/\d{4}-\d{2}-\d{2}/, 'a raw ISO date'],
    [/\d{2}:\d{2}:\d{2}/, 'a raw time with seconds'],
  ];
  for (const t of texts) {
    for (const [re, what] of bad) if (re.test(t)) found.push(`shows ${what}: 「${t.slice(0, 60)}」`);
    const plain = terms.reduce((s, term) => s.split(term).join(' '), t);
    for (const word of plain.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? [])
      if (!allowed.has(word)) found.push(`shows a Latin word or id "${word}": 「${t.slice(0, 60)}」`);
  }
  // Text cut off or spilling out of its box (an ellipsis or a line clamp is a choice, not a defect).
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    const own = [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent?.trim());
    if (!own || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'contents') continue;
    if (/(auto|scroll)/.test(style.overflowX + style.overflowY)) continue;
    const clamped = (e: HTMLElement | null, depth: number): boolean => {
      if (!e || depth > 2) return false;
      const s = getComputedStyle(e);
      return (
        s.textOverflow === 'ellipsis' ||
        (s.webkitLineClamp !== 'none' && s.webkitLineClamp !== '') ||
        clamped(e.parentElement, depth + 1)
      );
    };
    // Spilling out of the box it sits in (a tag smaller than its text).
    const box = el.parentElement;
    if (box && box !== root) {
      // The glyphs' box (a line box taller than its button is not a spill; letters outside a tag are).
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      const bs = getComputedStyle(box);
      if (
        bs.display !== 'inline' &&
        !/(auto|scroll)/.test(bs.overflowX + bs.overflowY) &&
        (r.bottom > b.bottom + 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.left < b.left - 1)
      )
        found.push(
          `text spills out of its box (${Math.round(r.width)}×${Math.round(r.height)} in ${Math.round(b.width)}×${Math.round(b.height)}): 「${el.textContent?.trim().slice(0, 40)}」 .${String(box.className).split(' ')[0]}`,
        );
    }
    const wide = el.scrollWidth > el.clientWidth + 1;
    const tall = el.scrollHeight > el.clientHeight + 2;
    if ((wide || tall) && el.clientWidth > 0 && !clamped(el, 0))
      found.push(
        `text ${wide ? 'wider' : 'taller'} than its box (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}): 「${el.textContent?.trim().slice(0, 40)}」 .${String(el.className).split(' ')[0]}`,
      );
  }
  // An empty list says why it is empty.
  for (const list of root.querySelectorAll<HTMLElement>('[class*="__list"]')) {
    if (!/__list(\s|$)/.test(String(list.className)) || !list.checkVisibility()) continue;
    const items = [...list.children].filter((c) => (c as HTMLElement).checkVisibility());
    const empty = [...root.querySelectorAll<HTMLElement>('.empty-state')].some(
      (e) => e.checkVisibility() && (e.textContent ?? '').trim().length > 0,
    );
    if (!items.length && !empty) found.push(`an empty list without a word on why: .${String(list.className)}`);
  }
  if ((root.innerText ?? '').replace(/\s/g, '').length < 4) found.push('a blank page');
  return [...new Set(found)];
}

/** Calls, console errors and page errors the sweep saw, by page. */
interface Watch {
  errors: { text: string; at: number }[];
}

export function watch(page: Page): Watch {
  const w: Watch = { errors: [] };
  page.on('pageerror', (e) => w.errors.push({ text: `page error: ${e.message}`, at: Date.now() }));
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push({ text: `console error: ${m.text()}`, at: Date.now() });
  });
  return w;
}

const hashOf = (page: Page) => page.evaluate(() => location.hash.replace(/^#/, '') || '/pages/index/index');
const pathOf = (url: string) => url.split('?')[0];

interface Candidate {
  id: number;
  group: string;
  sig: string;
  text: string;
}

/** What can be tapped on the page on screen, each marked `data-sweep` for the tap. */
function tappablesInPage(shown: string): Candidate[] {
  const all = [...document.querySelectorAll<HTMLElement>(shown)].filter((p) => p.checkVisibility());
  const root = all[all.length - 1];
  if (!root) return [];
  const out: Candidate[] = [];
  const classes = (e: Element) =>
    String(e.className)
      .split(/\s+/)
      .filter((c) => c && !c.includes('--') && !/^(nut-.*-(active|selected|disabled)|active)$/.test(c))
      .join('.');
  // Earlier pages stay in the document, marked by earlier looks.
  for (const old of document.querySelectorAll('[data-sweep]')) old.removeAttribute('data-sweep');
  let id = 0;
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    const events = (el as unknown as { __events?: Record<string, unknown[]> }).__events;
    const listens = events && Object.keys(events).some((k) => /^(click|tap)$/.test(k) && events[k]?.length);
    const native = el.matches('button, a[href]');
    if (!listens && !native) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 4 || r.height < 4) continue;
    const chain: string[] = [];
    for (let e: Element | null = el; e && e !== root && chain.length < 4; e = e.parentElement)
      chain.push(`${e.tagName.toLowerCase()}.${classes(e)}`);
    const group = chain.reverse().join('>');
    const text = (el.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
    el.setAttribute('data-sweep', String(id));
    out.push({ id: id++, group, sig: `${group}|${text}`, text });
  }
  return out;
}

/** Something covering the page (a sheet, a picker, a dialog), other than the page itself. */
const OVERLAY_JS = `(() => { const all = [...document.querySelectorAll('${SHOWN}')].filter((p) => p.checkVisibility()); const root = all[all.length - 1]; const e = document.elementFromPoint(innerWidth / 2, innerHeight / 2); return !!(root && e && !root.contains(e) && !e.closest('.taro-tabbar__container')); })()`;

export interface WalkResult {
  visits: Visit[];
  findings: Finding[];
  taps: number;
}

/**
 * Walks everything `page` (signed in, on 首页) can reach from the four tabs, depth first, inspecting
 * each page once per address (at most `perPath` addresses of one page); `name` names its screenshots.
 */
export async function walk(
  page: Page,
  base: string,
  name: string,
  opts: { perPath?: number; maxDepth?: number; maxTapsPerPage?: number; large?: boolean } = {},
): Promise<WalkResult> {
  const perPath = opts.perPath ?? 2;
  const maxDepth = opts.maxDepth ?? 5;
  const maxTaps = opts.maxTapsPerPage ?? 40;
  const w = watch(page);
  const inspected = new Set<string>();
  const byPath = new Map<string, number>();
  const result: WalkResult = { visits: [], findings: [], taps: 0 };
  const dir = path.join(ARTIFACTS, 'sweep', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tabs = ['/pages/index/index', '/pages/wishes/index', '/pages/cases/index', '/pages/mine/index'];

  const open = async (url: string) => {
    await page.goto(`${base}/#${url}`);
    await page.reload();
    await settle(page);
  };

  /** Reads the page on screen once: calls it made, errors, what it shows; keeps a screenshot. */
  const look = async (url: string, since: number) => {
    if (inspected.has(url)) return;
    inspected.add(url);
    await settle(page);
    const found = await page.evaluate(inspectInPage, [SHOWN, [...LATIN_ALLOWED], PRACTICE_TERMS] as [
      string,
      string[],
      string[],
    ]);
    // 适老化: contrast in both modes; sizes, line height and tap targets in 大字模式.
    found.push(...(await page.evaluate(readabilityInPage, [SHOWN, opts.large ?? false] as [string, boolean])));
    const calls = await page.evaluate(
      (t) =>
        (
          window as unknown as {
            __sweep: { calls: { call: string; status: number; ok: boolean; code?: string; at: number }[] };
          }
        ).__sweep.calls.filter((c) => c.at >= t),
      since,
    );
    for (const c of calls)
      if (c.status >= 400 || c.ok === false) found.push(`call ${c.call} answered ${c.status} ${c.code ?? ''}`.trim());
    for (const e of w.errors) if (e.at >= since) found.push(e.text);
    for (const what of found) result.findings.push({ url, what });
    const file = path.join(
      dir,
      `${String(result.visits.length + 1).padStart(2, '0')}-${url
        .replace(/^\//, '')
        .replace(/[^a-z0-9]+/gi, '_')
        .slice(0, 80)}.png`,
    );
    await page.screenshot({ path: file, fullPage: true });
    result.visits.push({ url, screenshot: file });
  };

  /** Back on `url` after visiting another page (history first; a fresh load when that fails). */
  const comeBack = async (url: string, viaHistory: boolean) => {
    if (viaHistory) {
      await page.evaluate(() => history.back());
      const ok = await page
        .waitForFunction((u) => (location.hash.replace(/^#/, '') || '/pages/index/index') === u, url, { timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (ok) {
        await settle(page, 4000);
        if (await page.evaluate(ROOT_JS)) return;
      }
    }
    await open(url);
  };

  const explore = async (url: string, depth: number, since: number): Promise<void> => {
    await look(url, since);
    if (depth >= maxDepth) return;
    const tapped = new Set<string>();
    const closed = new Set<string>();
    const groupPaths = new Map<string, Set<string>>();
    for (let i = 0; i < maxTaps; i++) {
      if ((await hashOf(page)) !== url) await open(url);
      const candidates = await page.evaluate(tappablesInPage, SHOWN);
      // Last on the page first: lists and actions before the tabs, filters and role tags above them
      // (whose taps change what the rest of the page shows).
      const next = [...candidates]
        .reverse()
        .find((c) => !tapped.has(c.sig) && !closed.has(c.group) && !NEVER_TAP.test(c.text));
      if (!next) {
        if (process.env.SWEEP_DEBUG)
          console.log(
            `${name} ${url} done: ${candidates.length} candidates, hash ${await hashOf(page)}`,
            await page.evaluate(
              (sel) =>
                [...document.querySelectorAll(sel)].map(
                  (p) =>
                    `${p.id} ${p.className} ${(p as HTMLElement).checkVisibility()} ${p.querySelectorAll('[data-sweep]').length}`,
                ),
              SHOWN,
            ),
          );
        break;
      }
      tapped.add(next.sig);
      result.taps++;
      const tapAt = Date.now();
      const errorsBefore = w.errors.length;
      await page
        .locator(`[data-sweep="${next.id}"]`)
        .tap({ timeout: 2000 })
        .catch(() => undefined);
      // A subscribe sheet (staff opening a queue) is answered 允许, as most people do.
      let to = await page
        .waitForFunction(
          (u) =>
            (location.hash.replace(/^#/, '') || '/pages/index/index') !== u ||
            !!document.querySelector('.txy-subscribe'),
          url,
          {
            timeout: 450,
          },
        )
        .then(() => hashOf(page))
        .catch(() => url);
      if (to === url && (await page.locator('.txy-subscribe').count())) {
        await page.locator('.txy-subscribe__ok').tap();
        to = await page
          .waitForFunction((u) => (location.hash.replace(/^#/, '') || '/pages/index/index') !== u, url, {
            timeout: 1500,
          })
          .then(() => hashOf(page))
          .catch(() => url);
      }
      if (to === url) {
        if (process.env.SWEEP_DEBUG) console.log(`${name} ${url} tap 「${next.text}」 ${next.group} (stays)`);
        // Errors a tap causes count only when no dropped write explains them.
        const blocked = await page.evaluate(
          (t) =>
            (window as unknown as { __sweep: { blocked: { at: number }[] } }).__sweep.blocked.some((b) => b.at >= t),
          tapAt,
        );
        for (const e of w.errors.slice(errorsBefore))
          if (!blocked || e.text.startsWith('page error'))
            result.findings.push({ url, what: `after tapping 「${next.text}」: ${e.text}` });
        if (await page.evaluate(OVERLAY_JS)) {
          await page.keyboard.press('Escape').catch(() => undefined);
          await page.waitForTimeout(300);
          if (await page.evaluate(OVERLAY_JS)) await open(url);
        }
        continue;
      }
      if (process.env.SWEEP_DEBUG) console.log(`${name} ${url} tap 「${next.text}」 ${next.group} → ${to}`);
      const p = pathOf(to);
      const seen = groupPaths.get(next.group) ?? new Set<string>();
      groupPaths.set(next.group, seen);
      const isTab = tabs.includes(p);
      if (seen.has(p))
        closed.add(next.group); // a list: its first item was followed already
      else if (!isTab && !inspected.has(to) && (byPath.get(p) ?? 0) < perPath) {
        seen.add(p);
        byPath.set(p, (byPath.get(p) ?? 0) + 1);
        await explore(to, depth + 1, tapAt);
      } else {
        seen.add(p);
        // Going back while the page still slides in leaves the router with no page shown.
        await settle(page, 3000);
      }
      await comeBack(url, !isTab);
    }
  };

  for (const tab of tabs) {
    const since = Date.now();
    await open(tab);
    await explore(tab, 0, since);
  }
  return result;
}
