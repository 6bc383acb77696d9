import { getDb } from '../../server/platform/cloud';
import { now as serverNow } from '../../server/platform/clock';
import { reconcileCobuild } from '../../server/cobuild/jobs';
import { localYear } from '../../server/platform/time';
import { SEED_BASE_DATE } from '../../server/seed/county';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { people, type Envelope, type People } from '../helpers/people';

/**
 * 三清单一协议: the secretary's 需求清单, the paired units' 资源清单, projects linking them, the
 * agreement both sides sign, the residents' view and ratings, the county overview and the
 * reconciliation that repairs the tallies. Scopes, bad input (nothing changed), races, budgets.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const SECRETARY = 'demo-secretary'; // c01
const OTHER_SECRETARY = 'seed-secretary-c03';
const UNIT_ADMIN = 'demo-unit-admin';
const COUNTY = 'demo-county-admin';
const RESIDENT = 'demo-resident'; // lives in c01
const MEMBER = 'demo-member'; // verified member of the demo unit
const YEAR = 2031; // a year of its own: the seed's lists do not interfere

const cb = <T = any>(action: string, payload: unknown, openid: string) =>
  p.call<T>('cobuild', action, payload, openid) as Promise<Envelope<T>>;
const ok = <T = any>(action: string, payload: unknown, openid: string) => p.ok<T>(cb<T>(action, payload, openid));
const code = (r: Envelope) => r.error?.code;
const paths = (r: Envelope) => ((r.error?.details ?? []) as Array<{ path: string }>).map((d) => d.path);
const tally = (communityId = 'c01', year = YEAR) => p.doc('cobuildTallies', `${communityId}-${year}`);
const COLLECTIONS = [
  'cobuildNeeds',
  'cobuildResources',
  'cobuildProjects',
  'cobuildAgreements',
  'cobuildRatings',
  'cobuildProjectUpdates',
];

/** Database round trips (requests sent side by side share one) while `fn` runs. */
async function roundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  // With a network's latency, requests sent side by side overlap as they would in CloudBase.
  const get = () => t.cloud.store.counters.get('roundTrips.database') ?? 0;
  t.cloud.dbLatencyMs = 20;
  try {
    const before = get();
    const result = await fn();
    return { result, trips: get() - before };
  } finally {
    t.cloud.dbLatencyMs = 0;
  }
}

let demoUnit: string;
let otherUnitC01: string;
let otherAdmin: string;
let unpairedUnit: string;

const needInput = (over: Record<string, unknown> = {}) => ({
  year: YEAR,
  category: '助老助残',
  title: '独居老人陪护',
  description: '每周上门陪护独居老人',
  quantity: 20,
  quantityUnit: '户',
  wantedBy: `${YEAR}-10-01`,
  contact: { name: '谢春梅', phone: '13800000001' },
  ...over,
});
const resourceInput = (over: Record<string, unknown> = {}) => ({
  year: YEAR,
  category: '助老助残',
  title: '志愿服务队',
  description: '单位志愿服务队每月上门',
  capacity: { amount: 12, unit: '次', frequency: '每月一次' },
  liaisonOpenid: MEMBER,
  availability: '周末全天',
  ...over,
});
const projectInput = (needIds: string[], resourceIds: string[], over: Record<string, unknown> = {}) => ({
  year: YEAR,
  title: '银龄关爱行动',
  goal: '为独居老人提供每月上门服务',
  needIds,
  resourceIds,
  milestones: [{ title: '摸底走访', dueAt: `${YEAR}-03-01` }],
  leads: { community: { name: '谢春梅' }, unit: { name: '肖国平' } },
  ...over,
});

beforeAll(async () => {
  const admin = p.doc('users', UNIT_ADMIN);
  demoUnit = admin.roles.find((g: any) => g.role === 'unitAdmin').unitId;
  const units = t.cloud.store.find('units', { query: {} }) as any[];
  otherUnitC01 = units.find((u) => u.pairedCommunityId === 'c01' && u._id !== demoUnit)._id;
  unpairedUnit = units.find((u) => u.pairedCommunityId !== 'c01')._id;
  const r = await p.newResident();
  otherAdmin = r.openid;
  await p.ok(
    p.account('grantRole', { openid: otherAdmin, grant: { role: 'unitAdmin', unitId: otherUnitC01 } }, COUNTY),
  );
});

describe('the seed', () => {
  // The seed's year (tests seed at the fixed seed date); run first, before any test moves it.
  const SEEDED = localYear(SEED_BASE_DATE);
  const jobCtx = () =>
    ({ requestId: 'test', openid: 'system', user: null, db: getDb(), now: serverNow(), job: true }) as any;

  test('a fresh seed is consistent: reconcileCobuild finds nothing to fix', async () => {
    const tallies = t.cloud.store.find('cobuildTallies', { query: { year: SEEDED } }) as any[];
    expect(tallies.length).toBe(14);
    expect(await reconcileCobuild(jobCtx(), SEEDED)).toEqual({
      year: SEEDED,
      needs: 0,
      resources: 0,
      agreements: 0,
      tallies: 0,
      ratings: 0,
    });
  });

  test('c01 shows every state to demo-secretary and demo-unit-admin; residents see theirs', async () => {
    const statuses = (items: Array<{ status: string }>) => [...new Set(items.map((x) => x.status))].sort();
    for (const who of [SECRETARY, UNIT_ADMIN]) {
      const needs = await ok('needs', { year: SEEDED, communityId: 'c01' }, who);
      expect(statuses(needs.items)).toEqual(['closed', 'done', 'matched', 'open']);
      const resources = await ok('resources', { year: SEEDED }, who);
      expect(statuses(resources.items)).toEqual(['committed', 'offered', 'usedUp', 'withdrawn']);
      const projects = await ok('projects', { year: SEEDED }, who);
      expect(statuses(projects.items)).toEqual(['active', 'done', 'dropped', 'planned']);
      const agreements = await ok('agreements', { year: SEEDED }, who);
      expect(statuses(agreements)).toEqual(['draft', 'signed', 'superseded']);
      // A draft awaiting this side's signature.
      expect(agreements.some((a: any) => a.status === 'draft' && a.can.includes('sign'))).toBe(true);
    }
    const all = await ok('agreements', { year: SEEDED }, SECRETARY);
    const drafts = all.filter((a: any) => a.status === 'draft');
    expect(drafts.some((a: any) => !a.signatures.community && !a.signatures.unit)).toBe(true);
    expect(drafts.some((a: any) => !!a.signatures.community !== !!a.signatures.unit)).toBe(true);
    const active = (await ok('projects', { year: SEEDED, status: 'active' }, SECRETARY)).items[0];
    const detail = await ok('project', { projectId: active.id }, UNIT_ADMIN);
    expect(detail.updates.length).toBeGreaterThan(0);
    expect(detail.updates[0].photos.length).toBeGreaterThan(0);
    expect(detail.milestoneList.some((m: any) => m.doneAt)).toBe(true);

    const pub = await ok('publicProjects', {}, RESIDENT);
    expect(statuses(pub.items)).toEqual(['active', 'done']);
    const done = pub.items.filter((x: any) => x.status === 'done');
    expect(done.some((x: any) => x.rating.count > 0)).toBe(true);
    expect(done.every((x: any) => x.myRating === null && x.can.includes('rate'))).toBe(true);
    expect(done.every((x: any) => x.photos.length > 0 && x.result)).toBe(true);

    const o = await ok('countyOverview', { year: SEEDED }, COUNTY);
    expect(o.communities.every((c: any) => c.projects.done > 0 && c.agreementsSigned > 0)).toBe(true);
  });

  test("counts: the lists' real totals by state, for the secretary (the tally) and the unit admin (its own)", async () => {
    const byStatus = (items: Array<{ status: string }>, states: readonly string[]) =>
      Object.fromEntries(states.map((s) => [s, items.filter((x) => x.status === s).length]));
    const NEED = ['open', 'matched', 'done', 'closed'];
    const RES = ['offered', 'committed', 'usedUp', 'withdrawn'];
    const PRJ = ['planned', 'active', 'done', 'dropped'];
    const all = (action: string, who: string) => p.allPages('cobuild', action, { year: SEEDED }, who);

    const c = await ok('counts', { year: SEEDED }, SECRETARY);
    expect(c).toEqual({
      year: SEEDED,
      of: { kind: 'community', communityId: 'c01' },
      needs: byStatus(await all('needs', SECRETARY), NEED),
      resources: byStatus(await all('resources', SECRETARY), RES),
      projects: byStatus(await all('projects', SECRETARY), PRJ),
      agreementsSigned: (await ok('agreements', { year: SEEDED }, SECRETARY)).filter((a: any) => a.status === 'signed')
        .length,
    });
    expect(Object.values(c.needs).every((n) => (n as number) > 0)).toBe(true);
    // The county admin names the community; the same counts.
    expect(await ok('counts', { year: SEEDED, communityId: 'c01' }, COUNTY)).toEqual(c);

    const u = await ok('counts', { year: SEEDED }, UNIT_ADMIN);
    expect(u).toEqual({
      year: SEEDED,
      of: { kind: 'unit', unitId: demoUnit },
      needs: null,
      resources: byStatus(await all('resources', UNIT_ADMIN), RES),
      projects: byStatus(await all('projects', UNIT_ADMIN), PRJ),
      agreementsSigned: null,
    });
    expect(u.resources.offered + u.projects.active).toBeGreaterThan(0);

    // A year without a tally: zeros.
    expect((await ok('counts', { year: 2099 }, SECRETARY)).needs).toEqual({ open: 0, matched: 0, done: 0, closed: 0 });
    expect(await ok('counts', { year: 2099 }, UNIT_ADMIN)).toMatchObject({
      resources: { offered: 0, committed: 0, usedUp: 0, withdrawn: 0 },
      projects: { planned: 0, active: 0, done: 0, dropped: 0 },
    });
  });
});

describe('counts: scope and input', () => {
  test('another community is refused; the county admin names one', async () => {
    expect(code(await cb('counts', { communityId: 'c01' }, OTHER_SECRETARY))).toBe('FORBIDDEN');
    expect(code(await cb('counts', { communityId: 'c01' }, UNIT_ADMIN))).toBe('FORBIDDEN');
    expect(code(await cb('counts', { communityId: 'c01' }, RESIDENT))).toBe('FORBIDDEN');
    const own = await ok('counts', { communityId: 'c03' }, OTHER_SECRETARY);
    expect(own.of).toEqual({ kind: 'community', communityId: 'c03' });
    const none = await cb('counts', {}, COUNTY);
    expect(code(none)).toBe('INVALID_INPUT');
    expect(paths(none)).toContain('communityId');
    expect(code(await cb('counts', { communityId: 'c 01' }, COUNTY))).toBe('INVALID_INPUT');
    expect(code(await cb('counts', { year: 1999 }, SECRETARY))).toBe('INVALID_INPUT');
  });
});

describe('需求清单', () => {
  test('the secretary adds, edits and closes needs; the tally moves; scopes hold', async () => {
    const need = await ok('saveNeed', needInput(), SECRETARY);
    expect(need).toMatchObject({ communityId: 'c01', status: 'open', version: 1, can: ['edit', 'close', 'matches'] });
    expect(tally().needs.open).toBeGreaterThanOrEqual(1);
    const before = tally().needs.open;

    const edited = await ok(
      'saveNeed',
      needInput({ needId: need.id, version: 1, title: '独居老人陪护服务' }),
      SECRETARY,
    );
    expect(edited).toMatchObject({ title: '独居老人陪护服务', version: 2 });

    // Lists: the secretary, the paired unit's admin, the county; not another community's secretary.
    for (const who of [SECRETARY, UNIT_ADMIN, COUNTY]) {
      const page = await ok('needs', { year: YEAR, communityId: 'c01' }, who);
      expect(page.items.map((n: any) => n.id)).toContain(need.id);
    }
    expect(code(await cb('needs', { year: YEAR, communityId: 'c01' }, OTHER_SECRETARY))).toBe('FORBIDDEN');
    expect((await ok('needs', { year: YEAR }, OTHER_SECRETARY)).items.map((n: any) => n.id)).not.toContain(need.id);
    expect(code(await cb('saveNeed', needInput({ needId: need.id, version: 2 }), OTHER_SECRETARY))).toBe('FORBIDDEN');
    expect(code(await cb('saveNeed', needInput(), UNIT_ADMIN))).toBe('FORBIDDEN');

    const closed = await ok('closeNeed', { needId: need.id, version: 2, reason: '已由其他渠道解决' }, SECRETARY);
    expect(closed).toMatchObject({ status: 'closed', closeReason: '已由其他渠道解决' });
    expect(tally().needs.open).toBe(before - 1);
    expect(code(await cb('closeNeed', { needId: need.id, version: 3, reason: '再次关闭' }, SECRETARY))).toBe(
      'CONFLICT',
    );
  });

  test('bad input is refused and nothing changes', async () => {
    const snap = p.snapshot(COLLECTIONS);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'title'],
      [{ quantity: 0 }, 'quantity'],
      [{ quantity: -3 }, 'quantity'],
      [{ category: '其他' }, 'category'],
      [{ wantedBy: '2020-01-01' }, 'wantedBy'],
      [{ contact: { name: 'x', phone: '123' } }, 'contact.name'],
    ];
    for (const [over, path] of cases) {
      const r = await cb('saveNeed', needInput(over), SECRETARY);
      expect(code(r)).toBe('INVALID_INPUT');
      expect(paths(r)).toContain(path);
    }
    expect(p.snapshot(COLLECTIONS)).toEqual(snap);
  });

  test('two edits of one need at once: one wins, the other CONFLICT', async () => {
    const need = await ok('saveNeed', needInput({ title: '并发修改' }), SECRETARY);
    const [a, b] = await Promise.all([
      cb('saveNeed', needInput({ needId: need.id, version: 1, title: '甲的修改' }), SECRETARY),
      cb('saveNeed', needInput({ needId: need.id, version: 1, title: '乙的修改' }), SECRETARY),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([code(a), code(b)]).toContain('CONFLICT');
    expect(p.doc('cobuildNeeds', need.id).version).toBe(2);
  });
});

describe('资源清单 and matching', () => {
  test('the unit admin offers resources; scopes; the liaison must be a verified member of the unit', async () => {
    const r = await ok('saveResource', resourceInput(), UNIT_ADMIN);
    expect(r).toMatchObject({ unitId: demoUnit, communityId: 'c01', status: 'offered', liaison: { openid: MEMBER } });
    expect(tally().resources.offered).toBeGreaterThanOrEqual(1);
    for (const who of [SECRETARY, UNIT_ADMIN, COUNTY]) {
      const page = await ok('resources', { year: YEAR }, who);
      expect(page.items.map((x: any) => x.id)).toContain(r.id);
    }
    expect((await ok('resources', { year: YEAR }, otherAdmin)).items.map((x: any) => x.id)).not.toContain(r.id);
    expect(code(await cb('resources', { year: YEAR, unitId: demoUnit }, OTHER_SECRETARY))).toBe('FORBIDDEN');

    const snap = p.snapshot(COLLECTIONS);
    const bad = await cb('saveResource', resourceInput({ liaisonOpenid: RESIDENT }), UNIT_ADMIN);
    expect(code(bad)).toBe('INVALID_INPUT');
    expect(paths(bad)).toContain('liaisonOpenid');
    expect(
      code(
        await cb(
          'saveResource',
          resourceInput({ capacity: { amount: 0, unit: '次', frequency: '每月一次' } }),
          UNIT_ADMIN,
        ),
      ),
    ).toBe('INVALID_INPUT');
    expect(code(await cb('saveResource', resourceInput({ title: ' ' }), UNIT_ADMIN))).toBe('INVALID_INPUT');
    expect(code(await cb('saveResource', resourceInput(), SECRETARY))).toBe('FORBIDDEN');
    expect(code(await cb('saveResource', resourceInput({ resourceId: r.id, version: 1 }), otherAdmin))).toBe(
      'FORBIDDEN',
    );
    expect(p.snapshot(COLLECTIONS)).toEqual(snap);

    const w = await ok('withdrawResource', { resourceId: r.id, version: 1, reason: '人员调整' }, UNIT_ADMIN);
    expect(w.status).toBe('withdrawn');
  });

  test('matches: offered resources of the paired units in the same category', async () => {
    const need = await ok('saveNeed', needInput({ category: '青少年教育', title: '暑期托管' }), SECRETARY);
    const same = await ok('saveResource', resourceInput({ category: '青少年教育', title: '暑期课堂' }), UNIT_ADMIN);
    const other = await ok('saveResource', resourceInput({ category: '文体活动', title: '文艺演出' }), UNIT_ADMIN);
    const found = await ok('matches', { needId: need.id }, SECRETARY);
    expect(found.map((x: any) => x.id)).toContain(same.id);
    expect(found.map((x: any) => x.id)).not.toContain(other.id);
    expect(code(await cb('matches', { needId: need.id }, OTHER_SECRETARY))).toBe('FORBIDDEN');
    // The secretary was told of the matching resource.
    const msgs = t.cloud.store.find('notifications', { query: { openid: SECRETARY, kind: 'cobuildTodo' } });
    expect(msgs.some((m: any) => m.text.includes('暑期课堂'))).toBe(true);
  });
});

describe('one need, one resource, one public project', () => {
  let unpairedAdmin: string;
  beforeAll(async () => {
    unpairedAdmin = (await p.newResident()).openid;
    await p.ok(
      p.account('grantRole', { openid: unpairedAdmin, grant: { role: 'unitAdmin', unitId: unpairedUnit } }, COUNTY),
    );
  });

  test('need: as the lists show it, in their scope; any other NOT_FOUND', async () => {
    const made = await ok('saveNeed', needInput({ title: '单条读取需求' }), SECRETARY);
    // otherAdmin's unit is paired with c01 too: it sees c01's needs.
    for (const who of [SECRETARY, UNIT_ADMIN, otherAdmin, COUNTY]) {
      const listed = (await p.allPages('cobuild', 'needs', { year: YEAR, communityId: 'c01' }, who)).find(
        (n: any) => n.id === made.id,
      );
      expect(await ok('need', { needId: made.id }, who)).toEqual(listed);
    }
    expect(code(await cb('need', { needId: made.id }, OTHER_SECRETARY))).toBe('NOT_FOUND');
    expect(code(await cb('need', { needId: made.id }, unpairedAdmin))).toBe('NOT_FOUND');
    expect(code(await cb('need', { needId: 'no-such-need' }, SECRETARY))).toBe('NOT_FOUND');
    expect(code(await cb('need', { needId: 'not an id!' }, SECRETARY))).toBe('INVALID_INPUT');
    expect(code(await cb('need', {}, SECRETARY))).toBe('INVALID_INPUT');
    expect(code(await cb('need', { needId: made.id }, RESIDENT))).toBe('FORBIDDEN');
  });

  test('resource: as the lists show it, in their scope; any other NOT_FOUND', async () => {
    const made = await ok('saveResource', resourceInput({ title: '单条读取资源' }), UNIT_ADMIN);
    for (const who of [UNIT_ADMIN, SECRETARY, COUNTY]) {
      const listed = (await p.allPages('cobuild', 'resources', { year: YEAR, unitId: demoUnit }, who)).find(
        (r: any) => r.id === made.id,
      );
      expect(await ok('resource', { resourceId: made.id }, who)).toEqual(listed);
    }
    // Another unit's admin (paired with c01 too) and another community's secretary do not see it.
    for (const who of [otherAdmin, OTHER_SECRETARY, unpairedAdmin])
      expect(code(await cb('resource', { resourceId: made.id }, who))).toBe('NOT_FOUND');
    expect(code(await cb('resource', { resourceId: 'no-such-resource' }, UNIT_ADMIN))).toBe('NOT_FOUND');
    expect(code(await cb('resource', { resourceId: 'a/b' }, UNIT_ADMIN))).toBe('INVALID_INPUT');
  });

  test("publicProject: the resident's list item; a planned one or another community's NOT_FOUND", async () => {
    const urlless = (v: any) => ({ ...v, photos: v.photos.map((x: any) => ({ fileId: x.fileId, url: !!x.url })) });
    const listed = await p.allPages('cobuild', 'publicProjects', {}, RESIDENT);
    expect(listed.length).toBeGreaterThan(0);
    for (const item of listed.slice(0, 3))
      expect(urlless(await ok('publicProject', { projectId: item.id }, RESIDENT))).toEqual(urlless(item));
    const projects = t.cloud.store.find('cobuildProjects', { query: {} }) as any[];
    const planned = projects.find((x) => x.communityId === 'c01' && x.status === 'planned');
    const dropped = projects.find((x) => x.communityId === 'c01' && x.status === 'dropped');
    const elsewhere = projects.find((x) => x.communityId !== 'c01' && x.status === 'done');
    for (const other of [planned, dropped, elsewhere])
      expect(code(await cb('publicProject', { projectId: other._id }, RESIDENT))).toBe('NOT_FOUND');
    expect(code(await cb('publicProject', { projectId: 'x y' }, RESIDENT))).toBe('INVALID_INPUT');
  });
});

describe('共建项目清单', () => {
  let needId: string;
  let resId: string;
  let projectId: string;

  test('a project links needs to resources; bad links are refused with nothing changed', async () => {
    needId = (await ok('saveNeed', needInput({ title: '助老项目需求' }), SECRETARY)).id;
    resId = (await ok('saveResource', resourceInput({ title: '助老项目资源' }), UNIT_ADMIN)).id;
    const otherNeed = await ok('saveNeed', needInput({ title: '别的社区需求' }), OTHER_SECRETARY);
    const unpairedAdmin = (await p.newResident()).openid;
    await p.ok(
      p.account('grantRole', { openid: unpairedAdmin, grant: { role: 'unitAdmin', unitId: unpairedUnit } }, COUNTY),
    );
    const unpairedMember = p.doc('users', unpairedAdmin);
    expect(unpairedMember).toBeTruthy();

    const snap = p.snapshot(COLLECTIONS, [
      ['cobuildNeeds', needId],
      ['cobuildResources', resId],
    ]);
    const r1 = await cb('saveProject', projectInput([otherNeed.id], [resId]), SECRETARY);
    expect(code(r1)).toBe('INVALID_INPUT');
    expect(paths(r1)).toContain('needIds.0');
    const r2 = await cb('saveProject', projectInput([needId], ['nonexistent']), SECRETARY);
    expect(paths(r2)).toContain('resourceIds.0');
    expect(code(await cb('saveProject', projectInput([], [resId]), SECRETARY))).toBe('INVALID_INPUT');
    expect(code(await cb('saveProject', projectInput([needId], [resId], { title: '' }), SECRETARY))).toBe(
      'INVALID_INPUT',
    );
    // A unit admin whose unit has no resource in it.
    expect(code(await cb('saveProject', projectInput([needId], [resId]), otherAdmin))).toBe('FORBIDDEN');
    expect(
      p.snapshot(COLLECTIONS, [
        ['cobuildNeeds', needId],
        ['cobuildResources', resId],
      ]),
    ).toEqual(snap);

    const t0 = tally();
    const { result: made, trips } = await roundTrips(() =>
      ok('saveProject', projectInput([needId], [resId]), SECRETARY),
    );
    expect(trips).toBeLessThanOrEqual(4);
    projectId = made.id;
    expect(made).toMatchObject({ status: 'planned', units: [{ id: demoUnit }], can: ['edit', 'start', 'drop'] });
    expect(p.doc('cobuildNeeds', needId).status).toBe('matched');
    expect(p.doc('cobuildResources', resId).status).toBe('committed');
    const t1 = tally();
    expect(t1.needs.matched - t0.needs.matched).toBe(1);
    expect(t1.resources.committed - t0.resources.committed).toBe(1);
    expect(t1.projects.planned - t0.projects.planned).toBe(1);
    // The unit's admin was told.
    const msgs = t.cloud.store.find('notifications', { query: { openid: UNIT_ADMIN, kind: 'cobuildTodo' } });
    expect(msgs.some((m: any) => m.text.includes('银龄关爱行动'))).toBe(true);
  });

  test('lists and detail, scoped', async () => {
    for (const who of [SECRETARY, UNIT_ADMIN, COUNTY]) {
      const page = await ok('projects', { year: YEAR }, who);
      expect(page.items.map((x: any) => x.id)).toContain(projectId);
      const detail = await ok('project', { projectId }, who);
      expect(detail.needs.map((n: any) => n.id)).toEqual([needId]);
    }
    expect((await ok('projects', { year: YEAR }, otherAdmin)).items.map((x: any) => x.id)).not.toContain(projectId);
    expect(code(await cb('project', { projectId }, OTHER_SECRETARY))).toBe('NOT_FOUND');
    expect(code(await cb('project', { projectId }, otherAdmin))).toBe('NOT_FOUND');
  });

  test('start, update with own photos, finish; residents see and rate once', async () => {
    const v = p.doc('cobuildProjects', projectId).version;
    expect(code(await cb('startProject', { projectId, version: v }, OTHER_SECRETARY))).toBe('NOT_FOUND');
    const started = await ok('startProject', { projectId, version: v }, UNIT_ADMIN);
    expect(started.status).toBe('active');
    expect(code(await cb('startProject', { projectId, version: v }, SECRETARY))).toBe('CONFLICT');

    const mine = t.cloud.storage.put(`uploads/${SECRETARY}/cobuild-1.png`, Buffer.from('png'));
    const theirs = t.cloud.storage.put(`uploads/${UNIT_ADMIN}/cobuild-2.png`, Buffer.from('png'));
    const snap = p.snapshot(COLLECTIONS, [['cobuildProjects', projectId]]);
    const bad = await cb('projectUpdate', { projectId, note: '第一次走访完成', photos: [theirs] }, SECRETARY);
    expect(code(bad)).toBe('INVALID_INPUT');
    expect(p.snapshot(COLLECTIONS, [['cobuildProjects', projectId]])).toEqual(snap);
    const milestoneId = started.milestoneList[0].id;
    const { result: updated, trips } = await roundTrips(() =>
      ok('projectUpdate', { projectId, note: '第一次走访完成', photos: [mine], milestoneId }, SECRETARY),
    );
    expect(trips).toBeLessThanOrEqual(4);
    expect(updated.updates[0]).toMatchObject({ note: '第一次走访完成', milestoneId });
    expect(updated.milestoneList[0].doneAt).not.toBeNull();

    // Residents see the active project, without staff-only data.
    const pub = await ok('publicProjects', {}, RESIDENT);
    const seen = pub.items.find((x: any) => x.id === projectId);
    expect(seen).toMatchObject({ status: 'active', can: [] });
    expect(seen).not.toHaveProperty('needs');
    expect(seen).not.toHaveProperty('leads');
    expect(code(await cb('rateProject', { projectId, stars: 5 }, RESIDENT))).toBe('CONFLICT');

    const t0 = tally();
    const finished = await ok(
      'finishProject',
      { projectId, version: p.doc('cobuildProjects', projectId).version, note: '服务老人二十户', photos: [mine] },
      SECRETARY,
    );
    expect(finished.status).toBe('done');
    expect(p.doc('cobuildNeeds', needId).status).toBe('done');
    expect(p.doc('cobuildResources', resId).status).toBe('usedUp');
    const t1 = tally();
    expect(t1.projects.done - t0.projects.done).toBe(1);
    expect(t1.needs.done - t0.needs.done).toBe(1);

    // Two residents at once: both counted; a second rating by one: CONFLICT, counted once.
    const other = await p.newResident();
    const [a, b] = await Promise.all([
      cb('rateProject', { projectId, stars: 5, comment: '很好' }, RESIDENT),
      cb('rateProject', { projectId, stars: 3 }, other.openid),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(code(await cb('rateProject', { projectId, stars: 1 }, RESIDENT))).toBe('CONFLICT');
    expect(p.doc('cobuildProjects', projectId).rating).toEqual({ count: 2, sum: 8 });
    const after = (await ok('publicProjects', { status: 'done' }, RESIDENT)).items.find((x: any) => x.id === projectId);
    expect(after).toMatchObject({ myRating: 5, rating: { count: 2, average: 4 }, can: [] });
  });

  test('drop puts needs and resources back', async () => {
    const n = await ok('saveNeed', needInput({ title: '将被终止的需求' }), SECRETARY);
    const r = await ok('saveResource', resourceInput({ title: '将被终止的资源' }), UNIT_ADMIN);
    const pr = await ok('saveProject', projectInput([n.id], [r.id], { title: '将终止的项目' }), UNIT_ADMIN);
    const dropped = await ok('dropProject', { projectId: pr.id, version: pr.version, reason: '计划调整' }, SECRETARY);
    expect(dropped.status).toBe('dropped');
    expect(p.doc('cobuildNeeds', n.id).status).toBe('open');
    expect(p.doc('cobuildResources', r.id).status).toBe('offered');
  });
});

describe('共建协议', () => {
  let projectId: string;
  beforeAll(async () => {
    const n = await ok('saveNeed', needInput({ title: '协议需求' }), SECRETARY);
    const r = await ok('saveResource', resourceInput({ title: '协议资源' }), UNIT_ADMIN);
    projectId = (await ok('saveProject', projectInput([n.id], [r.id], { title: '协议项目' }), SECRETARY)).id;
  });
  const agreement = (over: Record<string, unknown> = {}) => ({
    year: YEAR,
    unitId: demoUnit,
    projectIds: [projectId],
    duties: { community: '提供场地并组织居民', unit: '派出志愿者每月服务' },
    period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
    ...over,
  });

  test('draft, both sign at once, read-only, a revision supersedes it', async () => {
    const snap = p.snapshot(COLLECTIONS);
    expect(code(await cb('saveAgreement', agreement({ unitId: unpairedUnit }), SECRETARY))).toBe('INVALID_INPUT');
    expect(code(await cb('saveAgreement', agreement({ projectIds: ['nope'] }), SECRETARY))).toBe('INVALID_INPUT');
    expect(
      code(await cb('saveAgreement', agreement({ period: { from: `${YEAR}-12-01`, to: `${YEAR}-01-01` } }), SECRETARY)),
    ).toBe('INVALID_INPUT');
    expect(p.snapshot(COLLECTIONS)).toEqual(snap);

    const draft = await ok('saveAgreement', agreement(), SECRETARY);
    expect(draft).toMatchObject({ status: 'draft', number: 1, can: ['edit', 'sign'] });
    expect(code(await cb('saveAgreement', agreement(), UNIT_ADMIN))).toBe('CONFLICT');
    expect(code(await cb('signAgreement', { agreementId: draft.id }, OTHER_SECRETARY))).toBe('NOT_FOUND');

    const t0 = tally().agreementsSigned;
    const [a, b] = await Promise.all([
      roundTrips(() => cb('signAgreement', { agreementId: draft.id }, SECRETARY)),
      cb('signAgreement', { agreementId: draft.id }, UNIT_ADMIN),
    ]);
    expect(a.result.ok && b.ok).toBe(true);
    expect(a.trips).toBeLessThanOrEqual(4);
    const stored = p.doc('cobuildAgreements', draft.id);
    expect(stored.status).toBe('signed');
    expect(stored.signatures.community.openid).toBe(SECRETARY);
    expect(stored.signatures.unit.openid).toBe(UNIT_ADMIN);
    expect(tally().agreementsSigned).toBe(t0 + 1);

    // Signing again counts once; a signed agreement cannot change.
    const again = await ok('signAgreement', { agreementId: draft.id }, SECRETARY);
    expect(again.status).toBe('signed');
    expect(p.doc('cobuildAgreements', draft.id).signatures.community.at).toEqual(stored.signatures.community.at);
    expect(
      code(await cb('saveAgreement', agreement({ agreementId: draft.id, version: stored.version }), SECRETARY)),
    ).toBe('CONFLICT');

    // A revision: a new draft that supersedes the signed one once both sign.
    const v2 = await ok(
      'saveAgreement',
      agreement({ revises: draft.id, duties: { community: '提供场地与宣传', unit: '每月服务两次以上' } }),
      UNIT_ADMIN,
    );
    expect(v2).toMatchObject({ number: 2, status: 'draft', supersedes: draft.id });
    await ok('signAgreement', { agreementId: v2.id }, UNIT_ADMIN);
    expect(p.doc('cobuildAgreements', v2.id).status).toBe('draft');
    await ok('signAgreement', { agreementId: v2.id }, SECRETARY);
    expect(p.doc('cobuildAgreements', v2.id).status).toBe('signed');
    expect(p.doc('cobuildAgreements', draft.id).status).toBe('superseded');
    expect(tally().agreementsSigned).toBe(t0 + 1);

    const list = await ok('agreements', { year: YEAR }, UNIT_ADMIN);
    expect(list.map((x: any) => x.id)).toEqual(expect.arrayContaining([draft.id, v2.id]));
    expect(await ok('agreements', { year: YEAR }, otherAdmin)).toEqual([]);
  });
});

describe("共建协议: an edit or a new version is of the agreement's own unit", () => {
  const Y = YEAR + 1; // a year of its own: the budgets below revise YEAR's signed agreement
  let projectId: string;
  beforeAll(async () => {
    const at = { year: Y, wantedBy: `${Y}-10-01` };
    const n = await ok('saveNeed', needInput({ ...at, title: '单位取自协议需求' }), SECRETARY);
    const r = await ok('saveResource', resourceInput({ year: Y, title: '单位取自协议资源' }), UNIT_ADMIN);
    const milestones = [{ title: '摸底走访', dueAt: `${Y}-03-01` }];
    projectId = (await ok('saveProject', projectInput([n.id], [r.id], { year: Y, milestones }), SECRETARY)).id;
  });
  const body = (over: Record<string, unknown> = {}) => ({
    projectIds: [projectId],
    duties: { community: '提供场地并组织居民', unit: '派出志愿者每月服务' },
    period: { from: `${Y}-01-01`, to: `${Y}-12-31` },
    ...over,
  });

  test('the secretary edits and revises without naming the unit; naming another is bad input, nothing changed', async () => {
    const draft = await ok('saveAgreement', body({ year: Y, unitId: demoUnit }), SECRETARY);
    expect(draft).toMatchObject({ unitId: demoUnit, year: Y, number: 1, status: 'draft' });

    const snap = p.snapshot([...COLLECTIONS, 'cobuildTallies'], [['cobuildAgreements', draft.id]]);
    for (const over of [{ unitId: otherUnitC01 }, { unitId: unpairedUnit }]) {
      const r = await cb('saveAgreement', body({ agreementId: draft.id, version: draft.version, ...over }), SECRETARY);
      expect(code(r)).toBe('INVALID_INPUT');
      expect(paths(r)).toContain('unitId');
    }
    expect(
      code(await cb('saveAgreement', body({ agreementId: draft.id, version: draft.version, year: YEAR }), SECRETARY)),
    ).toBe('INVALID_INPUT');
    expect(p.snapshot([...COLLECTIONS, 'cobuildTallies'], [['cobuildAgreements', draft.id]])).toEqual(snap);
    // Another community's secretary does not find it.
    expect(
      code(await cb('saveAgreement', body({ agreementId: draft.id, version: draft.version }), OTHER_SECRETARY)),
    ).toBe('NOT_FOUND');

    // No unitId, no year: the agreement's own.
    const edited = await ok(
      'saveAgreement',
      body({
        agreementId: draft.id,
        version: draft.version,
        duties: { community: '提供场地与宣传', unit: '派出志愿者每月服务' },
      }),
      SECRETARY,
    );
    expect(edited).toMatchObject({ id: draft.id, unitId: demoUnit, year: Y, version: draft.version + 1 });
    expect(p.doc('cobuildAgreements', draft.id).duties.community).toBe('提供场地与宣传');
    // The same unit named is fine.
    await ok('saveAgreement', body({ agreementId: draft.id, version: edited.version, unitId: demoUnit }), SECRETARY);

    await ok('signAgreement', { agreementId: draft.id }, SECRETARY);
    await ok('signAgreement', { agreementId: draft.id }, UNIT_ADMIN);
    expect(p.doc('cobuildAgreements', draft.id).status).toBe('signed');

    const before = p.snapshot([...COLLECTIONS, 'cobuildTallies']);
    const bad = await cb('saveAgreement', body({ revises: draft.id, unitId: otherUnitC01 }), SECRETARY);
    expect(code(bad)).toBe('INVALID_INPUT');
    expect(p.snapshot([...COLLECTIONS, 'cobuildTallies'])).toEqual(before);
    // A project not of the pair is still refused.
    expect(code(await cb('saveAgreement', body({ revises: draft.id, projectIds: ['nope'] }), SECRETARY))).toBe(
      'INVALID_INPUT',
    );

    const v2 = await ok('saveAgreement', body({ revises: draft.id }), SECRETARY);
    expect(v2).toMatchObject({ unitId: demoUnit, year: Y, number: 2, status: 'draft', supersedes: draft.id });
  });
});

describe('county overview, reconciliation and budgets', () => {
  test('overview: the county admin only; every community in one read', async () => {
    expect(code(await cb('countyOverview', { year: YEAR }, SECRETARY))).toBe('FORBIDDEN');
    const o = await ok('countyOverview', { year: YEAR }, COUNTY);
    const c01 = o.communities.find((c: any) => c.communityId === 'c01');
    expect(c01.communityName).toBeTruthy();
    expect(c01.needs).toEqual(tally().needs);
    expect(o.county.projects.done).toBeGreaterThanOrEqual(1);
  });

  test('reconcileCobuild repairs a broken tally, orphan links and a rating counter, changing nothing else', async () => {
    const before = tally();
    // Break things as a crash would.
    t.cloud.store.update(
      'cobuildTallies',
      { _id: `c01-${YEAR}` },
      { $set: { 'needs.open': 999 } },
      { multi: false, merge: true, upsert: false },
    );
    const orphan = await ok('saveNeed', needInput({ title: '孤儿需求' }), SECRETARY);
    t.cloud.store.update(
      'cobuildNeeds',
      { _id: orphan.id },
      { $set: { status: 'matched' } },
      { multi: false, merge: true, upsert: false },
    );
    const done = (t.cloud.store.find('cobuildProjects', { query: { status: 'done', year: YEAR } }) as any[])[0];
    t.cloud.store.update(
      'cobuildProjects',
      { _id: done._id },
      { $set: { rating: { count: 0, sum: 0 } } },
      { multi: false, merge: true, upsert: false },
    );

    const ctx = { requestId: 'test', openid: 'system', user: null, db: getDb(), now: serverNow(), job: true } as any;
    const fixed = await reconcileCobuild(ctx, YEAR);
    expect(fixed.needs).toBeGreaterThanOrEqual(1);
    expect(p.doc('cobuildNeeds', orphan.id).status).toBe('open');
    expect(tally().needs.open).toBe(before.needs.open + 1);
    expect(tally().needs.matched).toBe(before.needs.matched);
    expect(p.doc('cobuildProjects', done._id).rating.count).toBeGreaterThan(0);
    // A second run finds nothing to fix.
    expect(await reconcileCobuild(ctx, YEAR)).toMatchObject({
      needs: 0,
      resources: 0,
      agreements: 0,
      tallies: 0,
      ratings: 0,
    });
  });

  test('reads take at most 2 database requests', async () => {
    const need = (t.cloud.store.find('cobuildNeeds', { query: { communityId: 'c01', year: YEAR } }) as any[])[0];
    const project = (t.cloud.store.find('cobuildProjects', { query: { communityId: 'c01', year: YEAR } }) as any[])[0];
    const resource = (t.cloud.store.find('cobuildResources', { query: { unitId: demoUnit, year: YEAR } }) as any[])[0];
    const shown = (await ok('publicProjects', {}, RESIDENT)).items[0];
    const reads: Array<[string, unknown, string]> = [
      ['needs', { year: YEAR }, SECRETARY],
      ['needs', { year: YEAR }, UNIT_ADMIN],
      ['resources', { year: YEAR }, SECRETARY],
      ['matches', { needId: need._id }, SECRETARY],
      ['projects', { year: YEAR }, UNIT_ADMIN],
      ['project', { projectId: project._id }, SECRETARY],
      ['publicProjects', {}, RESIDENT],
      ['agreements', { year: YEAR }, SECRETARY],
      ['countyOverview', { year: YEAR }, COUNTY],
      ['need', { needId: need._id }, UNIT_ADMIN],
      ['resource', { resourceId: resource._id }, SECRETARY],
      ['publicProject', { projectId: shown.id }, RESIDENT],
      ['counts', { year: YEAR }, SECRETARY],
      ['counts', { year: YEAR }, UNIT_ADMIN],
      ['counts', { year: YEAR, communityId: 'c01' }, COUNTY],
    ];
    for (const [action, payload, who] of reads) {
      await ok(action, payload, who); // the instance's directory cache warm
      const { result, requests } = await p.dbRequests(() => cb(action, payload, who));
      expect([action, result.ok]).toEqual([action, true]);
      expect([action, requests]).toEqual([action, expect.any(Number)]);
      expect(requests).toBeLessThanOrEqual(2);
    }
  });

  test('writes take at most 4 round trips', async () => {
    const { result: need, trips: t1 } = await roundTrips(() =>
      ok('saveNeed', needInput({ title: '预算需求' }), SECRETARY),
    );
    expect(t1).toBeLessThanOrEqual(4);
    const { trips: t2 } = await roundTrips(() =>
      ok('saveNeed', needInput({ needId: need.id, version: 1, title: '预算需求二' }), SECRETARY),
    );
    expect(t2).toBeLessThanOrEqual(4);
    const { result: res, trips: t3 } = await roundTrips(() =>
      ok('saveResource', resourceInput({ title: '预算资源' }), UNIT_ADMIN),
    );
    expect(t3).toBeLessThanOrEqual(4);
    const { result: pr, trips: t4 } = await roundTrips(() =>
      ok('saveProject', projectInput([need.id], [res.id], { title: '预算项目' }), SECRETARY),
    );
    expect(t4).toBeLessThanOrEqual(4);
    const { trips: t5 } = await roundTrips(() =>
      ok(
        'saveProject',
        projectInput([need.id], [res.id], { projectId: pr.id, version: pr.version, title: '预算项目二' }),
        SECRETARY,
      ),
    );
    expect(t5).toBeLessThanOrEqual(4);
    const { trips: t6 } = await roundTrips(() =>
      ok('startProject', { projectId: pr.id, version: pr.version + 1 }, SECRETARY),
    );
    expect(t6).toBeLessThanOrEqual(4);
    const { trips: t7 } = await roundTrips(() =>
      ok('dropProject', { projectId: pr.id, version: pr.version + 2, reason: '预算测试' }, SECRETARY),
    );
    expect(t7).toBeLessThanOrEqual(4);

    // closeNeed.
    const { trips: t8 } = await roundTrips(() =>
      ok(
        'closeNeed',
        { needId: need.id, version: p.doc('cobuildNeeds', need.id).version, reason: '预算测试' },
        SECRETARY,
      ),
    );
    expect(t8).toBeLessThanOrEqual(4);

    // finishProject: an active project with its result and an own photo.
    const n2 = await ok('saveNeed', needInput({ title: '预算完成需求' }), SECRETARY);
    const r2 = await ok('saveResource', resourceInput({ title: '预算完成资源' }), UNIT_ADMIN);
    const p2 = await ok('saveProject', projectInput([n2.id], [r2.id], { title: '预算完成项目' }), SECRETARY);
    await ok('startProject', { projectId: p2.id, version: p2.version }, SECRETARY);
    const photo = t.cloud.storage.put(`uploads/${SECRETARY}/cobuild-budget.png`, Buffer.from('png'));
    const { result: finished, trips: t9 } = await roundTrips(() =>
      ok(
        'finishProject',
        { projectId: p2.id, version: p2.version + 1, note: '预算测试完成', photos: [photo] },
        SECRETARY,
      ),
    );
    expect(finished.status).toBe('done');
    expect(t9).toBeLessThanOrEqual(4);

    // saveAgreement: a new version of the pair's signed agreement, then an edit of that draft.
    // The pair's signed agreement (the 共建协议 test leaves one; alone, this draws the first).
    const signed = (
      t.cloud.store.find('cobuildAgreements', { query: { communityId: 'c01', unitId: demoUnit, year: YEAR } }) as any[]
    ).find((a) => a.status === 'signed');
    const agreementInput = {
      year: YEAR,
      unitId: demoUnit,
      projectIds: [p2.id],
      duties: { community: '提供活动场地', unit: '派出党员志愿者' },
      period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
    };
    const { result: draft, trips: t10 } = await roundTrips(() =>
      ok('saveAgreement', { ...agreementInput, ...(signed ? { revises: signed._id } : {}) }, SECRETARY),
    );
    expect(draft).toMatchObject({ status: 'draft', supersedes: signed?._id ?? null });
    expect(t10).toBeLessThanOrEqual(4);
    const { trips: t11 } = await roundTrips(() =>
      ok(
        'saveAgreement',
        {
          ...agreementInput,
          agreementId: draft.id,
          version: draft.version,
          duties: { community: '提供场地与宣传', unit: '派出党员志愿者' },
        },
        SECRETARY,
      ),
    );
    expect(t11).toBeLessThanOrEqual(4);
    if (process.env.COBUILD_TRIPS)
      console.log({
        saveNeed: [t1, t2],
        saveResource: t3,
        saveProject: [t4, t5],
        startProject: t6,
        dropProject: t7,
        closeNeed: t8,
        finishProject: t9,
        saveAgreement: [t10, t11],
      });
  });
});
