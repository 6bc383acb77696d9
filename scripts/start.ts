/**
 * `npm start`: build what is missing or stale (the functions always — it takes a second; the h5
 * app when src/ changed since the last build), then run the local CloudBase with demo data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve } from '../emulator/main';
import { buildFunctions } from './build-functions';

const ROOT = path.resolve(__dirname, '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function h5IsStale(): boolean {
  const index = path.join(ROOT, 'dist-h5', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return ['src', 'config', 'contract'].some((d) => newest(path.join(ROOT, d)) > built);
}

async function main(): Promise<void> {
  await buildFunctions({ quiet: true });
  if (h5IsStale()) {
    console.log('building the h5 app (dist-h5/) …');
    execFileSync('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  await serve();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
