import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhone, signInAs } from './browser';
import { startServer, type DemoUser, type RunningServer } from './server';

/** What an e2e file works with: the running app (`npm start`'s server) and a browser of phones. */
export interface E2EApp {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly demoUsers: DemoUser[];
  /** A call to the server's function as `openid` (setting up and checking, never the thing tested). */
  api<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T>;
  /** A phone of its own for the demo user `openid`: opens on the demo picker and taps that user. */
  signIn(openid: string, phone?: Parameters<typeof newPhone>[1], initScript?: string): Promise<Page>;
  /** Opens a page of the app by its path (the h5 build routes by hash), as a notification would. */
  open(page: Page, path: string): Promise<void>;
}

/**
 * Starts the server and the browser before the file's tests and stops them after: the setup of
 * every e2e file, once. Read the fields inside tests (they are set by `beforeAll`).
 */
export function useApp(): E2EApp {
  let server: RunningServer | undefined;
  let launched: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let demoUsers: DemoUser[] = [];
  beforeAll(async () => {
    server = await startServer();
    launched = await launchBrowser();
    demoUsers = await server.demoUsers();
  });
  afterAll(async () => {
    await launched?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !launched) throw new Error('useApp: the app is started in beforeAll');
    return { server, launched };
  };
  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().launched.browser;
    },
    get demoUsers() {
      return demoUsers;
    },
    api: <T>(fn: string, action: string, payload: unknown, openid: string) =>
      started().server.api<T>(fn, action, payload, openid),
    signIn(openid, phone = {}, initScript) {
      const user = demoUsers.find((u) => u.openid === openid);
      if (!user) throw new Error(`useApp: no demo user ${openid}`);
      return signInAs(started().launched.browser, started().server.url, user, initScript, phone);
    },
    async open(page, path) {
      await page.goto(`${started().server.url}/#/${path}`);
    },
  };
}
