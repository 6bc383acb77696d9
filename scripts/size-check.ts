/**
 * Size check of the weapp build: the main package (everything outside a subpackage root) and
 * each subpackage root listed in dist/app.json, in KB. Exits 1 over budget.
 * Run after `npm run build:weapp` (NODE_ENV=production for meaningful numbers).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Project budgets (docs: ARCHITECTURE.md "Budgets"); the platform's own limit is 2 MB each. */
const MAIN_PACKAGE_LIMIT_KB = 700;
const SUBPACKAGE_LIMIT_KB = 400;

const DIST = path.resolve(__dirname, '..', 'dist');

/** Files WeChat DevTools does not upload as part of the package. */
const NOT_UPLOADED = [/\.map$/, /\.LICENSE\.txt$/, /^project(\.private)?\.config\.json$/];

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

function main(): number {
  const appJsonPath = path.join(DIST, 'app.json');
  if (!existsSync(appJsonPath)) {
    console.error(`size-check: ${appJsonPath} not found — run \`npm run build:weapp\` first.`);
    return 1;
  }
  const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8')) as AppJson;
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));

  const bytes = new Map<string, number>([['(main)', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const file of walk(DIST)) {
    const rel = path.relative(DIST, file).split(path.sep).join('/');
    if (NOT_UPLOADED.some((re) => re.test(path.basename(rel)))) continue;
    const owner = roots.find((root) => rel.startsWith(`${root}/`)) ?? '(main)';
    bytes.set(owner, (bytes.get(owner) ?? 0) + statSync(file).size);
  }

  const rows = [...bytes].map(([name, size]) => {
    const kb = size / 1024;
    const limit = name === '(main)' ? MAIN_PACKAGE_LIMIT_KB : SUBPACKAGE_LIMIT_KB;
    return { name, kb, limit, ok: kb <= limit };
  });
  const width = Math.max(...rows.map((r) => r.name.length), 'package'.length);
  console.log(`${'package'.padEnd(width)}  ${'size KB'.padStart(9)}  ${'limit KB'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${r.kb.toFixed(1).padStart(9)}  ${String(r.limit).padStart(9)}  ${r.ok ? 'ok' : 'OVER'}`);
  }
  const total = rows.reduce((sum, r) => sum + r.kb, 0);
  console.log(`${'(total)'.padEnd(width)}  ${total.toFixed(1).padStart(9)}`);

  const over = rows.filter((r) => !r.ok);
  if (over.length > 0) {
    console.error(`size-check: over budget: ${over.map((r) => r.name).join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
