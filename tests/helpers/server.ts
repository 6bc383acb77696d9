import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A seeded user the h5 demo picker offers. */
export interface DemoUser {
  openid: string;
  label: string;
  name: string;
}

export interface RunningServer {
  url: string;
  output: () => string;
  /** Calls a function through the local gateway as `openid` (what the h5 build does); its data, or throws. */
  api<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T>;
  /** The users the demo picker offers (`GET /dev/demo-users`). */
  demoUsers(): Promise<DemoUser[]>;
  /** Ends the server as a crash would (`kill -9`): nothing is flushed or closed; the data folder stays. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The environment `npm start` would have in a fresh shell: this process's, without what test
 * files before this one left in it (one jest worker runs them all) — a moved clock
 * (TXY_CLOCK_OFFSET_MS), a reminder date, database latency, a CloudBase endpoint of a stopped
 * in-process emulator, a timer's TRIGGER_SRC.
 */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (
      k.startsWith('TXY_') ||
      k.startsWith('TCB_') ||
      k.startsWith('SCF_') ||
      k.startsWith('TENCENTCLOUD_') ||
      k === 'TRIGGER_SRC'
    )
      delete env[k];
  return env;
}

/**
 * Starts the server exactly as `npm start` runs it after building (emulator/main.ts: bundled
 * functions, dist-h5 at `/`, demo seed on an empty DATA_DIR), on a free port and a fresh data
 * folder, and waits for its `ready` line.
 */
export async function startServer(opts: { dataDir?: string } = {}): Promise<RunningServer> {
  // A folder given by the caller (a restart after a crash) is the caller's to remove.
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'txy-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'emulator/main.ts'],
    {
      cwd: ROOT,
      env: { ...serverEnv(), PORT: '0', DATA_DIR: dataDir, TXY_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a crash kills tsx, the server under it and its function instances at once.
      detached: true,
    },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /ready (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before ready:\n${out}`)));
  });
  return {
    url,
    output: () => out,
    async api<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T> {
      const res = await fetch(`${url}/api/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, payload }),
      });
      const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${fn}.${action} as ${openid}: ${body.error?.message}`);
      return body.data;
    },
    async demoUsers() {
      return ((await (await fetch(`${url}/dev/demo-users`)).json()) as { users: DemoUser[] }).users;
    },
    crash: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
