import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localFunctionEnv } from '../../emulator/functions/env';
import { emulatorClock } from '../../emulator/clock';
import { LocalCloud } from '../../emulator/local-cloud';
import { seedStore } from '../../emulator/seed';

export interface TestCloud {
  cloud: LocalCloud;
  url: string;
  dataDir: string;
  /** Calls a function as the mini-program user `openid` would; resolves with the envelope. */
  invoke(fn: string, event: { action: string; payload?: unknown }, openid: string): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * An in-process local CloudBase on a random port and a temporary data folder, running the
 * functions from source (or, in `bundle` mode, the built bundles in instances of the CloudBase
 * runtime) with the real wx-server-sdk pointed at it.
 */
export async function startLocalCloud(
  opts: {
    seed?: boolean;
    dataDir?: string;
    keepData?: boolean;
    /** `bundle`: the built cloudfunctions/<fn>/index.js on the CloudBase runtime (tests/bundles). */
    mode?: 'source' | 'bundle';
    /**
     * `TXY_RATE_LIMIT_FACTOR` of the functions: 100 by default here, because test factories make
     * hundreds of wishes and cases as one demo user in a minute; 1 (as deployed) where the limits
     * themselves are tested.
     */
    rateLimitFactor?: number;
  } = {},
): Promise<TestCloud> {
  process.env.TXY_LOG_LEVEL ??= 'silent';
  // Test files share this process (one jest worker): a clock an earlier file moved, or a setting
  // it left, must not reach this one.
  const saved = { ...process.env };
  emulatorClock.reset();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'txy-test-'));
  const cloud = new LocalCloud({
    dataDir,
    port: 0,
    functions: {
      root: path.resolve(__dirname, '../../cloudfunctions'),
      mode: opts.mode ?? 'source',
      env: { ...localFunctionEnv(), TXY_RATE_LIMIT_FACTOR: String(opts.rateLimitFactor ?? 100) },
    },
    seed: async (c) => void seedStore(c.store),
    log: () => undefined,
  });
  if (opts.seed !== false) seedStore(cloud.store);
  const url = await cloud.start();
  return {
    cloud,
    url,
    dataDir,
    invoke: (fn, event, openid) => cloud.invoke(fn, event, openid),
    stop: async () => {
      await cloud.stop();
      emulatorClock.reset();
      for (const k of Object.keys(process.env)) if (k.startsWith('TXY_') && !(k in saved)) delete process.env[k];
      for (const [k, v] of Object.entries(saved)) if (k.startsWith('TXY_')) process.env[k] = v;
      if (!opts.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
