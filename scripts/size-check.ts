/**
 * Size check of the weapp build: the main package (everything outside a subpackage root) and
 * each subpackage root listed in dist/app.json, in KB. Exits 1 over budget.
 * Run after `npm run build:weapp` (NODE_ENV=production for meaningful numbers).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Project budgets (ARCHITECTURE.md "Budgets"); the platform's own limit is 2 MB per package. */
export const MAIN_PACKAGE_LIMIT_KB = 700;
export const SUBPACKAGE_LIMIT_KB = 400;
/**
 * Subpackages with a limit of their own. `packages/supervision` holds every chart, and with them
 * ECharts (line series, grid, legend, tooltip, canvas renderer: ~480 KB minified), kept out of
 * the main package (docs/dependencies.md).
 */
export const SUBPACKAGE_LIMITS_KB: Readonly<Record<string, number>> = { 'packages/supervision': 700 };

const DIST = path.resolve(__dirname, '..', 'dist');
const MAIN = '(main)';

/** Files WeChat DevTools does not upload as part of a package. */
const NOT_UPLOADED = [/\.map$/, /\.LICENSE\.txt$/, /^project(\.private)?\.config\.json$/];

export interface PackageSize {
  /** `(main)` or the subpackage root, e.g. `packages/staff`. */
  name: string;
  bytes: number;
  limitKb: number;
}

interface AppJson {
  subPackages?: Array<{ root: string }>;
  subpackages?: Array<{ root: string }>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Sizes of the main package and each subpackage of dist/, or null when dist/ is not built. */
export function measureWeapp(dist = DIST): PackageSize[] | null {
  const appJsonPath = path.join(dist, 'app.json');
  if (!existsSync(appJsonPath)) return null;
  const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8')) as AppJson;
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));

  const bytes = new Map<string, number>([[MAIN, 0], ...roots.map((r): [string, number] => [r, 0])]);
  for (const file of walk(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/');
    if (NOT_UPLOADED.some((re) => re.test(path.basename(rel)))) continue;
    const owner = roots.find((root) => rel.startsWith(`${root}/`)) ?? MAIN;
    bytes.set(owner, (bytes.get(owner) ?? 0) + statSync(file).size);
  }
  return [...bytes].map(([name, size]) => ({
    name,
    bytes: size,
    limitKb: name === MAIN ? MAIN_PACKAGE_LIMIT_KB : (SUBPACKAGE_LIMITS_KB[name] ?? SUBPACKAGE_LIMIT_KB),
  }));
}

function main(): number {
  const sizes = measureWeapp();
  if (!sizes) {
    console.error(`size-check: ${path.join(DIST, 'app.json')} not found — run \`npm run build:weapp\` first.`);
    return 1;
  }
  const width = Math.max(...sizes.map((p) => p.name.length), 'package'.length);
  console.log(`${'package'.padEnd(width)}  ${'size KB'.padStart(9)}  ${'limit KB'.padStart(9)}`);
  for (const p of sizes) {
    const kb = p.bytes / 1024;
    const verdict = kb <= p.limitKb ? 'ok' : 'OVER';
    console.log(`${p.name.padEnd(width)}  ${kb.toFixed(1).padStart(9)}  ${String(p.limitKb).padStart(9)}  ${verdict}`);
  }
  const totalKb = sizes.reduce((sum, p) => sum + p.bytes, 0) / 1024;
  console.log(`${'(total)'.padEnd(width)}  ${totalKb.toFixed(1).padStart(9)}`);

  const over = sizes.filter((p) => p.bytes / 1024 > p.limitKb);
  if (over.length > 0) {
    console.error(`size-check: over budget: ${over.map((p) => p.name).join(', ')}`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
