import type { AuditEntry, AuditPage, RoleHolder } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { people, type People } from '../helpers/people';

/**
 * 操作记录 (directory.audit) and 角色授权's holders (account.roleHolders): every staff action leaves
 * one entry — who, when, what, on which item, in whose scope — written with the action (never
 * before its decisive write: a refused or conflicting step leaves none); the county admin reads
 * every entry, a secretary her community's, by kind and by person; the holders of the roles in
 * the caller's scope, each revocable.
 */

let t: TestCloud;
let p: People;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

const COUNTY_ADMIN = 'demo-county-admin';
const SECRETARY_C01 = 'demo-secretary';
const SECRETARY_C02 = 'demo-multi';
const SECRETARY_C03 = 'seed-secretary-c03';
const GRID_WORKER = 'demo-grid-worker';
const nameOf = (openid: string) => p.doc('users', openid).name as string;

const audit = (payload: Record<string, unknown>, openid = COUNTY_ADMIN) =>
  p.ok<AuditPage>(p.directory('audit', payload, openid));
/** Every entry the caller reads with these filters (all pages). */
const allEntries = (payload: Record<string, unknown>, openid = COUNTY_ADMIN) =>
  p.allPages<AuditEntry>('directory', 'audit', payload, openid);
const auditCount = () => t.cloud.store.count('audits', {});

/** What the four staff actions below leave: filled in by the first test. */
const done: { wishId: string; recordId: string; reportId: string; caseId: string; member: string } = {
  wishId: '',
  recordId: '',
  reportId: '',
  caseId: '',
  member: '',
};

describe('the audit trail of staff actions', () => {
  it('after a secretary publishes a wish, approves a record, verifies a report and a grid worker accepts a case, the log says who did what, when', async () => {
    const resident = await p.newResident();
    const wish = await p.submitWish(resident.openid, '给独居老人修水龙头');
    const record = await p.fileRecord('demo-member', '加装电梯调研', '走访了十二户居民了解加装电梯意愿');
    const member = await p.newMember({ unitId: 'u01' });
    const kase = await p.submitCase(resident.openid, '环境卫生', '楼下垃圾桶满了没人清理');
    Object.assign(done, {
      wishId: wish.id,
      recordId: record.id,
      reportId: member.report.id,
      caseId: kase.id,
      member: member.name,
    });
    const before = auditCount();

    await p.ok(p.call('wish', 'review', { wishId: wish.id, decision: 'publish' }, SECRETARY_C01));
    await p.ok(p.call('sixOnes', 'reviewRecords', { recordIds: [record.id], decision: 'approve' }, SECRETARY_C01));
    await p.ok(p.account('reviewReport', { reportId: member.report.id, decision: 'verify' }, SECRETARY_C01));
    await p.ok(p.call('complaint', 'accept', { caseId: kase.id, note: '马上到现场查看' }, GRID_WORKER));

    // One entry per action, no more.
    expect(auditCount()).toBe(before + 4);
    const { items } = await audit({});
    const [accepted, verified, approved, published] = items;
    const secretary = { by: SECRETARY_C01, byName: nameOf(SECRETARY_C01), communityId: 'c01' };
    expect(published).toMatchObject({
      ...secretary,
      kind: 'wish',
      action: 'publish',
      entity: 'wishes',
      entityId: wish.id,
      label: '给独居老人修水龙头',
    });
    expect(approved).toMatchObject({
      ...secretary,
      kind: 'record',
      action: 'approve',
      entity: 'records',
      entityId: record.id,
      label: `${nameOf('demo-member')}：加装电梯调研`,
    });
    expect(verified).toMatchObject({
      ...secretary,
      kind: 'report',
      action: 'verify',
      entity: 'memberReports',
      entityId: member.report.id,
      unitId: 'u01',
    });
    expect(verified.label).toContain(member.name);
    expect(accepted).toMatchObject({
      kind: 'case',
      action: 'accept',
      entity: 'cases',
      entityId: kase.id,
      by: GRID_WORKER,
      byName: nameOf(GRID_WORKER),
      communityId: 'c01',
      label: '楼下垃圾桶满了没人清理',
      summary: '马上到现场查看',
    });
    // When: the moments the actions happened, newest first.
    const at = [accepted, verified, approved, published].map((e) => Date.parse(e.at));
    expect(at.every((x) => Number.isFinite(x) && Date.now() - x < 10 * 60_000)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => b - a));
  });

  it('filters by person and by kind, across pages', async () => {
    const byWorker = await allEntries({ by: GRID_WORKER });
    expect(byWorker.length).toBeGreaterThan(0);
    expect(byWorker.every((e) => e.by === GRID_WORKER)).toBe(true);
    expect(byWorker.some((e) => e.entityId === done.caseId && e.action === 'accept')).toBe(true);
    expect(byWorker.some((e) => e.entityId === done.wishId)).toBe(false);

    const wishes = await allEntries({ kind: 'wish' });
    expect(wishes.every((e) => e.kind === 'wish')).toBe(true);
    expect(wishes.some((e) => e.entityId === done.wishId)).toBe(true);
    expect(wishes.some((e) => e.entityId === done.caseId)).toBe(false);

    const both = await allEntries({ kind: 'record', by: SECRETARY_C01 });
    expect(both.every((e) => e.kind === 'record' && e.by === SECRETARY_C01)).toBe(true);
    expect(both.some((e) => e.entityId === done.recordId)).toBe(true);

    // Pages do not overlap and stay newest first.
    const all = await allEntries({});
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.length).toBe(auditCount());
    const times = all.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('a secretary reads her own community’s entries; another community’s secretary sees none of them', async () => {
    const mine = await allEntries({}, SECRETARY_C01);
    expect(mine.every((e) => e.communityId === 'c01')).toBe(true);
    const ids = new Set(mine.map((e) => e.entityId));
    for (const id of [done.wishId, done.recordId, done.reportId, done.caseId]) expect(ids).toContain(id);

    const theirs = await allEntries({}, SECRETARY_C03);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.communityId === 'c03')).toBe(true);
    const seen = new Set(theirs.map((e) => e.entityId));
    for (const id of [done.wishId, done.recordId, done.reportId, done.caseId]) expect(seen).not.toContain(id);
    expect(await p.directory('audit', { communityId: 'c01' }, SECRETARY_C03)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    // Filters do not widen the scope.
    expect((await allEntries({ by: GRID_WORKER }, SECRETARY_C03)).length).toBe(0);
    // The county admin may narrow to one community.
    const c03 = await allEntries({ communityId: 'c03' });
    expect(c03.map((e) => e.id)).toEqual(theirs.map((e) => e.id));
  });

  it('a refused or conflicting action leaves no entry', async () => {
    // Her own wish (she lives in c02, where she is secretary): FORBIDDEN.
    const own = await p.submitWish(SECRETARY_C02, '楼道的灯坏了想请人修');
    let before = auditCount();
    expect(await p.call('wish', 'review', { wishId: own.id, decision: 'publish' }, SECRETARY_C02)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(auditCount()).toBe(before);

    // Reviewed already: CONFLICT, nothing written.
    before = auditCount();
    expect(
      await p.call('wish', 'review', { wishId: done.wishId, decision: 'reject', reason: '重复提交' }, SECRETARY_C01),
    ).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await p.call('complaint', 'accept', { caseId: done.caseId }, GRID_WORKER)).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(
      await p.account('reviewReport', { reportId: done.reportId, decision: 'verify' }, SECRETARY_C01),
    ).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    // Out of scope: another community's secretary.
    expect(
      await p.call(
        'sixOnes',
        'reviewRecords',
        { recordIds: [done.recordId], decision: 'reject', reason: '材料不全' },
        SECRETARY_C03,
      ),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Approving twice changes nothing and writes nothing.
    expect(
      await p.ok(
        p.call('sixOnes', 'reviewRecords', { recordIds: [done.recordId], decision: 'approve' }, SECRETARY_C01),
      ),
    ).toMatchObject({ changed: [], unchanged: [done.recordId] });
    expect(auditCount()).toBe(before);
  });

  it('a batch of records is one entry naming each record', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await p.fileRecord('demo-member', `垃圾分类调研 ${i}`, '走访了十户居民了解垃圾分类情况')).id);
    const before = auditCount();
    await p.ok(
      p.call('sixOnes', 'reviewRecords', { recordIds: ids, decision: 'reject', reason: '照片看不清' }, SECRETARY_C01),
    );
    expect(auditCount()).toBe(before + 1);
    const [entry] = (await audit({ kind: 'record' })).items;
    expect(entry).toMatchObject({ action: 'reject', summary: '照片看不清', communityId: 'c01', by: SECRETARY_C01 });
    expect(entry.targets.map((x) => x.id)).toEqual(ids);
    expect(entry.label).toContain('3 条记录');
  });

  it('activities published, edited, cancelled and attendance marked by hand are audited', async () => {
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
    const activity = await p.ok(
      p.call(
        'sixOnes',
        'publishActivity',
        {
          type: 'partyMeeting',
          title: '十二月主题党日',
          description: '学习交流',
          startAt: at(10),
          endAt: at(70),
          signUpBy: at(5),
          place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
          capacity: 30,
        },
        SECRETARY_C01,
      ),
    );
    await p.ok(p.call('sixOnes', 'updateActivity', { activityId: activity.id, capacity: 40 }, SECRETARY_C01));
    // 陈志远 signed up and forgot his phone: the secretary checks him in by hand.
    await p.ok(p.call('sixOnes', 'signUp', { activityId: activity.id }, 'demo-member'));
    await p.ok(
      p.call(
        'sixOnes',
        'manualAttendance',
        { activityId: activity.id, openid: 'demo-member', action: 'checkIn', reason: '手机没电无法扫码' },
        SECRETARY_C01,
      ),
    );
    const [marked] = (await audit({ kind: 'activity', by: SECRETARY_C01 })).items;
    expect(marked).toMatchObject({
      action: 'manualCheckIn',
      entity: 'signups',
      entityId: `${activity.id}-demo-member`,
      label: `${nameOf('demo-member')}：十二月主题党日`,
      summary: '手机没电无法扫码',
      communityId: 'c01',
    });
    // Marked already: nothing changes, nothing is written.
    const before = auditCount();
    await p.ok(
      p.call(
        'sixOnes',
        'manualAttendance',
        { activityId: activity.id, openid: 'demo-member', action: 'checkIn', reason: '手机没电无法扫码' },
        SECRETARY_C01,
      ),
    );
    expect(auditCount()).toBe(before);
    await p.ok(p.call('sixOnes', 'cancelActivity', { activityId: activity.id, reason: '场地临时占用' }, SECRETARY_C01));
    const entries = await allEntries({ kind: 'activity', by: SECRETARY_C01 });
    const ofIt = entries.filter((e) => e.entityId === activity.id);
    expect(ofIt.map((e) => [e.action, e.summary])).toEqual([
      ['cancel', '场地临时占用'],
      ['edit', '修改了名额'],
      ['publish', ''],
    ]);
    expect(ofIt.every((e) => e.label === '十二月主题党日' && e.communityId === 'c01')).toBe(true);
  });

  it('the entry rides with the step’s own writes: no extra database round trip', async () => {
    const resident = await p.newResident();
    const wish = await p.submitWish(resident.openid, '单元门的门禁坏了');
    const kase = await p.submitCase(resident.openid, '噪音', '夜里广场舞音响太吵');
    const trips = async (fn: () => Promise<unknown>) => {
      const count = () => t.cloud.store.counters.get('roundTrips.database') ?? 0;
      t.cloud.dbLatencyMs = 10;
      try {
        const start = count();
        await fn();
        return count() - start;
      } finally {
        t.cloud.dbLatencyMs = 0;
      }
    };
    // caller → wish → conditional update → notification ‖ audit entry (ARCHITECTURE "Budgets": writes ≤ 4).
    expect(
      await trips(() => p.ok(p.call('wish', 'review', { wishId: wish.id, decision: 'publish' }, SECRETARY_C01))),
    ).toBe(4);
    // caller → start → case → case write ‖ audit entry → commit → metrics → notification: as without the trail.
    expect(await trips(() => p.ok(p.call('complaint', 'accept', { caseId: kase.id }, GRID_WORKER)))).toBe(7);
  });
});

describe('角色授权: the holders of each role in the caller’s scope', () => {
  const holders = (openid: string) => p.ok<RoleHolder[]>(p.account('roleHolders', {}, openid));

  it('the county admin sees every staff grant: secretaries of every community, grid workers, departments, unit admins, county admins', async () => {
    const rows = await holders(COUNTY_ADMIN);
    const roles = new Set(rows.map((r) => r.grant.role));
    expect([...roles].sort()).toEqual(['countyAdmin', 'department', 'gridWorker', 'secretary', 'unitAdmin']);
    const secretaries = rows.filter((r) => r.grant.role === 'secretary');
    expect(new Set(secretaries.map((r) => (r.grant as { communityId: string }).communityId)).size).toBe(14);
    expect(rows).toContainEqual(
      expect.objectContaining({
        openid: SECRETARY_C01,
        name: nameOf(SECRETARY_C01),
        grant: { role: 'secretary', communityId: 'c01' },
      }),
    );
    // Phones masked, as everywhere staff find people.
    expect(rows.every((r) => r.phone === '' || /^\d{3}\*{4}\d{4}$/.test(r.phone))).toBe(true);
    // By role, then scope.
    const order = ['secretary', 'gridWorker', 'department', 'unitAdmin', 'countyAdmin'];
    const positions = rows.map((r) => order.indexOf(r.grant.role));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('a secretary sees only the grid workers of her community, and revoking one takes them off the list (audited)', async () => {
    const rows = await holders(SECRETARY_C01);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.grant.role === 'gridWorker' && r.grant.communityId === 'c01')).toBe(true);
    expect(rows.some((r) => r.openid === GRID_WORKER)).toBe(true);
    const c03 = await holders(SECRETARY_C03);
    expect(c03.every((r) => r.grant.role === 'gridWorker' && r.grant.communityId === 'c03')).toBe(true);

    const { openid } = await p.newResident();
    await p.ok(
      p.account(
        'grantRole',
        { openid, grant: { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] } },
        SECRETARY_C01,
      ),
    );
    expect((await holders(SECRETARY_C01)).some((r) => r.openid === openid)).toBe(true);
    expect((await holders(SECRETARY_C03)).some((r) => r.openid === openid)).toBe(false);

    await p.ok(p.account('revokeRole', { openid, role: 'gridWorker', scopeId: 'c01' }, SECRETARY_C01));
    expect((await holders(SECRETARY_C01)).some((r) => r.openid === openid)).toBe(false);
    expect((await holders(COUNTY_ADMIN)).some((r) => r.openid === openid)).toBe(false);
    expect(p.doc('users', openid).staff).toBe(0);

    const [revoked, granted] = (await audit({ kind: 'role' }, SECRETARY_C01)).items;
    expect(revoked).toMatchObject({ action: 'revokeRole', entityId: openid, by: SECRETARY_C01, communityId: 'c01' });
    expect(granted).toMatchObject({ action: 'grantRole', entityId: openid, by: SECRETARY_C01, communityId: 'c01' });
  });
});
