import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/e2e');

/** A phone: WeChat's webview is touch-first (see TOOLCHAIN.md on submit buttons). */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
  locale: 'zh-CN',
} as const;

/** Debian's Chromium, headless, with the flags this closed network needs (Playwright gives each launch a fresh profile). */
export async function launchBrowser(): Promise<{
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (the e2e layer never skips)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const { context, page } = await newPhone(browser);
  return {
    browser,
    context,
    page,
    close: () => browser.close(),
  };
}

/** Another phone in the same browser (its own storage: another user), optionally standing at `geolocation`. */
export async function newPhone(
  browser: Browser,
  options: { geolocation?: { latitude: number; longitude: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  if (options.geolocation) {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(options.geolocation);
  }
  return { context, page: await context.newPage() };
}

/** A screenshot in test-artifacts/e2e once page transitions and sheets have finished sliding. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The element on screen (the h5 router keeps earlier pages, hidden, in the document). */
export const shown = (page: Page, selector: string) => page.locator(selector).filter({ visible: true }).first();

/**
 * Waits for the shown element, scrolls to it and taps it. During a page transition the h5 router
 * can show a page, then hide it and show another instance of the same page (going back to a tab
 * page): Playwright keeps retrying on the element it first found, hidden for good, so each try
 * is short and the next one looks for the shown element again. Fails as before when nothing
 * matching is shown within the usual 30 s.
 */
export async function tapShown(page: Page, selector: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const target = shown(page, selector);
    try {
      await target.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
    } catch (err) {
      // What the phone showed instead, for the failure's reader.
      await screenshot(page, `failed-${selector.replace(/[^a-z0-9-]+/gi, '_')}`).catch(() => undefined);
      const where = await page.evaluate(() => location.href).catch(() => '?');
      throw new Error(`${(err as Error).message}\n(the page: ${where}; screenshot in test-artifacts/e2e/failed-*.png)`);
    }
    try {
      await target.scrollIntoViewIfNeeded({ timeout: 3000 });
      await target.tap({ timeout: 3000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

/**
 * Answers the subscribe sheet (the h5 stand-in for WeChat's `requestSubscribeMessage`): 取消 for
 * the templates titled in `deny`, 允许 for the rest, then 确定. Resolves with the titles shown.
 */
export async function answerSubscribe(page: Page, deny: string[] = []): Promise<string[]> {
  const sheet = page.locator('.txy-subscribe');
  await sheet.waitFor();
  const titles = await sheet.locator('.txy-subscribe__title').allTextContents();
  for (const title of deny)
    await sheet.locator('.txy-subscribe__row', { hasText: title }).locator('.txy-subscribe__deny').tap();
  await sheet.locator('.txy-subscribe__ok').tap();
  await sheet.waitFor({ state: 'detached' });
  return titles;
}

/**
 * A new phone that picks `user` on the demo picker of the server at `url`, on its home page once
 * greeted; `initScript` runs in every page of that phone before the app's own scripts; `phone`
 * places it (see newPhone).
 */
export async function signInAs(
  browser: Browser,
  url: string,
  user: { label: string; name: string },
  initScript?: string,
  phone: Parameters<typeof newPhone>[1] = {},
): Promise<Page> {
  const { context, page } = await newPhone(browser, phone);
  if (initScript) await context.addInitScript({ content: initScript });
  await page.goto(url);
  await page.getByText('选择一个身份进入', { exact: false }).waitFor();
  await page.locator('.demo-pick__loading').waitFor({ state: 'detached' });
  const entry = page.locator('.demo-pick__user', { hasText: user.label }).filter({ visible: true }).first();
  await entry.scrollIntoViewIfNeeded();
  await entry.tap();
  await page.getByText(`您好，${user.name}`).waitFor();
  return page;
}
