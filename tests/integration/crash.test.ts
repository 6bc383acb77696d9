import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVACY_VERSION } from '../../contract';
import { SIX_ONES_ITEMS } from '../../contract/sixOnes';
import { DocumentStore } from '../../emulator/db/store';
import { COUNTERS, countersFrom } from '../../server/complaints/metrics';
import { COLLECTIONS } from '../../server/platform/collections';
import { local } from '../../server/platform/time';
import { recompute, reportedCounts, sumShards } from '../../server/sixOnes/credit';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * The server dies mid-write (`kill -9` of the local CloudBase under a concurrent workload of
 * sign-ups, claims, reports and approvals), comes back on the same data, and runs its jobs:
 * afterwards every counter equals a recount from the documents — activities' sign-ups, members'
 * claim slots, the complaint metrics, the 六个一 tallies and reported counters.
 */

jest.setTimeout(240_000);

let dataDir: string;
let server: RunningServer | undefined;
const HOUR = 3_600_000;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-crash-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('kill -9 under load, restart, the jobs run: every counter equals its recount', async () => {
  server = await startServer({ dataDir });
  const s = server;
  const api = <T = any>(fn: string, action: string, payload: unknown, openid: string) =>
    s.api<T>(fn, action, payload, openid);
  const photo = async (openid: string) => {
    const res = await fetch(`${s.url}/api/upload?name=p.png`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-openid': openid },
      body: PNG,
    });
    return ((await res.json()) as { data: { fileID: string } }).data.fileID;
  };
  const address = { communityId: 'c01', residentGroupId: 'c01-r01', microGridId: 'c01-g01-m1', building: '1单元' };
  const person = async (openid: string, i: number) => {
    await api('account', 'me', {}, openid);
    await api('account', 'acceptPrivacy', { version: PRIVACY_VERSION }, openid);
    await api(
      'account',
      'updateProfile',
      { name: '钟桂英', phone: `1990000${String(i).padStart(4, '0')}`, address },
      openid,
    );
  };

  // Members of c01 (verified), residents with published wishes, a record each to approve.
  const members: string[] = [];
  const records: string[] = [];
  for (let i = 0; i < 10; i++) {
    const m = `crash-m-${i}`;
    await person(m, i);
    const report = await api(
      'account',
      'registerMember',
      { unitId: 'u01', partyBranch: '机关党支部', joinedAt: '2010-07-01' },
      m,
    );
    await api('account', 'reviewReport', { reportId: report.id, decision: 'verify' }, 'demo-secretary');
    members.push(m);
    const r = await api(
      'sixOnes',
      'fileRecord',
      { kind: 'surveyReport', title: `调研 ${i}`, note: '走访了三个小区听取意见', photos: [await photo(m)] },
      m,
    );
    records.push(r.id);
  }
  const residents: string[] = [];
  const wishes: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = `crash-r-${i}`;
    await person(r, 100 + i);
    residents.push(r);
    const w = await api('wish', 'submit', { category: '维修', description: `楼道灯坏了 ${i}`, photos: [] }, r);
    await api('wish', 'review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker');
    wishes.push(w.id);
  }
  const start = new Date(Date.now() + 3 * HOUR);
  const activity = await api(
    'sixOnes',
    'publishActivity',
    {
      type: 'volunteer',
      title: '社区大扫除',
      description: '清理楼道杂物',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + HOUR).toISOString(),
      signUpBy: new Date(start.getTime() - HOUR).toISOString(),
      place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
      capacity: 30,
    },
    'demo-secretary',
  );

  // The workload, all at once and again and again; the server is killed in the middle of it.
  let answered = 0;
  const call = (fn: string, action: string, payload: unknown, openid: string) =>
    fetch(`${s.url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, payload }),
    })
      .then((res) => res.text())
      .then(() => (answered += 1))
      .catch(() => undefined);
  let running = true;
  const loop = async (work: (round: number) => Promise<unknown>) => {
    for (let round = 0; running; round++) await work(round);
  };
  const workload = [
    ...members.map((m, i) =>
      loop(async (round) => {
        await call('sixOnes', round % 2 ? 'cancelSignUp' : 'signUp', { activityId: activity.id }, m);
        await call('wish', round % 2 ? 'cancelClaim' : 'claim', { wishId: wishes[i], reason: '临时有事来不了' }, m);
      }),
    ),
    ...residents.map((r, i) =>
      loop((round) =>
        call(
          'complaint',
          'submit',
          { category: '噪音', description: `夜间噪音 ${i}-${round}`, location: { kind: 'address' } },
          r,
        ),
      ),
    ),
    ...records.map((id) =>
      call('sixOnes', 'reviewRecords', { recordIds: [id], decision: 'approve' }, 'demo-secretary'),
    ),
  ];
  // Killed once the workload is well under way (the function instances warm, calls answered and
  // more in flight), however fast or slow this machine is.
  for (const until = Date.now() + 60_000; answered < 40 && Date.now() < until; )
    await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 200));
  await s.crash();
  running = false;
  await Promise.allSettled(workload);

  // Back on the same data; a day passes twice, so every daily job runs with nothing left in flight.
  server = await startServer({ dataDir });
  for (let day = 0; day < 2; day++)
    expect((await post(`${server.url}/dev/clock`, { advanceMs: 25 * HOUR })).status).toBe(200);
  await server.stop();
  server = undefined;

  // The recount, straight from the documents.
  const indexes = Object.fromEntries(Object.entries(COLLECTIONS).map(([name, c]) => [name, c.indexes]));
  const store = new DocumentStore(path.join(dataDir, 'db.sqlite'), indexes);
  try {
    const all = (c: string): any[] => store.find(c, { query: {} });
    const differences: string[] = [];

    for (const a of all('activities')) {
      const active = store.count('signups', { activityId: a._id, status: 'active' });
      if (a.signedUp !== active) differences.push(`activity ${a._id}: signedUp ${a.signedUp}, sign-ups ${active}`);
    }
    const claimed = new Map<string, number>();
    for (const w of all('wishes'))
      if (w.status === 'claimed') claimed.set(w.claim.openid, (claimed.get(w.claim.openid) ?? 0) + 1);
    for (const u of all('users'))
      if ((u.activeClaims ?? 0) !== (claimed.get(u._id) ?? 0))
        differences.push(`user ${u._id}: activeClaims ${u.activeClaims}, claimed ${claimed.get(u._id) ?? 0}`);

    const cases = all('cases');
    const stored = new Map(all('caseMetrics').map((d) => [d._id, d]));
    for (const want of countersFrom(cases))
      for (const k of COUNTERS)
        if ((stored.get(want._id)?.[k] ?? 0) !== want[k])
          differences.push(`${want._id}.${k}: ${stored.get(want._id)?.[k]} ≠ ${want[k]}`);

    const year = local(new Date(Date.now() + 50 * HOUR)).year();
    const expected = recompute(
      all('records').filter((r) => r.status === 'approved' && r.year === year),
      new Date(),
    );
    const summed = new Map(sumShards(all('tallies')).map((d: any) => [d._id, d]));
    for (const want of expected.tallies) {
      const have = summed.get(want._id);
      const got = [
        ...SIX_ONES_ITEMS.map((i) => have?.itemsDone?.[i] ?? 0),
        have?.complete ?? 0,
        have?.volunteerMinutes ?? 0,
      ];
      const should = [...SIX_ONES_ITEMS.map((i) => want.itemsDone[i]), want.complete, want.volunteerMinutes];
      if (JSON.stringify(got) !== JSON.stringify(should)) differences.push(`tally ${want._id}: ${got} ≠ ${should}`);
    }
    for (const want of reportedCounts(
      all('memberReports')
        .filter((r) => r.status === 'verified')
        .map((r) => ({ communityId: r.communityId, unitId: r.unitId })),
      new Date(),
    ))
      if (summed.get(want._id)?.reported !== want.reported)
        differences.push(`${want._id}: ${summed.get(want._id)?.reported} ≠ ${want.reported}`);

    expect(differences).toEqual([]);
    // The workload did happen: cases were filed and records approved before the crash.
    expect(cases.filter((c) => /^夜间噪音/.test(c.description)).length).toBeGreaterThan(0);
  } finally {
    store.close();
  }
});
