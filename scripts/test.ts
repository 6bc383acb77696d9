/**
 * `npm test`: everything a change must pass, in the order that fails fastest — types, lint and
 * format, the function bundles (the bundles layer runs them on the CloudBase runtime), the weapp
 * build (for the ui layer), the h5 build (for e2e), then every jest layer. Ends with one line
 * `tests: N passed, N failed`.
 *
 *   npm test                  everything
 *   npm test -- unit integration   only these jest layers (builds only what they need)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const LAYERS = ['unit', 'conformance', 'integration', 'bundles', 'ui', 'e2e'];
const chosen = process.argv.slice(2).filter((a) => LAYERS.includes(a));
const layers = chosen.length ? chosen : LAYERS;

function step(title: string, cmd: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.log(`\n✖ ${title} failed`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(r.status ?? 1);
  }
}

/**
 * The e2e layer needs a Chromium and a Chinese font (screenshots must show Chinese, not boxes).
 * `CHROMIUM_PATH` names a browser; otherwise Debian's `chromium` is used, and when it or a CJK font
 * is missing and this runs as root on Debian, they are installed through apt-get (said aloud);
 * elsewhere the run stops with the exact command to type.
 */
function ensureBrowser(): void {
  const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const hasFont = () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim().length > 0;
  const missing = [...(existsSync(browser) ? [] : ['chromium']), ...(hasFont() ? [] : ['fonts-wqy-zenhei'])];
  if (!missing.length) return;
  if (process.env.CHROMIUM_PATH && missing.includes('chromium')) {
    console.log(`\n✖ CHROMIUM_PATH=${browser} does not exist`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.log(
      `\n✖ the browser tests need ${missing.join(' and ')}: run \`sudo ${command}\` (Debian/Ubuntu) and try again`,
    );
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`\n▶ installing ${missing.join(' and ')} for the browser tests (${command})`);
  step('apt-get update', 'apt-get', ['update', '-qq']);
  step(`apt-get install ${missing.join(' ')}`, 'apt-get', ['install', '-y', '-qq', ...missing], {
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

if (!chosen.length) {
  step('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  step('typecheck the deployed code for Nodejs 16.13 (tsconfig.server.json)', 'npx', [
    'tsc',
    '--noEmit',
    '-p',
    'tsconfig.server.json',
  ]);
  step('lint (eslint, prettier --check)', 'npx', ['eslint', '.']);
  step('format (prettier --check)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
}
step('build cloud functions', 'npx', ['tsx', 'scripts/build-functions.ts']);
if (layers.includes('ui'))
  step('build weapp (dist/)', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' });
if (layers.includes('e2e')) ensureBrowser();
if (layers.includes('e2e'))
  step('build h5 (dist-h5/)', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });

mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
const results = path.join(ROOT, 'test-artifacts', 'jest-results.json');
console.log(`\n▶ jest: ${layers.join(', ')}`);
const jest = spawnSync('npx', ['jest', '--selectProjects', ...layers, '--json', `--outputFile=${results}`], {
  cwd: ROOT,
  stdio: 'inherit',
  env: process.env,
});
let passed = 0;
let failed = 1;
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites: number;
  };
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
}
if (jest.status !== 0 && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
