/**
 * Conformance: timer triggers. A function whose config.json declares a CloudBase timer trigger
 * (seven-field cron) runs when the emulator clock passes its time, with the event CloudBase sends
 * (`{ Type: 'Timer', TriggerName }`), and not otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emulatorClock } from '../../emulator/clock';
import { LocalCloud } from '../../emulator/local-cloud';
import { postJson, wxCloud, type Db } from '../helpers/sdk';

let dataDir: string;
let local: LocalCloud;
let url: string;
let db: Db;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  emulatorClock.reset();
  // Keep clear of a minute boundary, so "no time has passed" really means no trigger is due.
  const toNextMinute = 60_000 - (emulatorClock.nowMs() % 60_000);
  if (toNextMinute < 5_000) await sleep(toNextMinute + 500);

  dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-conformance-scheduler-'));
  local = new LocalCloud({
    dataDir,
    port: 0,
    functions: { root: path.join(__dirname, 'fixtures/functions'), mode: 'source' },
    log: () => undefined,
  });
  url = await local.start();
  db = wxCloud().database();
  await db.createCollection('ticks');
});

afterAll(async () => {
  emulatorClock.reset();
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ticks(): Promise<any[]> {
  return (await db.collection('ticks').orderBy('at', 'asc').get()).data;
}

test('the fixture function and its timer trigger are found', () => {
  expect(local.functions.names()).toEqual(['ticker']);
  expect(local.functions.config('ticker').triggers).toEqual([
    { name: 'everyMinute', type: 'timer', config: '0 * * * * * *' },
  ]);
});

test('moving the clock 61 s forward runs the every-minute timer once, with the Timer event', async () => {
  const { status, json } = await postJson(`${url}/dev/clock`, { advanceMs: 61_000 });
  expect(status).toBe(200);
  expect(json.offsetMs).toBe(61_000);
  expect(json.ran).toHaveLength(1);
  expect(json.ran[0]).toMatchObject({ fn: 'ticker', trigger: 'everyMinute', result: { source: 'wx_trigger' } });

  const rows = await ticks();
  expect(rows).toHaveLength(1);
  expect(rows[0].event).toMatchObject({ Type: 'Timer', TriggerName: 'everyMinute' });
  // the run happened at the moved time: serverDate follows the emulator clock
  expect(rows[0].at).toBeInstanceOf(Date);
  expect(Math.abs(rows[0].at.getTime() - emulatorClock.nowMs())).toBeLessThan(5_000);
  expect(rows[0].at.getTime() - Date.now()).toBeGreaterThan(55_000);
});

test('without moving the clock, POST /dev/scheduler/tick runs nothing', async () => {
  const { status, json } = await postJson(`${url}/dev/scheduler/tick`, {});
  expect(status).toBe(200);
  expect(json.ran).toEqual([]);
  expect(await ticks()).toHaveLength(1);
});

test('a jump over many periods fires the timer once, as a late timer does', async () => {
  const { json } = await postJson(`${url}/dev/clock`, { advanceMs: 10 * 60_000 });
  expect(json.ran.map((r: { fn: string; trigger: string }) => `${r.fn}/${r.trigger}`)).toEqual(['ticker/everyMinute']);
  expect(await ticks()).toHaveLength(2);
  expect((await postJson(`${url}/dev/scheduler/tick`, {})).json.ran).toEqual([]);
});

test('moving the clock by less than the time left to the next minute runs nothing', async () => {
  // after the last run the next one is due at the next minute boundary of the moved clock
  const toNextMinute = 60_000 - (emulatorClock.nowMs() % 60_000);
  if (toNextMinute > 2_000) {
    const { json } = await postJson(`${url}/dev/clock`, { advanceMs: toNextMinute - 1_500 });
    expect(json.ran).toEqual([]);
  }
  const { json } = await postJson(`${url}/dev/clock`, { advanceMs: 2_000 });
  expect(json.ran).toHaveLength(1);
  expect(await ticks()).toHaveLength(3);
});

test('POST /dev/clock refuses to move the clock backwards', async () => {
  const { status } = await postJson(`${url}/dev/clock`, { advanceMs: -1000 });
  expect(status).toBe(400);
});
