import { startLocalCloud, type TestCloud } from '../helpers/localCloud';

type Envelope = { ok: boolean; data?: any; error?: { code: string; message: string }; requestId: string };
let t: TestCloud;
const call = (action: string, payload: unknown, openid: string) =>
  t.invoke('sixOnes', { action, payload }, openid) as Promise<Envelope>;
const ok = async (p: Promise<Envelope>) => {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.error?.code}: ${r.error?.message} ${JSON.stringify((r.error as any)?.details ?? '')}`);
  return r.data;
};

beforeAll(async () => {
  t = await startLocalCloud();
});
afterAll(() => t.stop());

it('publish → sign up → check in with the code → approve → 我的六个一', async () => {
  const now = Date.now();
  const a = await ok(
    call(
      'publishActivity',
      {
        type: 'partyMeeting',
        title: '十二月主题党日',
        description: '学习交流',
        startAt: new Date(now + 10 * 60_000).toISOString(),
        endAt: new Date(now + 70 * 60_000).toISOString(),
        signUpBy: new Date(now + 5 * 60_000).toISOString(),
        place: { name: '社区党群服务中心', lat: 25.85, lng: 114.93, radius: 200 },
        capacity: 30,
      },
      'demo-secretary',
    ),
  );
  expect(a).toMatchObject({ phase: 'checkIn', signedUp: 0 });
  const signed = await ok(call('signUp', { activityId: a.id }, 'demo-member'));
  expect(signed).toMatchObject({ signedUp: 1, mine: { signedUp: true } });
  const code = await ok(call('checkInCode', { activityId: a.id }, 'demo-secretary'));
  expect(await call('checkIn', { activityId: a.id, code: '00000000' }, 'demo-member')).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const checked = await ok(call('checkIn', { activityId: a.id, code: code.code }, 'demo-member'));
  expect(checked.mine.checkedInAt).toBeTruthy();
  const queue = await ok(call('recordQueue', {}, 'demo-secretary'));
  const rec = queue.items.find((r: any) => r.activity?.id === a.id);
  expect(rec).toMatchObject({ status: 'pending', item: 'partyMeeting' });
  const out = await ok(call('reviewRecords', { recordIds: [rec.id], decision: 'approve' }, 'demo-secretary'));
  expect(out.changed).toEqual([rec.id]);
  const again = await ok(call('reviewRecords', { recordIds: [rec.id], decision: 'approve' }, 'demo-secretary'));
  expect(again.unchanged).toEqual([rec.id]);
  const mine = await ok(call('myYear', {}, 'demo-member'));
  expect(mine.items.find((i: any) => i.item === 'partyMeeting').done).toBe(true);
  const tally = await ok(call('tally', { scope: 'community' }, 'demo-secretary'));
  expect(tally.itemsDone.partyMeeting).toBeGreaterThanOrEqual(1);
  expect(tally.reported).toBeGreaterThan(0);
  const progress = await ok(call('progress', { scope: 'community' }, 'demo-secretary'));
  expect(progress.items.length).toBeGreaterThan(0);
  const overview = await ok(call('overview', {}, 'demo-county-admin'));
  expect(overview.communities.length).toBeGreaterThan(0);
  const job = await t.cloud.functions.invoke('scheduler', { Type: 'Timer', TriggerName: 'reconcileTallies' }, {});
  expect(job).toMatchObject({ ok: true, data: { differences: 0 } });
});
