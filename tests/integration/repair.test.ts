import { localFunctionEnv } from '../../emulator/functions/env';
import { countersFrom } from '../../server/complaints/metrics';
import { codeFor, slotAt } from '../../server/sixOnes/checkin';
import { SETTLE_MS } from '../../server/repair';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, clockNow, people, type People } from '../helpers/people';
import { type JobName, runJob, tick } from '../helpers/jobs';

/**
 * Counters kept outside a transaction are repaired from their documents: what a function that
 * died between a step and its counter leaves behind (a phantom sign-up, a leaked claim slot, a
 * month's metrics one short) is found and fixed by the daily job, and capacity and the claim cap
 * are usable again. A daily job the timer missed runs at the next tick.
 */

let t: TestCloud;
let p: People;
let seq = 0;
const MIN = 60_000;

const fire = (name: JobName) => runJob(t.cloud, name);
const bump = (collection: string, id: string, inc: Record<string, number>) =>
  t.cloud.store.update(collection, { _id: id }, { $inc: inc }, { multi: false, merge: true, upsert: false });
const settle = () => advanceClock(t, SETTLE_MS + MIN);
const iso = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN).toISOString();

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

test('phantom sign-ups (counted, never written) are repaired, and the places can be taken again', async () => {
  const now = await clockNow(t);
  const a = await p.ok(
    p.call(
      'sixOnes',
      'publishActivity',
      {
        type: 'volunteer',
        title: `清理楼道 ${++seq}`,
        description: '清理楼道杂物',
        startAt: iso(now, 120),
        endAt: iso(now, 180),
        signUpBy: iso(now, 100),
        place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
        capacity: 2,
      },
      'demo-secretary',
    ),
  );
  // Two sign-ups died after taking their place.
  bump('activities', a.id, { signedUp: 2 });
  expect(await p.call('sixOnes', 'signUp', { activityId: a.id }, 'demo-member')).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT' },
  });
  await settle();
  const run = await fire('repairCounters');
  expect(run.data.signups.fixed).toBeGreaterThanOrEqual(1);
  expect(p.doc('activities', a.id).signedUp).toBe(0);
  expect((await p.call('sixOnes', 'signUp', { activityId: a.id }, 'demo-member')).ok).toBe(true);
  expect(p.doc('activities', a.id).signedUp).toBe(1);
});

test('leaked claim slots are given back: the member can claim again', async () => {
  // A verified member of c01 with no claim at all, whose three slots leaked.
  const member = (t.cloud.store.find('users', { query: { _id: { $regex: '^seed-member-' } } }) as any[]).find(
    (u) =>
      u.roles.some((g: any) => g.role === 'member' && g.verified && g.communityId === 'c01') &&
      t.cloud.store.count('wishes', { status: 'claimed', 'claim.openid': u._id }) === 0,
  )._id as string;
  t.cloud.store.update(
    'users',
    { _id: member },
    { $set: { activeClaims: 3 } },
    { multi: false, merge: true, upsert: false },
  );
  const r = (await p.newResident()).openid;
  const w = await p.ok(
    p.call('wish', 'submit', { category: '维修', description: `窗户关不上 ${++seq}`, photos: [] }, r),
  );
  await p.ok(p.call('wish', 'review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker'));
  expect(await p.call('wish', 'claim', { wishId: w.id }, member)).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT' },
  });
  await settle();
  const run = await fire('repairCounters');
  expect(run.data.claims.fixed).toBeGreaterThanOrEqual(1);
  expect(p.doc('users', member).activeClaims).toBe(0);
  expect((await p.call('wish', 'claim', { wishId: w.id }, member)).ok).toBe(true);
  expect(p.doc('users', member).activeClaims).toBe(1);
});

test('complaint metrics one short (a bump lost) or one over are recomputed from the cases', async () => {
  const c = await p.ok(
    p.call(
      'complaint',
      'submit',
      { category: '噪音', description: `夜间施工 ${++seq}`, location: { kind: 'address' } },
      'demo-resident',
    ),
  );
  const month = p.doc('cases', c.id).month as string;
  bump('caseMetrics', `community-c01-${month}`, { submitted: -1, resolved: 2 });
  bump('caseMetrics', `county-county-${month}`, { submitted: 5 });
  const expected = () => new Map(countersFrom(t.cloud.store.find('cases', {}) as any[]).map((d) => [d._id, d]));
  const community = `community-c01-${month}`;
  // Within the settle window the field the case just moved (submitted) is left alone — its
  // increment may be on its way — while the others (resolved) are fixed at once.
  await fire('repairCounters');
  expect(p.doc('caseMetrics', community).submitted).toBe(expected().get(community)!.submitted - 1);
  expect(p.doc('caseMetrics', community).resolved).toBe(expected().get(community)!.resolved);
  await settle();
  expect((await fire('repairCounters')).data.caseMetrics.fixed).toBeGreaterThanOrEqual(2);
  for (const id of [community, `county-county-${month}`])
    expect(p.doc('caseMetrics', id)).toMatchObject({
      submitted: expected().get(id)!.submitted,
      resolved: expected().get(id)!.resolved,
    });
  expect((await fire('repairCounters')).data.caseMetrics.fixed).toBe(0);
});

test('a counter that moved while the job ran is not rewritten', async () => {
  const now = await clockNow(t);
  const a = await p.ok(
    p.call(
      'sixOnes',
      'publishActivity',
      {
        type: 'volunteer',
        title: `植树 ${++seq}`,
        description: '社区植树',
        startAt: iso(now, 120),
        endAt: iso(now, 180),
        signUpBy: iso(now, 100),
        place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
        capacity: 5,
      },
      'demo-secretary',
    ),
  );
  // A sign-up's place taken just now, its document not yet written: in flight, not a crash.
  t.cloud.store.update(
    'activities',
    { _id: a.id },
    { $inc: { signedUp: 1 }, $set: { signedUpMovedAt: await clockNow(t) } },
    { multi: false, merge: true, upsert: false },
  );
  await fire('repairCounters');
  expect(p.doc('activities', a.id).signedUp).toBe(1);
});

test('a daily job the timer missed (the service was down at its hour) runs at the next tick', async () => {
  // repairCounters last ran two days ago; meanwhile a slot leaked.
  await fire('repairCounters');
  const member = 'demo-member';
  t.cloud.store.update(
    'users',
    { _id: member },
    { $set: { activeClaims: 3 } },
    { multi: false, merge: true, upsert: false },
  );
  const held = t.cloud.store.count('wishes', { status: 'claimed', 'claim.openid': member });
  t.cloud.store.update(
    'jobRuns',
    { _id: 'scheduler.repairCounters' },
    { $set: { lastRunAt: new Date((await clockNow(t)).getTime() - 2 * 86_400_000) } },
    { multi: false, merge: true, upsert: false },
  );
  await settle();
  // The 5-minute trigger's next tick (the clock moved past one) ran the missed daily repair.
  expect((await tick(t.cloud)).ok).toBe(true);
  expect(p.doc('users', member).activeClaims).toBe(held);
  expect(new Date(p.doc('jobRuns', 'scheduler.repairCounters').lastRunAt).getTime()).toBeGreaterThan(
    (await clockNow(t)).getTime() - MIN,
  );
});

test('a check-in that died between its mark and its record: the next check-in makes the record, and so does the job', async () => {
  const now = await clockNow(t);
  const publish = (title: string) =>
    p.ok(
      p.call(
        'sixOnes',
        'publishActivity',
        {
          type: 'symposium',
          title: `${title} ${++seq}`,
          description: '在职党员座谈',
          startAt: iso(now, 20),
          endAt: iso(now, 80),
          signUpBy: iso(now, 10),
          place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
          capacity: 5,
        },
        'demo-secretary',
      ),
    );
  const [a, b] = [await publish('座谈甲'), await publish('座谈乙')];
  for (const x of [a, b]) await p.ok(p.call('sixOnes', 'signUp', { activityId: x.id }, 'demo-member'));
  // Both marked checked in; the function died before the attendance record.
  const died = async (activityId: string) =>
    t.cloud.store.update(
      'signups',
      { _id: `${activityId}-demo-member` },
      { $set: { checkIn: { at: await clockNow(t), manual: false, by: null, reason: null, distance: null } } },
      { multi: false, merge: true, upsert: false },
    );
  await died(a.id);
  await died(b.id);
  const record = (activityId: string) =>
    t.cloud.store.find('records', { query: { _id: `act-${activityId}-demo-member` } })[0];
  expect([record(a.id), record(b.id)]).toEqual([undefined, undefined]);

  // The member checks in to A again: already checked in, and now with its record.
  const code = codeFor(a.id, slotAt(await clockNow(t)), localFunctionEnv().TXY_CHECKIN_SECRET);
  const again = await p.ok(p.call('sixOnes', 'checkIn', { activityId: a.id, code }, 'demo-member'));
  expect(again.mine.checkedInAt).not.toBeNull();
  expect(record(a.id)).toMatchObject({ status: 'pending', kind: 'attendance', openid: 'demo-member' });

  // B is left to the daily repair, once the check-in has settled.
  await settle();
  const run = await fire('repairCounters');
  expect(run.data.signups.recordsMade).toBe(1);
  expect(record(b.id)).toMatchObject({ status: 'pending', kind: 'attendance', item: 'symposium' });
  expect((await fire('repairCounters')).data.signups.recordsMade).toBe(0);
});
