import { SIX_ONES_ITEMS } from '../../contract/sixOnes';
import { local } from '../../server/platform/time';
import { sumShards } from '../../server/sixOnes/credit';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { clockNow, people, type Envelope, type People } from '../helpers/people';
import { runJob } from '../helpers/jobs';

/**
 * Independent actions sent at once all succeed, and the counters move by exactly that much: no
 * counter is a document every action of a community (or of the county) must rewrite. Each scene
 * sends its calls with Promise.all and checks every reply and the exact deltas.
 */

let t: TestCloud;
let p: People;
let seq = 0;
const MIN = 60_000;

const upload = (openid: string) => t.cloud.storage.put(`uploads/${openid}/c-${++seq}.png`, Buffer.from(`png ${seq}`));
const all = (replies: Envelope[]) => replies.map((r) => (r.ok ? 'ok' : r.error?.code));
const secretaryOf = (c: string) =>
  c === 'c01' ? 'demo-secretary' : c === 'c02' ? 'demo-multi' : `seed-secretary-${c}`;
const COMMUNITIES = Array.from({ length: 14 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const iso = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN).toISOString();

/** A counter as readers see it (its shards summed). */
const counter = (base: string): any => sumShards(t.cloud.store.find('tallies', { query: { base } }) as any[])[0];
const reportedIn = (c: string) => counter(`reported-community-${c}`)?.reported ?? 0;
const surveysDone = (base: string) => counter(base)?.itemsDone?.survey ?? 0;

/** Residents of `c` who registered as members of a unit paired with it; their reports wait. */
async function pendingMembers(c: string, n: number): Promise<Array<{ openid: string; reportId: string }>> {
  const unit = t.cloud.store.find('units', { query: { pairedCommunityId: c } })[0] as { _id: string };
  const out = [];
  for (let i = 0; i < n; i++) {
    const m = await p.newMember({ unitId: unit._id });
    out.push({ openid: m.openid, reportId: m.report.id as string });
  }
  return out;
}

/** Verified members of `c` (made and verified one by one). */
async function verifiedMembers(c: string, n: number): Promise<string[]> {
  const members = await pendingMembers(c, n);
  for (const m of members)
    await p.ok(p.account('reviewReport', { reportId: m.reportId, decision: 'verify' }, secretaryOf(c)));
  return members.map((m) => m.openid);
}

const survey = (openid: string) =>
  p.ok(
    p.call(
      'sixOnes',
      'fileRecord',
      {
        kind: 'surveyReport',
        title: `停车难调研 ${++seq}`,
        note: '走访了三个小区听取居民意见',
        photos: [upload(openid)],
      },
      openid,
    ),
  );

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
}, 60_000);
afterAll(() => t.stop());

test('a secretary verifies 20 pending reports at once: all succeed, the community counts 20 more', async () => {
  const members = await pendingMembers('c01', 20);
  const before = { c01: reportedIn('c01'), county: counter('reported-county')?.reported ?? 0 };
  const replies = await Promise.all(
    members.map(
      (m) =>
        p.account('reviewReport', { reportId: m.reportId, decision: 'verify' }, 'demo-secretary') as Promise<Envelope>,
    ),
  );
  expect(all(replies)).toEqual(Array(20).fill('ok'));
  expect(reportedIn('c01')).toBe(before.c01 + 20);
  expect(counter('reported-county').reported).toBe(before.county + 20);
}, 120_000);

test('20 single-record approvals at once in one community: all succeed, the tallies move by exactly 20', async () => {
  const members = await verifiedMembers('c01', 20);
  const records = [];
  for (const m of members) records.push(await survey(m));
  const y = local(await clockNow(t)).year();
  const before = { c01: surveysDone(`community-c01-${y}`), county: surveysDone(`county-${y}`) };
  const replies = await Promise.all(
    records.map(
      (r) =>
        p.call(
          'sixOnes',
          'reviewRecords',
          { recordIds: [r.id], decision: 'approve' },
          'demo-secretary',
        ) as Promise<Envelope>,
    ),
  );
  expect(all(replies)).toEqual(Array(20).fill('ok'));
  expect(surveysDone(`community-c01-${y}`)).toBe(before.c01 + 20);
  expect(surveysDone(`county-${y}`)).toBe(before.county + 20);
}, 120_000);

// 140 approvals at once in one process: the local CloudBase runs them all on this machine's cores (CloudBase
// would run them in as many instances), so more would measure the test machine's load, not the counters.
test('all 14 secretaries approve 10 records each at the same moment: all 140 succeed, exactly counted', async () => {
  const y = local(await clockNow(t)).year();
  const byCommunity = new Map<string, string[]>();
  for (const c of COMMUNITIES) {
    // Five members of the community, two survey records each.
    const members = await verifiedMembers(c, 5);
    const ids: string[] = [];
    for (const m of members) for (let i = 0; i < 2; i++) ids.push((await survey(m)).id);
    byCommunity.set(c, ids);
  }
  const before = { county: counter(`county-${y}`), c: COMMUNITIES.map((c) => surveysDone(`community-${c}-${y}`)) };
  const calls = [...byCommunity].flatMap(([c, ids]) =>
    ids.map(
      (id) =>
        p.call(
          'sixOnes',
          'reviewRecords',
          { recordIds: [id], decision: 'approve' },
          secretaryOf(c),
        ) as Promise<Envelope>,
    ),
  );
  const replies = await Promise.all(calls);
  expect(all(replies).filter((r) => r !== 'ok')).toEqual([]);
  // Each member did their survey item once (two records each): 5 per community, 70 in the county.
  expect(COMMUNITIES.map((c) => surveysDone(`community-${c}-${y}`))).toEqual(before.c.map((n) => n + 5));
  expect(surveysDone(`county-${y}`)).toBe((before.county?.itemsDone?.survey ?? 0) + 70);
  // And the reconciliation from the records finds nothing to fix.
  const job = await runJob(t.cloud, 'reconcileTallies');
  expect(job.data).toMatchObject({ differences: 0 });
}, 300_000);

test('40 members check in to one activity at once: all succeed', async () => {
  const members = await verifiedMembers('c01', 40);
  const now = await clockNow(t);
  const place = { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 };
  const a = await p.ok(
    p.call(
      'sixOnes',
      'publishActivity',
      {
        type: 'symposium',
        title: `座谈 ${++seq}`,
        description: '听取在职党员意见',
        startAt: iso(now, 10),
        endAt: iso(now, 70),
        signUpBy: iso(now, 5),
        place,
        capacity: 40,
      },
      'demo-secretary',
    ),
  );
  for (const m of members) await p.ok(p.call('sixOnes', 'signUp', { activityId: a.id }, m));
  const { code } = await p.ok(p.call('sixOnes', 'checkInCode', { activityId: a.id }, 'demo-secretary'));
  const replies = await Promise.all(
    members.map((m) => p.call('sixOnes', 'checkIn', { activityId: a.id, code }, m) as Promise<Envelope>),
  );
  expect(all(replies)).toEqual(Array(40).fill('ok'));
  expect(t.cloud.store.count('records', { 'activity.id': a.id, status: 'pending' })).toBe(40);
}, 120_000);

test('20 residents of one grid report at once: all filed, the month’s counters count 20 more', async () => {
  const residents = [];
  for (let i = 0; i < 20; i++) residents.push((await p.newResident()).openid);
  const month = local(await clockNow(t)).format('YYYYMM');
  const submitted = (id: string) =>
    (t.cloud.store.find('caseMetrics', { query: { _id: id } })[0] as any)?.submitted ?? 0;
  const ids = [`grid-c01-g01-${month}`, `community-c01-${month}`, `county-county-${month}`];
  const before = ids.map(submitted);
  const replies = await Promise.all(
    residents.map(
      (r, i) =>
        p.call(
          'complaint',
          'submit',
          { category: '环境卫生', description: `楼下垃圾没人清运 ${i}`, location: { kind: 'address' } },
          r,
        ) as Promise<Envelope>,
    ),
  );
  expect(all(replies)).toEqual(Array(20).fill('ok'));
  expect(ids.map(submitted)).toEqual(before.map((n) => n + 20));
}, 120_000);

test('10 residents confirm 10 different fulfilled wishes at once: all succeed, each claimer credited', async () => {
  const members = await verifiedMembers('c01', 10);
  const y = local(await clockNow(t)).year();
  const wishes: Array<{ id: string; by: string }> = [];
  for (const m of members) {
    const r = (await p.newResident()).openid;
    const w = await p.ok(
      p.call('wish', 'submit', { category: '维修', description: `门锁坏了请帮忙 ${++seq}`, photos: [] }, r),
    );
    await p.ok(p.call('wish', 'review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker'));
    await p.ok(p.call('wish', 'claim', { wishId: w.id }, m));
    await p.ok(p.call('wish', 'fulfil', { wishId: w.id, photos: [upload(m)], note: '已换好门锁' }, m));
    wishes.push({ id: w.id, by: r });
  }
  const before = counter(`county-${y}`)?.itemsDone?.wish ?? 0;
  const replies = await Promise.all(
    wishes.map((w) => p.call('wish', 'confirm', { wishId: w.id, stars: 5 }, w.by) as Promise<Envelope>),
  );
  expect(all(replies)).toEqual(Array(10).fill('ok'));
  expect(counter(`county-${y}`).itemsDone.wish).toBe(before + 10);
  for (const m of members)
    expect((t.cloud.store.find('sixOnes', { query: { _id: `${m}-${y}` } })[0] as any).counts.wish).toBe(1);
  expect(SIX_ONES_ITEMS).toContain('wish');
}, 120_000);
