import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'server');
const SEED = path.join(SERVER, 'seed');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.[cm]?[jt]sx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The module specifiers a file imports or re-exports: static (one or more lines), bare, dynamic, require. */
function importedSpecifiers(text: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

/** Whether a specifier names a module in server/seed/ (relative to the importing file, or by path). */
function inSeed(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return /(^|\/)server\/seed(\/|$)/.test(specifier);
  const target = path.resolve(path.dirname(file), specifier);
  return target === SEED || target.startsWith(SEED + path.sep);
}

test('the import reader sees single-line, multi-line, re-export, type and dynamic imports', () => {
  const text = [
    "import { a } from '../seed/county';",
    'import type {',
    '  B,',
    '  C,',
    "} from '../seed/types';",
    "export { d } from './model';",
    "import './side-effect';",
    "const e = await import('../seed/names');",
  ].join('\n');
  expect(importedSpecifiers(text)).toEqual(
    expect.arrayContaining(['../seed/county', '../seed/types', './model', './side-effect', '../seed/names']),
  );
});

test('production code under server/ does not import the seed (server/seed/ may import server/, not the other way)', () => {
  const files = sources(SERVER).filter((f) => !f.startsWith(SEED + path.sep));
  expect(files.length).toBeGreaterThan(20);
  const offending = files.flatMap((file) =>
    importedSpecifiers(readFileSync(file, 'utf8'))
      .filter((s) => inSeed(file, s))
      .map((s) => `${path.relative(ROOT, file)} → ${s}`),
  );
  expect(offending).toEqual([]);
});
