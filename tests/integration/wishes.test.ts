import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { people, type People } from '../helpers/people';

type Envelope = { ok: boolean; data?: any; error?: { code: string; message: string }; requestId: string };

let t: TestCloud;
let p: People;
let seq = 0;
const DAY = 24 * 3600 * 1000;
const call = (action: string, payload: unknown, openid: string) =>
  t.invoke('wish', { action, payload }, openid) as Promise<Envelope>;
const ok = async (p: Promise<Envelope>) => {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.error?.code}: ${r.error?.message}`);
  return r.data;
};
const wishDoc = (id: string) => t.cloud.store.find('wishes', { query: { _id: id } })[0] as any;
const upload = (openid: string) =>
  t.cloud.storage.put(`uploads/${openid}/photo-${++seq}.png`, Buffer.from(`png ${seq}`));
const moveClock = async (ms: number) =>
  (
    await fetch(`${t.url}/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: ms }),
    })
  ).json();

/** The verified members of the seed (20 seed members and demo-member). */
const members = () =>
  t.cloud.store
    .find('users', { query: { roles: { $elemMatch: { role: 'member', verified: true } } } })
    .map((u) => u._id as string);

async function submitted(by = 'demo-resident', description = `楼道灯坏了请帮忙更换 ${++seq}`) {
  return ok(call('submit', { category: '维修', description, photos: [upload(by)] }, by));
}
async function published(by = 'demo-resident') {
  const w = await submitted(by);
  return ok(call('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker'));
}
async function claimedBy(member: string) {
  const w = await published();
  return ok(call('claim', { wishId: w.id }, member));
}
async function fulfilledBy(member: string) {
  const w = await claimedBy(member);
  return ok(call('fulfil', { wishId: w.id, photos: [upload(member)], note: '已经上门更换好了' }, member));
}

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

describe('submitting and reviewing', () => {
  it("a resident's wish goes to the grid of their address, with its timeline", async () => {
    const w = await submitted();
    expect(w).toMatchObject({ status: 'submitted', community: { id: 'c01' }, gridId: 'c01-g01', can: ['withdraw'] });
    expect(w.timeline).toEqual([
      expect.objectContaining({ action: 'submit', from: null, to: 'submitted', by: 'demo-resident' }),
    ]);
    expect(w.photos[0].url).toMatch(/^http/);
  });

  it.each([
    ['an unknown category', { category: '旅游', description: '想去北京看看天安门' }],
    ['a too short description', { category: '维修', description: '灯' }],
    ['an overlong description', { category: '维修', description: '灯'.repeat(501) }],
    ['four photos', { category: '维修', description: '楼道灯坏了', photos: [1, 2, 3, 4].map(() => 'x') }],
    [
      'a file that is not an upload id',
      { category: '维修', description: '楼道灯坏了', photos: ['https://evil/x.png'] },
    ],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_label, payload) => {
    const before = t.cloud.store.count('wishes', {});
    expect(await call('submit', payload, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(t.cloud.store.count('wishes', {})).toBe(before);
  });

  it("refuses a photo that is another person's upload", async () => {
    const theirs = upload('demo-resident-2');
    const res = await call(
      'submit',
      { category: '维修', description: '楼道灯坏了', photos: [theirs] },
      'demo-resident',
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('text failing the content check is held: staff see it flagged and cannot publish it', async () => {
    const w = await ok(
      call('submit', { category: '其他', description: '帮我找违禁测试词相关的东西', photos: [] }, 'demo-resident'),
    );
    const [queued] = (await ok(call('reviewQueue', {}, 'demo-grid-worker'))).filter((q: any) => q.id === w.id);
    expect(queued.flagged).toBe(true);
    expect(await call('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker')).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED' },
    });
    expect(wishDoc(w.id).status).toBe('submitted');
  });

  it('publishing notifies the submitter; rejecting needs a reason', async () => {
    const w = await submitted();
    expect(await call('review', { wishId: w.id, decision: 'reject' }, 'demo-grid-worker')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const before = t.cloud.outbox.all({ touser: 'demo-resident' }).length;
    const p = await ok(call('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker'));
    expect(p.status).toBe('published');
    const told = t.cloud.outbox.all({ touser: 'demo-resident' });
    expect(told).toHaveLength(before + 1);
    // A tap on the message opens this wish.
    expect(told.at(-1)!.page).toBe(`packages/resident/pages/wish-detail/index?id=${w.id}`);
    expect(await call('review', { wishId: w.id, decision: 'reject', reason: '重复' }, 'demo-secretary')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('staff of another community cannot review, nothing changes', async () => {
    const w = await submitted();
    expect(await call('review', { wishId: w.id, decision: 'publish' }, 'seed-secretary-c03')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(wishDoc(w.id).status).toBe('submitted');
  });

  it('the submitter withdraws an unclaimed wish, but not a claimed one', async () => {
    const w = await published();
    expect((await ok(call('withdraw', { wishId: w.id }, 'demo-resident'))).status).toBe('withdrawn');
    const c = await claimedBy('demo-member');
    expect(await call('withdraw', { wishId: c.id }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(wishDoc(c.id).status).toBe('claimed');
  });
});

describe('the hall and claiming', () => {
  it('最新 is newest first across communities, 等待最久 oldest first: the sort chosen is the sort applied', async () => {
    const elsewhere = await submitted('demo-multi');
    await ok(call('review', { wishId: elsewhere.id, decision: 'publish' }, 'seed-grid-c02-g01-1'));
    const newest = await ok(call('hall', {}, 'demo-member'));
    // The c02 wish, published last, leads 最新 though the member lives in c01.
    expect(newest.items[0].id).toBe(elsewhere.id);
    const times = newest.items.map((w: any) => w.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const oldest = await ok(call('hall', { sort: 'oldest' }, 'demo-member'));
    const oldTimes = oldest.items.map((w: any) => w.publishedAt);
    expect([...oldTimes].sort()).toEqual(oldTimes);
    expect(oldTimes[0] <= times[times.length - 1]).toBe(true);
  });

  it("本社区优先 (ownFirst) lists the member's own community first, 20 a page, each part newest first", async () => {
    // One wish in c02 (demo-multi lives there) and enough in c01 to fill more than a page.
    const elsewhere = await submitted('demo-multi');
    // demo-multi is also c02's secretary, but never reviews her own wish: her grid's head does.
    await ok(call('review', { wishId: elsewhere.id, decision: 'publish' }, 'seed-grid-c02-g01-1'));
    for (let i = 0; i < 21; i++) await published();
    const first = await ok(call('hall', { sort: 'ownFirst' }, 'demo-member'));
    expect(first.items).toHaveLength(20);
    expect(first.items.every((w: any) => w.community.id === 'c01')).toBe(true);
    const times = first.items.map((w: any) => w.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    let page = first;
    const seen = [...first.items];
    while (page.next !== null) {
      page = await ok(call('hall', { sort: 'ownFirst', from: page.next }, 'demo-member'));
      seen.push(...page.items);
    }
    // Own community (c01) first, then every other community; nothing twice; our c02 wish listed.
    const firstElsewhere = seen.findIndex((w: any) => w.community.id !== 'c01');
    expect(firstElsewhere).toBeGreaterThanOrEqual(21);
    expect(seen.slice(firstElsewhere).every((w: any) => w.community.id !== 'c01')).toBe(true);
    expect(seen.some((w: any) => w.id === elsewhere.id)).toBe(true);
    expect(new Set(seen.map((w: any) => w.id)).size).toBe(seen.length);
  });

  it('masks the beneficiary for other members and shows it to the claimer', async () => {
    const w = await published();
    const hallView = (await ok(call('detail', { wishId: w.id }, 'seed-member-01'))).beneficiary;
    expect(hallView).toEqual({
      name: '张*',
      phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
      address: null,
      masked: true,
    });
    const claimed = await ok(call('claim', { wishId: w.id }, 'seed-member-01'));
    expect(claimed.beneficiary).toMatchObject({ name: '张秀兰', masked: false });
    // Community, then the building once: her registered door already names it (凤凰名苑1栋2单元301室).
    expect(claimed.beneficiary.address).toMatch(/^潋江社区 [^ ]+栋2单元301室$/);
    expect((await ok(call('detail', { wishId: w.id }, 'seed-member-02'))).beneficiary.masked).toBe(true);
    expect((await ok(call('detail', { wishId: w.id }, 'demo-secretary'))).beneficiary.masked).toBe(false);
  });

  it('20 members claiming the same wish at once: 1 wins, 19 get CONFLICT', async () => {
    const w = await published();
    const claimers = members().slice(0, 20);
    expect(claimers).toHaveLength(20);
    const slots = (m: string) =>
      (t.cloud.store.find('users', { query: { _id: m } })[0].activeClaims as number | undefined) ?? 0;
    const before = claimers.map(slots);
    const results = await Promise.all(claimers.map((m) => call('claim', { wishId: w.id }, m)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.error!.code)).toEqual(Array(19).fill('CONFLICT'));
    const winner = claimers[results.findIndex((r) => r.ok)];
    expect(wishDoc(w.id)).toMatchObject({ status: 'claimed', claim: { openid: winner } });
    // Only the winner's slot count moved; giving the wish back frees it again.
    expect(claimers.map(slots)).toEqual(claimers.map((m, i) => before[i] + (m === winner ? 1 : 0)));
    await ok(call('cancelClaim', { wishId: w.id, reason: '测试结束归还' }, winner));
    expect(claimers.map(slots)).toEqual(before);
  });

  it('a member holds at most 3 active claims, also when claiming 5 at once', async () => {
    const member = 'seed-member-07';
    const wishes = await Promise.all([1, 2, 3, 4, 5].map(() => published()));
    const results = await Promise.all(wishes.map((w) => call('claim', { wishId: w.id }, member)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => r.error!.code === 'CONFLICT')).toBe(true);
    expect(t.cloud.store.count('wishes', { status: 'claimed', 'claim.openid': member })).toBe(3);
    // Fulfilling one frees a slot.
    const mine = results.filter((r) => r.ok).map((r) => r.data.id);
    await ok(call('fulfil', { wishId: mine[0], photos: [upload(member)], note: '已经送到了' }, member));
    const left = wishes.find((w) => !mine.includes(w.id))!;
    expect((await ok(call('claim', { wishId: left.id }, member))).status).toBe('claimed');
  });

  it('an unverified member cannot claim', async () => {
    const w = await published();
    expect(await call('claim', { wishId: w.id }, 'demo-member-pending')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(wishDoc(w.id).status).toBe('published');
  });

  it('illegal transitions change nothing', async () => {
    const rejected = await submitted();
    await ok(
      call('review', { wishId: rejected.id, decision: 'reject', reason: '不属于微心愿范围' }, 'demo-grid-worker'),
    );
    expect(await call('claim', { wishId: rejected.id }, 'demo-member')).toMatchObject({ ok: false });
    expect(wishDoc(rejected.id).status).toBe('rejected');

    const claimed = await claimedBy('seed-member-08');
    expect(
      await call(
        'fulfil',
        { wishId: claimed.id, photos: [upload('seed-member-10')], note: '我帮他做了' },
        'seed-member-10',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await call('confirm', { wishId: claimed.id, stars: 5 }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(wishDoc(claimed.id).status).toBe('claimed');
  });

  it('the claimer cancels with a reason: published again, submitter told', async () => {
    const c = await claimedBy('seed-member-11');
    const before = t.cloud.outbox.all({ touser: 'demo-resident' }).length;
    const w = await ok(call('cancelClaim', { wishId: c.id, reason: '临时出差无法完成' }, 'seed-member-11'));
    expect(w).toMatchObject({ status: 'published', claim: null });
    expect(w.timeline.at(-1)).toMatchObject({ action: 'cancelClaim', note: '临时出差无法完成' });
    expect(t.cloud.outbox.all({ touser: 'demo-resident' })).toHaveLength(before + 1);
  });

  it('fulfilment needs 1–9 photos of the claimer and a note', async () => {
    const c = await claimedBy('seed-member-13');
    expect(await call('fulfil', { wishId: c.id, photos: [], note: '好了' }, 'seed-member-13')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await call(
        'fulfil',
        { wishId: c.id, photos: Array.from({ length: 10 }, () => upload('seed-member-13')), note: '好了' },
        'seed-member-13',
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('completion', () => {
  it('the resident confirms and rates; the claimer’s 六个一 item `wish` is credited once', async () => {
    const member = 'seed-member-14';
    const f = await fulfilledBy(member);
    const done = await ok(call('confirm', { wishId: f.id, stars: 5, comment: '非常感谢' }, 'demo-resident'));
    expect(done).toMatchObject({ status: 'completed', rating: { stars: 5, comment: '非常感谢', byStaff: false } });
    const year = new Date().getUTCFullYear();
    const record = t.cloud.store.find('records', { query: { _id: `wish-${f.id}` } })[0];
    expect(record).toMatchObject({
      openid: member,
      item: 'wish',
      status: 'approved',
      kind: 'wish',
      wishId: f.id,
    });
    const memberYear = t.cloud.store.find('sixOnes', { query: { _id: `${member}-${record.year}` } })[0];
    expect(memberYear).toMatchObject({ done: { wish: true }, counts: { wish: 1 }, doneCount: 1 });
    expect(record.year).toBeGreaterThanOrEqual(year);
    expect(await call('confirm', { wishId: f.id, stars: 4 }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(t.cloud.store.count('records', { openid: member, item: 'wish' })).toBe(1);
  });

  it('a second completed wish counts the record but not the member twice in the tallies', async () => {
    const member = 'seed-member-16';
    const { now } = (await (await fetch(`${t.url}/dev/clock`)).json()) as { now: string };
    const year = Number(new Date(new Date(now).getTime() + 8 * 3600_000).toISOString().slice(0, 4)); // Asia/Shanghai
    // The county's counter is the sum of its shards.
    const tally = () =>
      (t.cloud.store.find('tallies', { query: { base: `county-${year}` } }) as any[]).reduce(
        (n, shard) => n + (shard.itemsDone?.wish ?? 0),
        0,
      );
    const before = tally();
    for (let i = 0; i < 2; i++) {
      const f = await fulfilledBy(member);
      await ok(call('confirm', { wishId: f.id, stars: 4 }, 'demo-resident'));
    }
    expect(tally()).toBe(before + 1);
    const memberYear = t.cloud.store.find('sixOnes', { query: { openid: member } })[0] as any;
    expect(memberYear.counts.wish).toBe(2);
  });

  it('staff may confirm for the resident only 7 days after fulfilment, saying how they verified', async () => {
    const f = await fulfilledBy('seed-member-17');
    const early = await call(
      'confirmForResident',
      { wishId: f.id, verifiedHow: '电话回访居民本人' },
      'demo-grid-worker',
    );
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await moveClock(7 * 24 * 3600 * 1000 + 1000);
    const done = await ok(
      call('confirmForResident', { wishId: f.id, verifiedHow: '电话回访居民本人' }, 'demo-grid-worker'),
    );
    expect(done).toMatchObject({ status: 'completed', rating: { byStaff: true } });
    expect(done.timeline.at(-1)).toMatchObject({ action: 'confirmForResident', note: '电话回访居民本人' });
  });
});

describe('a grid worker on behalf of a resident without a phone', () => {
  const place = (microGridId: string) => {
    const micro = t.cloud.store.find('grids', { query: { _id: microGridId } })[0] as any;
    const community = t.cloud.store.find('communities', { query: { _id: micro.communityId } })[0] as any;
    return `${community.name} ${micro.name}`;
  };
  const forResident = (microGridId: string, extra: Record<string, unknown> = {}) => ({
    category: '生活物资',
    description: `独居老人家里的米吃完了，想请人送一袋大米 ${++seq}`,
    beneficiary: { name: '刘桂英', address: '3单元201室' },
    onBehalf: { microGridId },
    ...extra,
  });

  it('submits for a building of their own grid: the wish waits in the review queue as theirs, for the named resident', async () => {
    const photo = upload('demo-grid-worker');
    const w = await ok(call('submit', forResident('c01-g01-m2', { photos: [photo] }), 'demo-grid-worker'));
    expect(w).toMatchObject({
      status: 'submitted',
      community: { id: 'c01' },
      gridId: 'c01-g01',
      onBehalf: { byName: '钟晓燕' },
      beneficiary: { name: '刘桂英', phone: '', address: `${place('c01-g01-m2')} 3单元201室`, masked: false },
      // Theirs: a colleague reviews it (see "staff never review or confirm their own wish").
      can: ['withdraw'],
    });
    expect(w.timeline).toEqual([
      expect.objectContaining({ action: 'submit', by: 'demo-grid-worker', role: 'gridWorker', to: 'submitted' }),
    ]);
    expect(wishDoc(w.id)).toMatchObject({
      submitterOpenid: 'demo-grid-worker',
      onBehalf: true,
      microGridId: 'c01-g01-m2',
      photos: [photo],
    });
    // In the review queues of the grid and of the community, and in the worker's own list.
    for (const reviewer of ['demo-grid-worker', 'demo-secretary']) {
      const queued = (await ok(call('reviewQueue', {}, reviewer))).find((q: any) => q.id === w.id);
      expect(queued).toMatchObject({ onBehalf: { byName: '钟晓燕' }, beneficiary: { name: '刘桂英' } });
    }
    expect((await ok(call('mine', {}, 'demo-grid-worker'))).map((m: any) => m.id)).toContain(w.id);

    // Published, the hall masks the resident (and the worker's name with it).
    await ok(call('review', { wishId: w.id, decision: 'publish' }, 'demo-secretary'));
    const seen = await ok(call('detail', { wishId: w.id }, 'seed-member-02'));
    expect(seen).toMatchObject({
      beneficiary: { name: '刘*', address: null, masked: true },
      onBehalf: { byName: '钟*', phone: null },
    });
    // The resident has no phone: the member who claims it reaches her through the grid worker.
    const workerPhone = (t.cloud.store.find('users', { query: { _id: 'demo-grid-worker' } })[0] as any).phone;
    expect(workerPhone).toMatch(/^1\d{10}$/);
    const claimed = await ok(call('claim', { wishId: w.id }, 'seed-member-02'));
    expect(claimed).toMatchObject({
      beneficiary: { phone: '', masked: false },
      onBehalf: { byName: '钟晓燕', phone: workerPhone },
    });
    expect((await ok(call('detail', { wishId: w.id }, 'seed-member-01'))).onBehalf).toEqual({
      byName: '钟*',
      phone: null,
    });
  });

  it('keeps the phone when the resident has one, and takes back a wish as the grid worker', async () => {
    const w = await ok(
      call(
        'submit',
        forResident('c01-g01-m1', { beneficiary: { name: '刘桂英', phone: '13907971234', address: '1单元' } }),
        'demo-grid-worker',
      ),
    );
    expect(w.beneficiary).toMatchObject({ phone: '13907971234', address: `${place('c01-g01-m1')} 1单元` });
    const back = await ok(call('withdraw', { wishId: w.id }, 'demo-grid-worker'));
    expect(back.timeline.at(-1)).toMatchObject({ action: 'withdraw', role: 'gridWorker' });
  });

  it.each([
    ['a building of another grid of the community', 'demo-grid-worker', 'c01-g02-m1'],
    ['a building of another community', 'demo-grid-worker', 'c03-g01-m1'],
    ['a resident who is no grid worker', 'demo-resident', 'c01-g01-m1'],
    ['a secretary (only grid workers submit for residents)', 'demo-secretary', 'c01-g01-m1'],
  ])('refuses %s with FORBIDDEN and stores nothing', async (_label, openid, microGridId) => {
    const before = t.cloud.store.count('wishes', {});
    expect(await call('submit', forResident(microGridId), openid)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(t.cloud.store.count('wishes', {})).toBe(before);
  });

  it.each([
    ['no beneficiary', { beneficiary: undefined }],
    ['no door within the building', { beneficiary: { name: '刘桂英' } }],
    ['a beneficiary without a valid name', { beneficiary: { name: '1', address: '3单元201室' } }],
    ['an unknown building', { onBehalf: { microGridId: 'c01-g01-m99' } }],
    ['a grid instead of a building', { onBehalf: { microGridId: 'c01-g01' } }],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_label, extra) => {
    const before = t.cloud.store.count('wishes', {});
    expect(await call('submit', forResident('c01-g01-m1', extra), 'demo-grid-worker')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(t.cloud.store.count('wishes', {})).toBe(before);
  });
});

describe('fulfilled wishes awaiting the resident’s confirmation (staff)', () => {
  const awaiting = async (openid: string) => (await ok(call('awaitingConfirmation', {}, openid))) as any[];
  const ids = (list: any[]) => list.map((w) => w.id);

  it('lists, to staff in scope only, wishes fulfilled 7 days ago or more, longest waiting first; confirming removes one', async () => {
    const old = await fulfilledBy('seed-member-20');
    // One in the community's second grid, submitted by its grid worker for a resident.
    const otherWorker = 'seed-grid-c01-g02-1';
    const elsewhere = await ok(
      call(
        'submit',
        {
          category: '维修',
          description: `家里的水龙头漏水，想请人修一修 ${++seq}`,
          beneficiary: { name: '温德明', address: '2单元102室' },
          onBehalf: { microGridId: 'c01-g02-m1' },
        },
        otherWorker,
      ),
    );
    // Theirs, so the secretary reviews it.
    await ok(call('review', { wishId: elsewhere.id, decision: 'publish' }, 'demo-secretary'));
    await ok(call('claim', { wishId: elsewhere.id }, 'seed-member-22'));
    await ok(
      call(
        'fulfil',
        { wishId: elsewhere.id, photos: [upload('seed-member-22')], note: '换了新龙头' },
        'seed-member-22',
      ),
    );
    expect(ids(await awaiting('demo-grid-worker'))).not.toContain(old.id);

    await moveClock(7 * DAY + 60_000);
    const fresh = await fulfilledBy('seed-member-23');

    const { result, requests } = await p.dbRequests(() => awaiting('demo-grid-worker'));
    expect(requests).toBeLessThanOrEqual(2);
    expect(ids(result)).toContain(old.id);
    expect(ids(result)).not.toContain(fresh.id);
    expect(ids(result)).not.toContain(elsewhere.id);
    const { now } = (await (await fetch(`${t.url}/dev/clock`)).json()) as { now: string };
    for (const w of result) {
      expect(w).toMatchObject({ status: 'fulfilled', gridId: 'c01-g01', beneficiary: { masked: false } });
      expect(w.can).toContain('confirmForResident');
      expect(Date.parse(now) - Date.parse(w.fulfilment.at)).toBeGreaterThanOrEqual(7 * DAY);
    }
    const times = result.map((w: any) => w.fulfilment.at);
    expect([...times].sort()).toEqual(times);
    expect(result.find((w: any) => w.id === old.id)).toMatchObject({
      claim: { claimerName: expect.any(String) },
      fulfilment: { note: '已经上门更换好了' },
    });

    // The other grid's worker sees only theirs; the secretary the whole community; another community's none of these.
    const theirs = await awaiting(otherWorker);
    expect(ids(theirs)).toContain(elsewhere.id);
    expect(ids(theirs)).not.toContain(old.id);
    expect(theirs.every((w) => w.gridId === 'c01-g02')).toBe(true);
    const community = await awaiting('demo-secretary');
    expect(ids(community)).toEqual(expect.arrayContaining([old.id, elsewhere.id]));
    expect(ids(community)).not.toContain(fresh.id);
    expect(community.every((w) => w.community.id === 'c01')).toBe(true);
    const c03 = await awaiting('seed-secretary-c03');
    expect(ids(c03)).not.toEqual(expect.arrayContaining([old.id]));
    expect(c03.every((w) => w.community.id === 'c03')).toBe(true);

    // Confirmed on the resident's behalf: off the list.
    await ok(call('confirmForResident', { wishId: old.id, verifiedHow: '上门回访居民本人' }, 'demo-secretary'));
    expect(ids(await awaiting('demo-grid-worker'))).not.toContain(old.id);
    expect(ids(await awaiting('demo-secretary'))).not.toContain(old.id);
    expect(ids(await awaiting('demo-secretary'))).toContain(elsewhere.id);
  });

  it('is for grid workers and secretaries only', async () => {
    for (const openid of ['demo-resident', 'demo-member', 'demo-county-admin']) {
      expect(await call('awaitingConfirmation', {}, openid)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await call('awaitingConfirmation', { gridId: 'c01-g02' }, 'demo-grid-worker')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('claim expiry (scheduler)', () => {
  it('a claim unfulfilled for 14 days goes back to published and both sides are told', async () => {
    const member = 'seed-member-19';
    const c = await claimedBy(member);
    const told = (who: string) => t.cloud.outbox.all({ touser: who }).length;
    const [resident, claimer] = [told('demo-resident'), told(member)];
    const { ran } = await moveClock(14 * 24 * 3600 * 1000 + 3600 * 1000);
    // The scheduler's one trigger fired as the clock passed its slots, and ran the claim expiry.
    expect(ran.map((r: any) => r.trigger)).toEqual(['tick']);
    expect(Object.keys(ran[0].result.data.ran)).toContain('expireClaims');
    expect(wishDoc(c.id)).toMatchObject({ status: 'published', claim: null });
    expect(wishDoc(c.id).timeline.at(-1)).toMatchObject({ action: 'expire', by: 'system' });
    expect(told('demo-resident')).toBeGreaterThan(resident);
    expect(told(member)).toBeGreaterThan(claimer);
    expect(t.cloud.store.find('users', { query: { _id: member } })[0].activeClaims).toBe(0);
  });

  it('the scheduler function refuses calls from the mini-program', async () => {
    const res = (await t.invoke(
      'scheduler',
      { Type: 'Timer', TriggerName: 'tick' } as never,
      'demo-resident',
    )) as Envelope;
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('staff never review or confirm their own wish', () => {
  const OWN_REVIEW = '不能审核自己提交的心愿，请由其他工作人员处理';
  const OWN_CONFIRM = '不能代居民确认自己提交或认领的心愿，请由其他工作人员处理';
  /** The head of c02-g01, where demo-multi (c02's secretary, also a resident) lives. */
  const C02_GRID_HEAD = 'seed-grid-c02-g01-1';
  /** A refusal as the owner gets it: FORBIDDEN with the message, and the wish exactly as it was. */
  async function refusedOwn(
    action: string,
    payload: { wishId: string } & Record<string, unknown>,
    by: string,
    message: string,
  ) {
    const before = JSON.stringify(wishDoc(payload.wishId));
    const r = await call(action, payload, by);
    expect({ action, ok: r.ok, code: r.error?.code, message: r.error?.message }).toEqual({
      action,
      ok: false,
      code: 'FORBIDDEN',
      message,
    });
    expect(JSON.stringify(wishDoc(payload.wishId))).toBe(before);
  }
  const queued = async (by: string, wishId: string) =>
    (await ok(call('reviewQueue', {}, by))).find((q: any) => q.id === wishId);
  /** A fresh member of c01, verified, and also a grid worker of c01-g01 (the county admin's grant). */
  async function staffMember() {
    const m = await p.newMember();
    await p.ok(p.account('reviewReport', { reportId: m.report.id, decision: 'verify' }, 'demo-secretary'));
    await p.ok(
      p.account(
        'grantRole',
        { openid: m.openid, grant: { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g01'] } },
        'demo-county-admin',
      ),
    );
    return m.openid;
  }

  it("the secretary who is also a resident cannot review her own wish: it stays submitted, in the queue, for her grid's head", async () => {
    const w = await submitted('demo-multi');
    expect(w.can).toEqual(['withdraw']);
    await refusedOwn('review', { wishId: w.id, decision: 'publish' }, 'demo-multi', OWN_REVIEW);
    await refusedOwn(
      'review',
      { wishId: w.id, decision: 'reject', reason: '请通过民情诉求反映' },
      'demo-multi',
      OWN_REVIEW,
    );
    // Still in her queue, without the action; her colleague's offers it.
    expect(await queued('demo-multi', w.id)).toMatchObject({ status: 'submitted', can: ['withdraw'] });
    expect((await queued(C02_GRID_HEAD, w.id)).can).toEqual(['review']);

    const done = await ok(call('review', { wishId: w.id, decision: 'publish' }, C02_GRID_HEAD));
    expect(done.timeline.at(-1)).toMatchObject({ action: 'publish', by: C02_GRID_HEAD, role: 'gridWorker' });
    expect(wishDoc(w.id)).toMatchObject({ status: 'published', reviewedBy: C02_GRID_HEAD });
  });

  it("a grid worker's wish for a resident is reviewed by a colleague, not by the worker", async () => {
    const w = await ok(
      call(
        'submit',
        {
          category: '生活物资',
          description: `独居老人想请人送一袋大米 ${++seq}`,
          beneficiary: { name: '刘桂英', address: '3单元201室' },
          onBehalf: { microGridId: 'c01-g01-m2' },
        },
        'demo-grid-worker',
      ),
    );
    expect(w.can).toEqual(['withdraw']);
    await refusedOwn('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker', OWN_REVIEW);
    expect((await queued('demo-secretary', w.id)).can).toEqual(['review']);
    expect((await ok(call('review', { wishId: w.id, decision: 'publish' }, 'demo-secretary'))).status).toBe(
      'published',
    );
  });

  it('staff cannot confirm for the resident a wish they claimed or submitted; a colleague can', async () => {
    // A grid worker of c01-g01 who is also a verified member claims and fulfils a wish of that grid.
    const worker = await staffMember();
    const claimed = await fulfilledBy(worker);
    // demo-multi's own wish, fulfilled by another member.
    const member = (await p.newMember()).report;
    await p.ok(p.account('reviewReport', { reportId: member.id, decision: 'verify' }, 'demo-secretary'));
    const hers = await submitted('demo-multi');
    await ok(call('review', { wishId: hers.id, decision: 'publish' }, C02_GRID_HEAD));
    await ok(call('claim', { wishId: hers.id }, member.openid));
    await ok(call('fulfil', { wishId: hers.id, photos: [upload(member.openid)], note: '已经送到家里' }, member.openid));
    await moveClock(7 * DAY + 1000);

    const confirming = { verifiedHow: '电话回访居民本人', stars: 5 };
    expect((await ok(call('detail', { wishId: claimed.id }, worker))).can).toEqual([]);
    await refusedOwn('confirmForResident', { wishId: claimed.id, ...confirming }, worker, OWN_CONFIRM);
    // The submitter confirms her own wish as its submitter, not for herself as staff.
    expect((await ok(call('detail', { wishId: hers.id }, 'demo-multi'))).can).toEqual(['confirm']);
    await refusedOwn('confirmForResident', { wishId: hers.id, ...confirming }, 'demo-multi', OWN_CONFIRM);
    expect(t.cloud.store.count('records', { _id: `wish-${claimed.id}` })).toBe(0);

    for (const [wishId, colleague] of [
      [claimed.id, 'demo-grid-worker'],
      [hers.id, C02_GRID_HEAD],
    ]) {
      expect((await ok(call('detail', { wishId }, colleague))).can).toEqual(['confirmForResident']);
      const done = await ok(call('confirmForResident', { wishId, ...confirming }, colleague));
      expect(done).toMatchObject({ status: 'completed', rating: { byStaff: true } });
      expect(done.timeline.at(-1)).toMatchObject({ action: 'confirmForResident', by: colleague });
    }
  });
});
