/**
 * `npm run bench`: for each benchmarked action, p50/p95 latency through the h5 gateway and the
 * database requests the local CloudBase served per call; then the size of each function bundle
 * and of the weapp packages (from dist/, if built). Not part of `npm test`.
 *
 *   npm run bench                 200 calls per action on the demo seed
 *   npm run bench -- --scale county   the same on the benchmark-size county (20,000 wishes …)
 *   npm run bench -- --runs 500
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud } from '../emulator/local-cloud';
import { seedStore } from '../emulator/seed';
import { CASES } from './bench/cases';
import { buildFunctions } from './build-functions';
import { measureWeapp } from './size-check';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '200'));
const SCALE = arg('scale', 'demo') as 'demo' | 'county';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const dbRequests = (cloud: LocalCloud) =>
  [...cloud.store.counters.entries()].filter(([a]) => a.startsWith('database.')).reduce((n, [, c]) => n + c, 0);

async function main(): Promise<void> {
  process.env.TXY_LOG_LEVEL = 'silent';
  const bundles = await buildFunctions({ quiet: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-bench-'));
  const cloud = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: path.join(ROOT, 'cloudfunctions'), mode: 'bundle' },
    log: () => undefined,
  });
  const t0 = performance.now();
  const seeded = seedStore(cloud.store, SCALE);
  console.log(
    `seeded ${SCALE} scale in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(seeded)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
  );
  const url = await cloud.start();
  const rows: string[][] = [];
  try {
    for (const c of CASES) {
      const prepared = c.prepare?.(cloud) ?? [];
      if (c.prepare && prepared.length < RUNS + 5) {
        rows.push([
          c.name,
          '-',
          '-',
          `skipped: needs ${RUNS + 5} targets, has ${prepared.length} (try --scale county)`,
        ]);
        continue;
      }
      const call = async (i: number) => {
        const { openid, payload } = c.call(i, prepared);
        const res = await fetch(`${url}/api/functions/${c.fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-openid': openid },
          body: JSON.stringify({ action: c.action, payload }),
        });
        const body = (await res.json()) as { ok: boolean; error?: { code: string } };
        if (!body.ok) throw new Error(`${c.name}: ${body.error?.code}`);
      };
      for (let i = 0; i < 5; i++) await call(RUNS + i); // warm up (module load, SQLite caches)
      const before = dbRequests(cloud);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await call(i);
        times.push(performance.now() - t0);
      }
      const perCall = (dbRequests(cloud) - before) / RUNS;
      times.sort((a, b) => a - b);
      rows.push([c.name, percentile(times, 50).toFixed(1), percentile(times, 95).toFixed(1), perCall.toFixed(2)]);
    }
  } finally {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(
    `\nActions through the gateway (${RUNS} sequential calls each, ${SCALE} seed, ${os.cpus().length} cores)`,
  );
  table(['action', 'p50 ms', 'p95 ms', 'db requests/call'], rows);
  console.log('\nFunction bundles (without wx-server-sdk; budget 300 KB)');
  table(
    ['function', 'KB'],
    Object.entries(bundles).map(([n, s]) => [n, (s / 1024).toFixed(1)]),
  );
  const weapp = measureWeapp();
  if (weapp) {
    console.log('\nweapp packages (dist/; budget main 700 KB, subpackage 400 KB)');
    table(
      ['package', 'KB'],
      weapp.map((p) => [p.name, (p.bytes / 1024).toFixed(1)]),
    );
  } else console.log('\nweapp packages: dist/ not built (npm run build:weapp)');
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
