/**
 * `npm run bench`: for each benchmarked action, p50/p95 latency through the h5 gateway and the
 * database requests the local CloudBase served per call; then the size of each function bundle
 * and of the weapp packages (from dist/, if built). Not part of `npm test`.
 *
 *   npm run bench                        200 calls per action on the demo seed
 *   npm run bench -- --scale county      the same on the benchmark-size county (5,000 members,
 *                                        60,000 六个一 records, 20,000 wishes, 100,000 cases …);
 *                                        the complaint metrics are measured first on the same
 *                                        county with 10,000 cases (1×), and the 10×/1× ratio printed
 *   npm run bench -- --scale county10    ten times the 六个一 data; the tally views are measured
 *                                        on the county seed first (1×), and the 10×/1× ratio printed
 *   npm run bench -- --runs 500
 *   npm run bench -- --only cobuild     only the cases whose name contains `cobuild`
 *   npm run bench -- --latency 10 --latency-runs 40
 *                                        after the pass at 0 ms, every case again with the local
 *                                        CloudBase's database latency at 10 ms a request (the
 *                                        default; 0 skips it), 40 calls each (default: the
 *                                        smaller of --runs and 40), against the budgets: every
 *                                        action's p95 ≤ 300 ms, the 100-record approval ≤ 2 s
 *
 * The seed is dated from today (as `npm start` seeds it), so activities open for sign-up exist.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localFunctionEnv } from '../emulator/functions/env';
import { LocalCloud } from '../emulator/local-cloud';
import { SEED_SCALES, seedStore, today, type SeedScale } from '../emulator/seed';
import { CASES as ALL_CASES, type BenchCase, type Tenfold } from './bench/cases';
import { budgetOf, buildFunctions } from './build-functions';
import { measureWeapp } from './size-check';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '200'));
/** The database latency of the second pass (TXY_DB_LATENCY_MS), and its calls per case. */
const LATENCY = Number(arg('latency', '10'));
const LATENCY_RUNS = Number(arg('latency-runs', String(Math.min(RUNS, 40))));
/** Every action's p95 at that latency, unless the case says otherwise (docs ARCHITECTURE "Budgets"). */
const LATENCY_P95_BUDGET = 300;
const SCALE = arg('scale', 'demo') as SeedScale;
/** Only the cases whose name contains this (e.g. `--only cobuild`); all by default. */
const ONLY = arg('only', '');
const CASES = ONLY ? ALL_CASES.filter((c) => c.name.includes(ONLY)) : ALL_CASES;
/** Internal (the 1× runs): only the cases compared on `--compare` data, results as JSON into this file. */
const JSON_OUT = arg('json-out', '');
const COMPARE = arg('compare', '') as Tenfold | '';
/** Internal (the 1× run of `--scale county`): cases in the seed instead of the scale's. */
const CASE_COUNT = arg('cases', '');
/** Latency at 10× data should stay within this factor of 1× for the compared views. */
const RATIO_BUDGET = 1.5;
/** The complaint metrics' 1×: the county seed with this many cases instead of its 100,000. */
const CASES_1X = 10_000;

/**
 * What 1× and 10× are for each kind of compared view: the seed of each, as the child process
 * (1×) and this process (10×) are started.
 */
const TENFOLD: Record<Tenfold, { at10: SeedScale; base: string[]; title: string }> = {
  records: {
    at10: 'county10',
    base: ['--scale', 'county'],
    title:
      '六个一 views: 10× = county10 seed (50,000 verified members, 600,000 records) against 1× = county seed (5,000 members, 60,000 records)',
  },
  cases: {
    at10: 'county',
    base: ['--scale', 'county', '--cases', String(CASES_1X)],
    title: `Complaint metrics: 10× = county seed with 100,000 cases against 1× = the same county seed with ${CASES_1X.toLocaleString('en')} cases`,
  },
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const dbRequests = (cloud: LocalCloud) =>
  [...cloud.store.counters.entries()].filter(([a]) => a.startsWith('database.')).reduce((n, [, c]) => n + c, 0);
/** Database round trips: requests sent side by side share one (counted by the local CloudBase). */
const dbRoundTrips = (cloud: LocalCloud) => cloud.store.counters.get('roundTrips.database') ?? 0;

interface Result {
  name: string;
  p50?: number;
  p95?: number;
  /** p95 with the database latency at LATENCY ms, and its runs. */
  p95Latency?: number;
  runsLatency?: number;
  /** Round trips per call in that pass. */
  tripsLatency?: number;
  noteLatency?: string;
  perCall?: number;
  /**
   * Database round trips per call, from the pass with the database latency (at 0 ms a request
   * can end before one sent beside it starts, so only that pass tells side by side from in turn).
   */
  tripsPerCall?: number;
  /** CPU time per call of this process, which runs the client, the emulator and the function alike: what the call costs whatever the machine's load. */
  cpu?: number;
  runs?: number;
  note?: string;
}

interface Env {
  scale: SeedScale;
  cloud: LocalCloud;
  url: string;
  dataDir: string;
}

/** Seeds `scale` into a fresh local CloudBase (dated from today, as `npm start` seeds) and starts it. */
async function startEnv(scale: SeedScale, cases?: number): Promise<Env> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-bench-'));
  const cloud = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: path.join(ROOT, 'cloudfunctions'), mode: 'bundle', env: localFunctionEnv() },
    dbLatencyMs: 0,
    log: () => undefined,
  });
  const t0 = performance.now();
  if (cases === undefined) {
    // Seeded by `npm run seed` in its own process, so this one measures without the seed's heap
    // (county10 builds 2 GB of documents): the database is read from disk as `npm start` would.
    cloud.store.close();
    const child = spawnSync('npx', ['tsx', 'scripts/seed.ts', '--scale', scale], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`seeding ${scale} failed (${child.status ?? child.signal})`);
    const seededCloud = new LocalCloud({
      dataDir,
      port: 0,
      functions: { root: path.join(ROOT, 'cloudfunctions'), mode: 'bundle', env: localFunctionEnv() },
      dbLatencyMs: 0,
      log: () => undefined,
    });
    console.log(`seeded ${scale} scale in a child process in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { scale, cloud: seededCloud, url: await seededCloud.start(), dataDir };
  }
  const seeded = seedStore(cloud.store, scale, today(Date.now()), { cases });
  console.log(
    `seeded ${scale} scale with ${cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(
      seeded,
    )
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
  );
  return { scale, cloud, url: await cloud.start(), dataDir };
}

async function stopEnv(env: Env): Promise<void> {
  await env.cloud.stop();
  rmSync(env.dataDir, { recursive: true, force: true });
}

/**
 * Times one case: its calls one after another, after a warm-up. `pass` 1 is the pass with the
 * database latency (fewer calls, the process already warm); a case makes fresh targets for it.
 */
async function measure(c: BenchCase, env: Env, pass: 0 | 1 = 0): Promise<Result> {
  const runs = Math.min(pass === 0 ? RUNS : LATENCY_RUNS, c.maxRuns ?? RUNS);
  const warmUp = pass === 0 ? (c.warmUp ?? 5) : Math.min(2, c.warmUp ?? 2);
  const prepared = c.prepare?.(env.cloud, runs + warmUp) ?? [];
  if (c.prepare && prepared.length < runs + warmUp)
    return {
      name: c.name,
      note: `skipped: needs ${runs + warmUp} targets, has ${prepared.length} (try --scale county)`,
    };
  const call = async (i: number) => {
    const { openid, payload } = c.call(i, prepared, pass);
    const res = await fetch(`${env.url}/api/functions/${c.fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action: c.action, payload }),
    });
    const body = (await res.json()) as { ok: boolean; error?: { code: string; message?: string } };
    if (!body.ok) throw new Error(`${c.name}: ${body.error?.code} ${body.error?.message ?? ''}`);
  };
  for (let i = 0; i < warmUp; i++) await call(runs + i); // warm up (module load, SQLite caches)
  const before = dbRequests(env.cloud);
  const tripsBefore = dbRoundTrips(env.cloud);
  const c0 = process.cpuUsage();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call(i);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  return {
    name: c.name,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    perCall: (dbRequests(env.cloud) - before) / runs,
    tripsPerCall: (dbRoundTrips(env.cloud) - tripsBefore) / runs,
    cpu: (cpu.user + cpu.system) / 1000 / runs,
    runs,
  };
}

/** Runs this script on the 1× seed of `kind` for the cases compared on it only, in a child process. */
function measureBase(kind: Tenfold): Result[] {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'txy-bench-')), 'base.json');
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      __filename,
      ...TENFOLD[kind].base,
      '--runs',
      String(RUNS),
      '--compare',
      kind,
      '--json-out',
      out,
    ],
    { stdio: 'inherit' },
  );
  if (child.status !== 0) throw new Error(`the 1× run failed (${child.status ?? child.signal})`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as Result[];
  rmSync(path.dirname(out), { recursive: true, force: true });
  return results;
}

function budgetCell(c: BenchCase | undefined, r: Result): string {
  if (r.perCall === undefined) return '';
  const parts: string[] = [];
  if (c?.budget?.requests !== undefined)
    parts.push(`≤${c.budget.requests} req${r.perCall > c.budget.requests ? ' OVER' : ''}`);
  if (c?.budget?.roundTrips !== undefined && r.tripsLatency !== undefined)
    parts.push(`≤${c.budget.roundTrips} trips${r.tripsLatency > c.budget.roundTrips ? ' OVER' : ''}`);
  if (c?.budget?.p95Ms !== undefined) parts.push(`p95 ≤${c.budget.p95Ms} ms${r.p95! > c.budget.p95Ms ? ' OVER' : ''}`);
  // At the latency: every case's p95 within LATENCY_P95_BUDGET, said when over or when the case sets its own.
  if (r.p95Latency !== undefined) {
    const limit = c?.budget?.p95AtLatencyMs ?? LATENCY_P95_BUDGET;
    if (r.p95Latency > limit || c?.budget?.p95AtLatencyMs !== undefined)
      parts.push(`p95 @${LATENCY} ms ≤${limit} ms${r.p95Latency > limit ? ' OVER' : ''}`);
  }
  return parts.join(', ');
}

async function main(): Promise<void> {
  if (!SEED_SCALES.includes(SCALE)) throw new Error(`--scale ${SCALE}: one of ${SEED_SCALES.join(', ')}`);
  if (!(LATENCY >= 0) || !(LATENCY_RUNS >= 1)) throw new Error('--latency: milliseconds ≥ 0; --latency-runs: ≥ 1');
  process.env.TXY_LOG_LEVEL = 'silent';
  const bundles = JSON_OUT ? {} : await buildFunctions({ quiet: true });
  // At 10×, the compared views are measured on their 1× seed first, in a process of its own: the
  // functions find their local CloudBase through the process environment, one per process.
  const tenfold = JSON_OUT ? undefined : (Object.keys(TENFOLD) as Tenfold[]).find((k) => TENFOLD[k].at10 === SCALE);
  const baseResults: Result[] = tenfold ? measureBase(tenfold) : [];
  const env = await startEnv(SCALE, CASE_COUNT ? Number(CASE_COUNT) : undefined);
  const results: Result[] = [];
  const compareResults: Result[] = [];
  try {
    // The compared cases (read-only) are measured alike at 1× and 10×: right after seeding, a
    // discarded pass to warm the process up, then the measured pass — so the ratio compares the
    // data, not how warm or how loaded with garbage each process is.
    const compared = CASES.filter((c) => c.compare !== undefined && c.compare === (JSON_OUT ? COMPARE : tenfold));
    for (const c of compared) await measure(c, env);
    for (const c of compared) compareResults.push(await measure(c, env));
    if (!JSON_OUT) for (const c of CASES) results.push(await measure(c, env));
    // Again with the database a network round trip away (the writes find fresh targets).
    if (!JSON_OUT && LATENCY > 0) {
      env.cloud.dbLatencyMs = LATENCY;
      for (const [i, c] of CASES.entries()) {
        const r = await measure(c, env, 1);
        if (r.note) results[i].noteLatency = r.note;
        else Object.assign(results[i], { p95Latency: r.p95, runsLatency: r.runs, tripsLatency: r.tripsPerCall });
      }
      env.cloud.dbLatencyMs = 0;
    }
  } finally {
    await stopEnv(env);
  }
  if (JSON_OUT) {
    writeFileSync(JSON_OUT, JSON.stringify(compareResults));
    return;
  }

  const byName = new Map(CASES.map((c) => [c.name, c]));
  console.log(
    `\nActions through the gateway (up to ${RUNS} sequential calls each, ${SCALE} seed, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  if (LATENCY > 0)
    console.log(
      `p95 @${LATENCY} ms: the same calls (up to ${LATENCY_RUNS} each) with the database latency at ${LATENCY} ms a request (TXY_DB_LATENCY_MS); budget p95 ≤ ${LATENCY_P95_BUDGET} ms unless stated`,
    );
  const latencyCells = (r: Result) =>
    LATENCY > 0
      ? [
          r.p95Latency === undefined ? '-' : r.p95Latency.toFixed(1),
          r.tripsLatency === undefined ? '-' : r.tripsLatency.toFixed(2),
          String(r.runsLatency ?? '-'),
        ]
      : [];
  table(
    [
      'action',
      'p50 ms',
      'p95 ms',
      'CPU ms/call',
      'db requests/call',
      'runs',
      ...(LATENCY > 0 ? [`p95 @${LATENCY} ms`, `db round trips/call`, `runs @${LATENCY}`] : []),
      'budget',
    ],
    results.map((r) =>
      r.note
        ? [r.name, '-', '-', '-', '-', '-', ...latencyCells(r), r.note]
        : [
            r.name,
            r.p50!.toFixed(1),
            r.p95!.toFixed(1),
            r.cpu!.toFixed(1),
            r.perCall!.toFixed(2),
            String(r.runs),
            ...latencyCells(r),
            [budgetCell(byName.get(r.name), r), r.noteLatency].filter(Boolean).join('; '),
          ],
    ),
  );
  if (tenfold && baseResults.length > 0) {
    console.log(`\n${TENFOLD[tenfold].title}: latency ratio 10×/1×, budget ≤ ${RATIO_BUDGET}×`);
    table(
      ['action', 'p50 1×', 'p50 10×', 'p50 ratio', 'p95 1×', 'p95 10×', 'p95 ratio', 'CPU ratio', 'req 1×→10×', ''],
      baseResults.flatMap((b) => {
        const r = compareResults.find((x) => x.name === b.name);
        if (!r?.p50 || !b.p50) return [];
        const ratio50 = r.p50 / b.p50;
        const ratio95 = r.p95! / b.p95!;
        return [
          [
            b.name,
            b.p50.toFixed(1),
            r.p50.toFixed(1),
            ratio50.toFixed(2),
            b.p95!.toFixed(1),
            r.p95!.toFixed(1),
            ratio95.toFixed(2),
            (r.cpu! / b.cpu!).toFixed(2),
            `${b.perCall!.toFixed(2)}→${r.perCall!.toFixed(2)}`,
            ratio50 > RATIO_BUDGET ? 'OVER' : '',
          ],
        ];
      }),
    );
  }
  console.log('\nFunction bundles (without wx-server-sdk)');
  table(
    ['function', 'KB', 'budget KB'],
    Object.entries(bundles).map(([n, s]) => [n, (s / 1024).toFixed(1), String(budgetOf(n) / 1024)]),
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
