import type { CasePage, CaseView, PropertyCompanySummary } from '../../contract';
import type { PropertyRatingStatus, PropertyStatsView } from '../../contract/functions/cobuild/property';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { runJob } from '../helpers/jobs';
import { advanceClock, C01_ADDRESS, clockNow, people, type Envelope, type People } from '../helpers/people';

/**
 * 红色物业: the county admin records a property company's party organisation, 党建指导员, estates
 * and liaison; the liaison's grant follows the directory (and the daily repair settles a mismatch);
 * the liaison works the property cases of the company's estates beside the grid (accept, reply,
 * resolve: one winner when both act at once), never another company's; residents rate their
 * estate's property service once a quarter, counted per company by one aggregate.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const ADMIN = 'demo-county-admin';
const LIAISON = 'demo-property'; // p01: serves c01-g01-m1 (the demo grid) and more of c01
const COMPANY = 'p01';
const OTHER_LIAISON = 'seed-liaison-p14'; // p14: serves c01-g01-m2
const GRID_WORKER = 'demo-grid-worker'; // c01-g01
const P01_ESTATE = 'c01-g01-m1';
const P14_ESTATE = 'c01-g01-m2';
const NO_COMPANY_ESTATE = { communityId: 'c01', residentGroupId: 'c01-r01', microGridId: 'c01-g04-m3' };

const complaint = <T = any>(action: string, payload: unknown, openid: string) =>
  p.call<T>('complaint', action, payload, openid);
const cobuild = <T = any>(action: string, payload: unknown, openid: string) =>
  p.call<T>('cobuild', action, payload, openid);
const code = (r: Envelope) => r.error?.code;
const paths = (r: Envelope) => ((r.error?.details ?? []) as Array<{ path: string }>).map((d) => d.path);
const grantsOf = (openid: string) =>
  (p.doc('users', openid).roles as Array<{ role: string; companyId?: string }>).filter(
    (g) => g.role === 'propertyLiaison',
  );
const company = (id: string) => p.doc('propertyCompanies', id);

/** A valid save of company `id` as stored, with `over` on top. */
function companySave(id: string, over: Record<string, unknown> = {}) {
  const c = company(id);
  return {
    kind: 'propertyCompany',
    id,
    data: {
      name: c.name,
      partyOrgKind: c.partyOrgKind ?? (c.hasPartyOrg ? 'single' : 'none'),
      partyOrgName: c.partyOrgName,
      instructor: c.instructor ?? null,
      liaisonName: c.liaisonName,
      liaisonPhone: c.liaisonPhone,
      liaisonOpenid: c.liaisonOpenid,
      communityIds: c.communityIds,
      ...over,
    },
  };
}

const submitAt = (openid: string, category: string, description: string, microGridId: string, anonymous = false) =>
  p.ok<CaseView>(
    complaint('submit', { category, description, location: { kind: 'building', microGridId }, anonymous }, openid),
  );
const todo = (openid = LIAISON, q?: string) =>
  p.allPages<CaseView>('complaint', 'propertyQueue', { tab: 'todo', ...(q ? { q } : {}) }, openid);
const done = (openid = LIAISON) => p.allPages<CaseView>('complaint', 'propertyQueue', { tab: 'done' }, openid);

describe('the directory: party organisation, instructor, estates, and the liaison grant', () => {
  it('lists each company with its kind, instructor, liaison and the estates it serves', async () => {
    const list = await p.ok<PropertyCompanySummary[]>(p.directory('propertyCompanies', {}, ADMIN));
    const p01 = list.find((c) => c.id === COMPANY)!;
    expect(p01).toMatchObject({
      hasPartyOrg: true,
      liaison: { name: '李红梅', openid: LIAISON },
    });
    expect(['single', 'joint']).toContain(p01.partyOrgKind);
    expect(p01.estates.map((e) => e.id)).toContain(P01_ESTATE);
    expect(p01.estates.map((e) => e.id)).not.toContain(P14_ESTATE);
    for (const c of list) expect(c.hasPartyOrg).toBe(c.partyOrgKind !== 'none');
    expect(new Set(list.map((c) => c.partyOrgKind))).toEqual(new Set(['single', 'joint', 'none']));
    // A liaison reads their own company only.
    const own = await p.ok<PropertyCompanySummary[]>(p.directory('propertyCompanies', {}, LIAISON));
    expect(own.map((c) => c.id)).toEqual([COMPANY]);
  });

  it('reads a company recorded before the kind was kept (from hasPartyOrg), and saves it back as read', async () => {
    t.cloud.store.update(
      'propertyCompanies',
      { _id: 'p02' },
      { $unset: { partyOrgKind: '', instructor: '' } },
      {
        multi: false,
        merge: true,
        upsert: false,
      },
    );
    const list = await p.ok<PropertyCompanySummary[]>(p.directory('propertyCompanies', {}, ADMIN));
    expect(list.find((c) => c.id === 'p02')).toMatchObject({ partyOrgKind: 'single', instructor: null });
    const entry = await p.ok(p.directory('entry', { kind: 'propertyCompany', id: 'p02' }, ADMIN));
    expect(entry.data.partyOrgKind).toBe('single');
    await p.ok(p.directory('save', { kind: 'propertyCompany', id: 'p02', data: entry.data }, ADMIN));
    expect(company('p02')).toMatchObject({ partyOrgKind: 'single', hasPartyOrg: true });
  });

  it('gives the named liaison the grant and takes it from the previous one; the repair settles a mismatch', async () => {
    const a = await p.newResident();
    const b = await p.newResident();
    // p15 has no party organisation and no liaison yet.
    await p.ok(
      p.directory(
        'save',
        companySave('p15', {
          partyOrgKind: 'joint',
          partyOrgName: '中共兴国县物业行业联合支部委员会',
          instructor: { name: '钟建华', phone: '13907970001' },
          liaisonOpenid: a.openid,
        }),
        ADMIN,
      ),
    );
    expect(company('p15')).toMatchObject({
      partyOrgKind: 'joint',
      hasPartyOrg: true,
      instructor: { name: '钟建华', phone: '13907970001' },
      liaisonOpenid: a.openid,
    });
    expect(grantsOf(a.openid)).toEqual([{ role: 'propertyLiaison', companyId: 'p15' }]);
    expect(p.doc('users', a.openid).staff).toBe(1);
    // The liaison works from the staff side now.
    const bench = await p.ok(p.account('workbench', {}, a.openid));
    expect(bench.roles).toEqual([{ role: 'propertyLiaison', scopeId: 'p15', todos: [expect.any(Object)] }]);

    await p.ok(p.directory('save', companySave('p15', { liaisonOpenid: b.openid }), ADMIN));
    expect(grantsOf(a.openid)).toEqual([]);
    expect(p.doc('users', a.openid).staff).toBe(0);
    expect(grantsOf(b.openid)).toEqual([{ role: 'propertyLiaison', companyId: 'p15' }]);
    expect(code(await complaint('propertyQueue', {}, a.openid))).toBe('FORBIDDEN');

    // A crash (or a hand edit) left them apart: a stale grant on a, none on b.
    const set = (openid: string, roles: unknown[]) =>
      t.cloud.store.update(
        'users',
        { _id: openid },
        { $set: { roles, staff: 1 } },
        {
          multi: false,
          merge: true,
          upsert: false,
        },
      );
    set(a.openid, [{ role: 'resident' }, { role: 'propertyLiaison', companyId: 'p15' }]);
    set(b.openid, [{ role: 'resident' }]);
    const run = await runJob(t.cloud, 'repairCounters');
    expect(run.ok).toBe(true);
    expect(run.data.liaisonGrants.fixed).toBe(2);
    expect(grantsOf(a.openid)).toEqual([]);
    expect(grantsOf(b.openid)).toEqual([{ role: 'propertyLiaison', companyId: 'p15' }]);
    // Settled: the next run finds nothing to fix.
    expect((await runJob(t.cloud, 'repairCounters')).data.liaisonGrants.fixed).toBe(0);
  });

  it('refuses bad input with INVALID_INPUT and changes nothing', async () => {
    const before = p.snapshot(['propertyCompanies', 'users'], [['propertyCompanies', 'p03']]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ partyOrgKind: 'mixed' }, 'data.partyOrgKind'],
      [{ instructor: { name: '钟建华', phone: '12345' } }, 'data.instructor.phone'],
      [{ partyOrgKind: 'single', partyOrgName: null }, 'data.partyOrgName'],
      [{ partyOrgKind: 'none', hasPartyOrg: true }, 'data.hasPartyOrg'],
      [{ liaisonOpenid: 'nobody-at-all' }, 'data.liaisonOpenid'],
    ];
    for (const [over, path] of cases) {
      const r = await p.directory('save', companySave('p03', over), ADMIN);
      expect({ over, code: code(r) }).toEqual({ over, code: 'INVALID_INPUT' });
      expect(paths(r)).toContain(path);
    }
    expect(p.snapshot(['propertyCompanies', 'users'], [['propertyCompanies', 'p03']])).toEqual(before);
    // 角色授权 never grants or revokes it.
    const r = await p.account('revokeRole', { openid: LIAISON, role: 'propertyLiaison', scopeId: COMPANY }, ADMIN);
    expect(code(r)).toBe('INVALID_INPUT');
    const g = await p.account(
      'grantRole',
      { openid: LIAISON, grant: { role: 'propertyLiaison', companyId: 'p03' } },
      ADMIN,
    );
    expect(code(g)).toBe('INVALID_INPUT');
  });
});

describe("the liaison's queue and steps", () => {
  it('lists only the property cases of its estates, readable with the complainant, never the whistle', async () => {
    const r = await p.newResident();
    const mine = await submitAt(r.openid, '物业', '电梯按钮失灵好几天了', P01_ESTATE);
    const repair = await submitAt(r.openid, '设施维修', '单元门禁损坏无法关闭', P01_ESTATE, true);
    const noise = await submitAt(r.openid, '噪音', '楼上装修噪音很大', P01_ESTATE);
    const theirs = await submitAt(r.openid, '物业', '物业费收据开不出来', P14_ESTATE);
    const ids = (await todo()).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, repair.id]));
    expect(ids).not.toContain(noise.id);
    expect(ids).not.toContain(theirs.id);
    expect((await todo(OTHER_LIAISON)).map((c) => c.id)).toContain(theirs.id);
    // Every case listed is a property case of p01's estates, waiting at the grid.
    for (const c of await todo()) {
      const doc = p.doc('cases', c.id);
      expect([doc.propertyCompanyId, ['物业', '设施维修'].includes(doc.category), doc.level]).toEqual([
        COMPANY,
        true,
        'grid',
      ]);
    }
    // Search narrows it.
    expect((await todo(LIAISON, '电梯按钮')).map((c) => c.id)).toEqual([mine.id]);

    const seen = await p.ok<CaseView>(complaint('detail', { caseId: mine.id }, LIAISON));
    expect(seen).toMatchObject({ complainant: { name: r.name, phone: r.phone }, whistle: null, can: ['accept'] });
    expect(seen.timeline?.length).toBeGreaterThan(0);
    // An anonymous case: the liaison does not get the complainant.
    expect((await p.ok<CaseView>(complaint('detail', { caseId: repair.id }, LIAISON))).complainant).toBeNull();
    // Not their company's, not a property case: NOT_FOUND.
    expect(code(await complaint('detail', { caseId: theirs.id }, LIAISON))).toBe('NOT_FOUND');
    expect(code(await complaint('detail', { caseId: noise.id }, LIAISON))).toBe('NOT_FOUND');
    expect(code(await complaint('accept', { caseId: theirs.id }, LIAISON))).toBe('NOT_FOUND');
    expect(p.doc('cases', theirs.id).status).toBe('assigned');
    // The workbench counts the same 待办.
    const bench = await p.ok(p.account('workbench', {}, LIAISON));
    const count = bench.roles.find((x: any) => x.role === 'propertyLiaison').todos[0];
    expect(count).toMatchObject({ key: 'caseQueue', count: (await todo()).length });
  });

  it('accepts, replies and resolves beside the grid, which still sees and can act on the case', async () => {
    const r = await p.newResident();
    const c = await submitAt(r.openid, '物业', '地下车库积水没人抽', P01_ESTATE);
    const metric = `grid-c01-g01-${p.doc('cases', c.id).month}`;
    const before = p.doc('caseMetrics', metric);
    const { result: accepted, requests } = await p.dbRequests(() =>
      p.ok<CaseView>(complaint('accept', { caseId: c.id, note: '已安排抽水泵' }, LIAISON)),
    );
    expect(accepted).toMatchObject({ status: 'accepted', can: ['reply', 'resolve'] });
    expect(p.doc('cases', c.id).timeline.at(-1)).toMatchObject({ role: 'propertyLiaison', action: 'accept' });
    // Counted for the grid's 响应率 as the grid worker's accept would be.
    const after = p.doc('caseMetrics', metric);
    expect(after.responseDue - before.responseDue).toBe(1);
    expect(after.respondedOnTime - before.respondedOnTime).toBe(1);
    // The same engine step as the grid worker's accept, and no dearer (measured beside it).
    const other = await submitAt(r.openid, '噪音', '广场舞音响太吵', P01_ESTATE);
    const { requests: gridAccept } = await p.dbRequests(() =>
      p.ok(complaint('accept', { caseId: other.id }, GRID_WORKER)),
    );
    expect(requests).toBeLessThanOrEqual(gridAccept);
    // The grid keeps it: in the grid worker's queue, with its actions.
    const grid = await p.allPages<CaseView>('complaint', 'gridQueue', { tab: 'todo' }, GRID_WORKER);
    expect(grid.find((x) => x.id === c.id)?.can).toEqual(['resolve', 'escalate']);

    const { result: replied, requests: replyRequests } = await p.dbRequests(() =>
      p.ok<CaseView>(complaint('reply', { caseId: c.id, note: '明天上午抽水完毕' }, LIAISON)),
    );
    expect(replyRequests).toBeLessThanOrEqual(gridAccept - 1); // no counter to move
    expect(replied.status).toBe('accepted');
    const progress = (await p.ok<CaseView>(complaint('detail', { caseId: c.id }, r.openid))).progress!;
    expect(progress.steps.map((s) => [s.text, s.note])).toContainEqual(['物业回复', '明天上午抽水完毕']);
    expect(progress.steps.map((s) => s.text)).toContain('物业已受理');
    // Reply is the liaison's: a grid worker has no such step (the router refuses the role).
    expect(code(await complaint('reply', { caseId: c.id, note: '好的' }, GRID_WORKER))).toBe('FORBIDDEN');
    expect(code(await complaint('reply', { caseId: c.id, note: '' }, LIAISON))).toBe('INVALID_INPUT');

    const resolved = await p.ok<CaseView>(
      complaint('resolve', { caseId: c.id, note: '积水已抽干', photos: [] }, LIAISON),
    );
    expect(resolved.status).toBe('resolved');
    expect(p.doc('cases', c.id).resolution).toMatchObject({ level: 'grid', by: LIAISON });
    expect((await done()).map((x) => x.id)).toContain(c.id);
    expect((await todo()).map((x) => x.id)).not.toContain(c.id);
    // Too late to reply on a resolved case.
    expect(code(await complaint('reply', { caseId: c.id, note: '再补充一句' }, LIAISON))).toBe('CONFLICT');
    // 不满意: back at the grid, and in the liaison's 待办 again; the liaison is told beside the grid.
    const told = () =>
      (t.cloud.store.find('notifications', { query: { openid: LIAISON } }) as any[]).filter(
        (n) => n.page.includes(c.id) && n.text.includes('重新办理'),
      ).length;
    expect(told()).toBe(0);
    await p.ok(complaint('rate', { caseId: c.id, grade: '不满意', comment: '车库还是有积水' }, r.openid));
    expect(told()).toBe(1);
    expect((await todo()).find((x) => x.id === c.id)?.can).toEqual(['reply', 'resolve']);
  });

  it('the grid worker acts on a property case too, and once it is passed on the liaison only reads it', async () => {
    const r = await p.newResident();
    const c = await submitAt(r.openid, '设施维修', '小区路灯一半不亮', P01_ESTATE);
    await p.ok(complaint('accept', { caseId: c.id }, GRID_WORKER));
    expect((await p.ok<CaseView>(complaint('detail', { caseId: c.id }, LIAISON))).can).toEqual(['reply', 'resolve']);
    await p.ok(complaint('escalate', { caseId: c.id, reason: '需社区协调供电公司' }, GRID_WORKER));
    const seen = await p.ok<CaseView>(complaint('detail', { caseId: c.id }, LIAISON));
    expect(seen.can).toEqual([]);
    expect(code(await complaint('resolve', { caseId: c.id, note: '已修好', photos: [] }, LIAISON))).toBe('CONFLICT');
    expect((await done()).map((x) => x.id)).toContain(c.id);
  });

  it('a liaison and a grid worker acting at once: one wins, the other is told', async () => {
    const r = await p.newResident();
    const c = await submitAt(r.openid, '物业', '垃圾清运不及时有异味', P01_ESTATE);
    const results = await Promise.all([
      complaint('accept', { caseId: c.id }, LIAISON),
      complaint('accept', { caseId: c.id }, GRID_WORKER),
    ]);
    expect(results.map((x) => (x.ok ? 'ok' : code(x))).sort()).toEqual(['CONFLICT', 'ok']);
    expect(p.doc('cases', c.id).timeline.filter((s: any) => s.action === 'accept')).toHaveLength(1);
    const both = await Promise.all([
      complaint('resolve', { caseId: c.id, note: '已清运', photos: [] }, LIAISON),
      complaint('resolve', { caseId: c.id, note: '已协调清运', photos: [] }, GRID_WORKER),
    ]);
    expect(both.map((x) => (x.ok ? 'ok' : code(x))).sort()).toEqual(['CONFLICT', 'ok']);
  });

  it('warns the liaison, beside the grid, of a property case about to pass its deadline; not of another category', async () => {
    const r = await p.newResident();
    const lift = await submitAt(r.openid, '物业', '电梯困人报警无人应答', P01_ESTATE);
    const noise = await submitAt(r.openid, '噪音', '小区广场舞音响太吵', P01_ESTATE);
    const due = Math.max(...[lift, noise].map((c) => new Date(p.doc('cases', c.id).dueAt).getTime()));
    await advanceClock(t, due - (await clockNow(t)).getTime() - 10 * 60_000);
    expect((await runJob(t.cloud, 'caseDeadlines')).ok).toBe(true);
    const warned = (openid: string, caseId: string) =>
      t.cloud.store
        .find('notifications', { query: { openid, kind: 'deadlineNear' } })
        .filter((m: any) => m.page.endsWith(`id=${caseId}`)).length;
    expect([warned(LIAISON, lift.id), warned(GRID_WORKER, lift.id)]).toEqual([1, 1]);
    expect([warned(LIAISON, noise.id), warned(GRID_WORKER, noise.id)]).toEqual([0, 1]);
    // Another company's liaison is not told.
    expect(warned(OTHER_LIAISON, lift.id)).toBe(0);
    // A second run sends nothing again.
    await runJob(t.cloud, 'caseDeadlines');
    expect(warned(LIAISON, lift.id)).toBe(1);
  });

  it('reads its queue in two requests', async () => {
    const { requests } = await p.dbRequests(() => p.ok<CasePage>(complaint('propertyQueue', { tab: 'todo' }, LIAISON)));
    expect(requests).toBeLessThanOrEqual(2);
    const { requests: doneReads } = await p.dbRequests(() =>
      p.ok<CasePage>(complaint('propertyQueue', { tab: 'done' }, LIAISON)),
    );
    expect(doneReads).toBeLessThanOrEqual(2);
  });
});

describe('quarterly property ratings', () => {
  it('a resident rates their estate once a quarter; a second time is refused and counted once', async () => {
    const r = await p.newResident({ address: C01_ADDRESS });
    const { result: status, requests } = await p.dbRequests(() =>
      p.ok<PropertyRatingStatus>(cobuild('propertyRatingStatus', {}, r.openid)),
    );
    expect(requests).toBeLessThanOrEqual(2);
    expect(status).toMatchObject({
      estate: { id: P01_ESTATE },
      company: { id: COMPANY },
      mine: null,
      canRate: true,
      reason: null,
    });
    expect(status.quarter).toMatch(/^\d{4}Q[1-4]$/);
    const { result: rated, requests: writes } = await p.dbRequests(() =>
      p.ok<PropertyRatingStatus>(cobuild('rateProperty', { rating: 'basic', comment: '保洁可以再勤一些' }, r.openid)),
    );
    expect(writes).toBeLessThanOrEqual(4);
    expect(rated).toMatchObject({ canRate: false, mine: { rating: 'basic', comment: '保洁可以再勤一些' } });
    const again = await cobuild('rateProperty', { rating: 'satisfied' }, r.openid);
    expect(code(again)).toBe('CONFLICT');
    expect(again.error?.message).toContain('本季度已评价');
    const docs = t.cloud.store.find('propertyRatings', { query: { openid: r.openid } });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ rating: 'basic', companyId: COMPANY, quarter: status.quarter });
    expect((await p.ok<PropertyRatingStatus>(cobuild('propertyRatingStatus', {}, r.openid))).mine?.rating).toBe(
      'basic',
    );
  });

  it('refuses a resident outside any company estate, and bad input, writing nothing', async () => {
    const outside = await p.newResident({ address: { ...NO_COMPANY_ESTATE, building: '' } });
    const status = await p.ok<PropertyRatingStatus>(cobuild('propertyRatingStatus', {}, outside.openid));
    expect(status).toMatchObject({ company: null, canRate: false, reason: '您所在的小区暂无物业企业' });
    const before = p.snapshot(['propertyRatings']);
    expect(code(await cobuild('rateProperty', { rating: 'satisfied' }, outside.openid))).toBe('FORBIDDEN');
    const inside = await p.newResident();
    expect(code(await cobuild('rateProperty', { rating: 'great' }, inside.openid))).toBe('INVALID_INPUT');
    expect(code(await cobuild('rateProperty', { rating: 'basic', comment: 'x'.repeat(201) }, inside.openid))).toBe(
      'INVALID_INPUT',
    );
    expect(p.snapshot(['propertyRatings'])).toEqual(before);
    // Staff-only reads are refused to a resident.
    expect(code(await cobuild('propertyStats', {}, inside.openid))).toBe('FORBIDDEN');
  });

  it('two residents rating at once are both counted, and the stats are exact', async () => {
    const [a, b] = [await p.newResident(), await p.newResident()];
    const results = await Promise.all([
      cobuild('rateProperty', { rating: 'satisfied' }, a.openid),
      cobuild('rateProperty', { rating: 'unsatisfied' }, b.openid),
    ]);
    expect(results.every((x) => x.ok)).toBe(true);
    const { result: stats, requests } = await p.dbRequests(() =>
      p.ok<PropertyStatsView>(cobuild('propertyStats', {}, ADMIN)),
    );
    expect(requests).toBeLessThanOrEqual(2);
    const expected = (key: string, companyId: string) => {
      const docs = t.cloud.store.find('propertyRatings', { query: { quarter: key, companyId } }) as any[];
      const n = (r: string) => docs.filter((d) => d.rating === r).length;
      return { satisfied: n('satisfied'), basic: n('basic'), unsatisfied: n('unsatisfied') };
    };
    const p01 = stats.companies.find((c) => c.id === COMPANY)!;
    expect(p01.counts).toEqual(expected(stats.quarter.key, COMPANY));
    expect(p01.counts.satisfied).toBeGreaterThanOrEqual(1);
    expect(p01.counts.unsatisfied).toBeGreaterThanOrEqual(1);
    expect(p01.satisfactionRate).toBeCloseTo((p01.counts.satisfied + p01.counts.basic) / p01.total, 4);
    expect(stats.companies).toHaveLength(21);
    // A past quarter of the seed: every company exactly as its documents say.
    const seeded = t.cloud.store.find('propertyRatings', { query: {} }) as any[];
    const past = seeded.map((d) => d.quarter as string).sort()[0];
    const [year, q] = past.split('Q').map(Number);
    const old = await p.ok<PropertyStatsView>(cobuild('propertyStats', { year, quarter: q }, ADMIN));
    expect(old.quarter.key).toBe(past);
    for (const c of old.companies) expect(c.counts).toEqual(expected(past, c.id));
    expect(old.companies.some((c) => c.total > 0)).toBe(true);
    // By kind: only that kind.
    const none = await p.ok<PropertyStatsView>(cobuild('propertyStats', { kind: 'none' }, ADMIN));
    expect(none.companies.every((c) => c.partyOrgKind === 'none')).toBe(true);
  });

  it('a liaison reads their own company only', async () => {
    const own = await p.ok<PropertyStatsView>(cobuild('propertyStats', {}, LIAISON));
    expect(own.companies.map((c) => c.id)).toEqual([COMPANY]);
    expect(code(await cobuild('propertyStats', { companyId: 'p14' }, LIAISON))).toBe('FORBIDDEN');
    expect(code(await cobuild('propertyStats', { quarter: 5 }, ADMIN))).toBe('INVALID_INPUT');
  });
});
