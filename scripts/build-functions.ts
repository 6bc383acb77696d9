/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts, with the server/ and contract/
 * code it imports) into cloudfunctions/<name>/index.js — what WeChat DevTools uploads from
 * `cloudfunctionRoot`. wx-server-sdk stays external: CloudBase installs it from the function's
 * package.json.
 */
import { build } from 'esbuild';
import { readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const FUNCTIONS_ROOT = path.resolve(__dirname, '../cloudfunctions');
export const BUNDLE_BUDGET_BYTES = 300 * 1024;
/**
 * Functions allowed more: the export carries exceljs (about 1 MB bundled), which is why it is a
 * function of its own — every other function stays small and starts fast.
 */
export const BUNDLE_BUDGETS: Record<string, number> = { supervisionExport: 1600 * 1024 };
export const budgetOf = (name: string) => BUNDLE_BUDGETS[name] ?? BUNDLE_BUDGET_BYTES;

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_ROOT).filter((n) => existsSync(path.join(FUNCTIONS_ROOT, n, 'index.ts')));
}

export async function buildFunctions(opts: { quiet?: boolean } = {}): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  await Promise.all(
    functionNames().map(async (name) => {
      const outfile = path.join(FUNCTIONS_ROOT, name, 'index.js');
      await build({
        entryPoints: [path.join(FUNCTIONS_ROOT, name, 'index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node16.13', // CloudBase's Nodejs 16.13 runtime (docs/deployment.md "Runtime")
        format: 'cjs',
        external: ['wx-server-sdk'],
        legalComments: 'none',
        minifySyntax: true,
        // The export's exceljs is minified whole (2.5 MB → about 1 MB); the others stay readable in a stack trace.
        ...(name in BUNDLE_BUDGETS ? { minify: true } : {}),
        logLevel: 'warning',
        banner: { js: `// Built by scripts/build-functions.ts from cloudfunctions/${name}/index.ts — do not edit.` },
      });
      sizes[name] = statSync(outfile).size;
    }),
  );
  if (!opts.quiet) {
    for (const [name, size] of Object.entries(sizes).sort()) {
      const flag = size > budgetOf(name) ? '  OVER BUDGET' : '';
      console.log(`${name.padEnd(18)} ${(size / 1024).toFixed(1).padStart(7)} KB / ${budgetOf(name) / 1024} KB${flag}`);
    }
  }
  return sizes;
}

if (require.main === module) {
  buildFunctions()
    .then((sizes) => {
      if (Object.entries(sizes).some(([name, size]) => size > budgetOf(name))) process.exit(1);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
