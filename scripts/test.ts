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
