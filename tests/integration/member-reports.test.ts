import { z } from 'zod';
import { defineAction } from '../../contract/action';
import { withWxContext } from '../../emulator/functions/context';
import { createFunction } from '../../server/platform/router';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, clockNow, people, type People } from '../helpers/people';

/**
 * 双报到 (issue 3): an in-service party member registers with their unit and reports to a
 * community — by default the unit's paired one; the community's secretary verifies or rejects;
 * a member who moves reports again and the history is kept. Secretaries see their community's
 * members, unit admins their unit's.
 */

let t: TestCloud;
let p: People;
let u01Community: string;
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
  u01Community = p.doc('units', 'u01').pairedCommunityId;
});
afterAll(() => t.stop());

/** Seeded staff: the secretary of c01 (谢春梅), of c02 (廖美玲, also a resident), of c03; the county admin. */
const SECRETARY_C01 = 'demo-secretary';
const SECRETARY_C02 = 'demo-multi';
const SECRETARY_C03 = 'seed-secretary-c03';
const SECRETARY_C04 = 'seed-secretary-c04';
const COUNTY_ADMIN = 'demo-county-admin';

const review = (reportId: string, decision: 'verify' | 'reject', by: string, reason?: string) =>
  p.account('reviewReport', { reportId, decision, ...(reason === undefined ? {} : { reason }) }, by);
const verify = (reportId: string, by = SECRETARY_C01) => p.ok(review(reportId, 'verify', by));
const queueOf = async (secretary: string, status?: string) =>
  (await p.ok(p.account('reportQueue', status ? { status } : {}, secretary))) as Array<{ id: string } & any>;
const memberGrants = (openid: string) =>
  (p.doc('users', openid).roles as Array<{ role: string }>).filter((g) => g.role === 'member');

/** A member-only action, to see what the router makes of a member's grant. */
const memberOnly = createFunction(
  'probe',
  { act: defineAction<string>()({ summary: 'member only', input: z.object({}).strict(), roles: ['member'] }) },
  { act: async () => 'acted as a member' },
);
const actAsMember = (openid: string) => withWxContext({ openid }, () => memberOnly({ action: 'act' })) as Promise<any>;

describe('registering as a member', () => {
  it('the seed pairs u01 with c01', () => {
    expect(u01Community).toBe('c01');
  });

  it("a resident reports to their unit's paired community; the report awaits the secretary", async () => {
    const resident = await p.newResident();

    const report = await p.ok(
      p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '第三中学第一党支部', joinedAt: '2008-07-01' },
        resident.openid,
      ),
    );

    expect(report).toMatchObject({
      openid: resident.openid,
      name: resident.name,
      phone: resident.phone,
      unit: { id: 'u01', name: p.doc('units', 'u01').name },
      partyBranch: '第三中学第一党支部',
      joinedAt: '2008-07-01',
      community: { id: 'c01', name: p.doc('communities', 'c01').name },
      status: 'pending',
      reason: null,
      reviewedAt: null,
    });
    expect(p.doc('memberReports', report.id)).toMatchObject({ status: 'pending', communityId: 'c01', unitId: 'u01' });

    const me = await p.ok(p.account('me', {}, resident.openid));
    expect(me.pendingReport).toEqual({
      id: report.id,
      communityId: 'c01',
      communityName: report.community.name,
      createdAt: report.createdAt,
    });
    expect(me.roles).toContainEqual({ role: 'member', communityId: 'c01', unitId: 'u01', verified: false });
  });

  it('until the secretary verifies, the member cannot act as a member', async () => {
    const { openid, report } = await p.newMember();
    expect(await actAsMember(openid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await verify(report.id);

    expect(await actAsMember(openid)).toMatchObject({ ok: true, data: 'acted as a member' });
  });

  it('a member may report to another community than the paired one', async () => {
    const { report } = await p.newMember({ unitId: 'u01', communityId: 'c02' });
    expect(report.community.id).toBe('c02');
    expect((await queueOf(SECRETARY_C02)).map((r) => r.id)).toContain(report.id);
    expect((await queueOf(SECRETARY_C01)).map((r) => r.id)).not.toContain(report.id);
  });

  it('a second report while one is pending is a CONFLICT and adds nothing', async () => {
    const { openid } = await p.newMember();
    const before = p.snapshot(['memberReports'], [['users', openid]]);

    const res = await p.account(
      'registerMember',
      { unitId: 'u01', partyBranch: '机关第二党支部', joinedAt: '2011-07-01', communityId: 'c02' },
      openid,
    );

    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(p.snapshot(['memberReports'], [['users', openid]])).toEqual(before);
  });

  it('two concurrent registrations of one member: one report, the other call CONFLICT', async () => {
    const { openid } = await p.newResident();
    const payload = { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2015-07-01' };

    const replies = await Promise.all([1, 2].map(() => p.account('registerMember', payload, openid)));

    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['CONFLICT']);
    expect(t.cloud.store.count('memberReports', { openid })).toBe(1);
    const winner = replies.find((r) => r.ok)!.data;
    expect(p.doc('users', openid).pendingReport.id).toBe(winner.id);
  });

  describe('bad input is refused and nothing is written', () => {
    const cases: Array<[string, 'INVALID_INPUT', Record<string, unknown>]> = [
      ['an unknown unit', 'INVALID_INPUT', { unitId: 'u99' }],
      ['a community that does not exist', 'INVALID_INPUT', { communityId: 'c99' }],
      ['a date that does not exist', 'INVALID_INPUT', { joinedAt: '2010-02-30' }],
      ['a party branch of one character', 'INVALID_INPUT', { partyBranch: '支' }],
      ['an overlong party branch', 'INVALID_INPUT', { partyBranch: '支'.repeat(51) }],
    ];
    it.each(cases)('%s → %s', async (_label, code, override) => {
      const { openid } = await p.newResident();
      const before = p.snapshot(['memberReports'], [['users', openid]]);
      const res = await p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2010-07-01', ...override },
        openid,
      );
      expect(res).toMatchObject({ ok: false, error: { code } });
      expect(p.snapshot(['memberReports'], [['users', openid]])).toEqual(before);
    });

    it('a join date in the future → INVALID_INPUT', async () => {
      const { openid } = await p.newResident();
      const before = p.snapshot(['memberReports'], [['users', openid]]);
      const tomorrow = new Date((await clockNow(t)).getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
      const res = await p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: tomorrow },
        openid,
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: 'joinedAt' }] } });
      expect(p.snapshot(['memberReports'], [['users', openid]])).toEqual(before);
    });

    it('a profile without name and phone → INVALID_INPUT', async () => {
      const openid = await p.newcomer();
      const before = p.snapshot(['memberReports'], [['users', openid]]);
      const res = await p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2010-07-01' },
        openid,
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(p.snapshot(['memberReports'], [['users', openid]])).toEqual(before);
    });

    it('a caller never seen before must register first (FORBIDDEN)', async () => {
      const openid = p.freshOpenid('stranger');
      const res = await p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2010-07-01' },
        openid,
      );
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(p.doc('users', openid)).toBeUndefined();
    });
  });
});

describe("the secretary's review", () => {
  it('the secretary of c01 sees a new report in her queue, oldest first, with full name and phone', async () => {
    const { report, name, phone } = await p.newMember();
    const queue = await queueOf(SECRETARY_C01);

    expect(queue.find((r) => r.id === report.id)).toMatchObject({ name, phone, status: 'pending' });
    expect(queue.every((r) => r.community.id === 'c01' && r.status === 'pending')).toBe(true);
    const created = queue.map((r) => r.createdAt);
    expect(created).toEqual([...created].sort());
  });

  it('a secretary of another community does not see it and cannot review it: FORBIDDEN, nothing changed', async () => {
    const { openid, report } = await p.newMember();
    expect((await queueOf(SECRETARY_C03)).map((r) => r.id)).not.toContain(report.id);
    const before = p.snapshot(
      ['memberReports', 'users'],
      [
        ['memberReports', report.id],
        ['users', openid],
      ],
    );

    for (const other of [SECRETARY_C03, SECRETARY_C02]) {
      expect(await review(report.id, 'verify', other)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await review(report.id, 'reject', other, '不是本社区')).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }

    expect(
      p.snapshot(
        ['memberReports', 'users'],
        [
          ['memberReports', report.id],
          ['users', openid],
        ],
      ),
    ).toEqual(before);
  });

  it('the county admin does not review reports (the secretary does): FORBIDDEN', async () => {
    const { report } = await p.newMember();
    expect(await review(report.id, 'verify', COUNTY_ADMIN)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(p.doc('memberReports', report.id).status).toBe('pending');
  });

  it('verify: the report is verified, the grant verified, nothing pending, and the member is listed in c01', async () => {
    const { openid, report, name } = await p.newMember();

    const reviewed = await verify(report.id);

    expect(reviewed).toMatchObject({ id: report.id, status: 'verified', reason: null });
    expect(reviewed.reviewedAt).toEqual(expect.any(String));
    expect(p.doc('memberReports', report.id)).toMatchObject({ status: 'verified', reviewedBy: SECRETARY_C01 });
    const me = await p.ok(p.account('me', {}, openid));
    expect(me.pendingReport).toBeNull();
    expect(me.roles.filter((g: { role: string }) => g.role === 'member')).toEqual([
      { role: 'member', communityId: 'c01', unitId: 'u01', verified: true },
    ]);
    expect((await queueOf(SECRETARY_C01)).map((r) => r.id)).not.toContain(report.id);
    expect((await queueOf(SECRETARY_C01, 'verified')).map((r) => r.id)).toContain(report.id);
    const members = await p.ok(p.account('communityMembers', {}, SECRETARY_C01));
    expect(members).toContainEqual(expect.objectContaining({ openid, name, status: 'verified' }));
    // Units, and names within a unit, in pinyin order (陈 before 邱 before 张), as people look them up.
    const collate = new Intl.Collator('zh-CN');
    const key = (m: { unit: { name: string }; name: string }) => [m.unit.name, m.name];
    const sorted = [...members].sort(
      (a: any, b: any) => collate.compare(key(a)[0], key(b)[0]) || collate.compare(key(a)[1], key(b)[1]),
    );
    expect(members.map((m: any) => `${m.unit.name}/${m.name}`)).toEqual(
      sorted.map((m: any) => `${m.unit.name}/${m.name}`),
    );
    expect(new Set(members.map((m: any) => m.unit.name)).size).toBeGreaterThan(1);
  });

  it('reviewing a report twice is a CONFLICT and changes nothing', async () => {
    const { openid, report } = await p.newMember();
    await verify(report.id);
    const before = p.snapshot(
      ['memberReports'],
      [
        ['memberReports', report.id],
        ['users', openid],
      ],
    );

    expect(await review(report.id, 'verify', SECRETARY_C01)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await review(report.id, 'reject', SECRETARY_C01, '重复审核')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      p.snapshot(
        ['memberReports'],
        [
          ['memberReports', report.id],
          ['users', openid],
        ],
      ),
    ).toEqual(before);
  });

  it('the same report reviewed twice at once: one decision wins, the other is a CONFLICT', async () => {
    const { openid, report } = await p.newMember();

    const replies = await Promise.all([
      review(report.id, 'verify', SECRETARY_C01),
      review(report.id, 'reject', SECRETARY_C01, '信息有误'),
    ]);

    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['CONFLICT']);
    const winner = replies.find((r) => r.ok)!.data;
    expect(p.doc('memberReports', report.id).status).toBe(winner.status);
    expect(p.doc('users', openid).pendingReport).toBeNull();
    expect(memberGrants(openid)).toEqual(
      winner.status === 'verified' ? [{ role: 'member', communityId: 'c01', unitId: 'u01', verified: true }] : [],
    );
  });

  it('a rejection needs a reason: INVALID_INPUT without one, nothing changed', async () => {
    const { openid, report } = await p.newMember();
    const before = p.snapshot(
      ['memberReports'],
      [
        ['memberReports', report.id],
        ['users', openid],
      ],
    );

    expect(await review(report.id, 'reject', SECRETARY_C01)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: [{ path: 'reason' }] },
    });
    expect(await review(report.id, 'reject', SECRETARY_C01, '否')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      p.snapshot(
        ['memberReports'],
        [
          ['memberReports', report.id],
          ['users', openid],
        ],
      ),
    ).toEqual(before);
  });

  it('reject: the report is rejected with its reason, the member grant goes, and the member may report again', async () => {
    const { openid, report } = await p.newMember();

    const rejected = await p.ok(review(report.id, 'reject', SECRETARY_C01, '单位信息与档案不符'));

    expect(rejected).toMatchObject({ status: 'rejected', reason: '单位信息与档案不符' });
    expect(memberGrants(openid)).toEqual([]);
    expect((await p.ok(p.account('me', {}, openid))).pendingReport).toBeNull();

    const again = await p.ok(
      p.account('registerMember', { unitId: 'u01', partyBranch: '机关第二党支部', joinedAt: '2010-07-01' }, openid),
    );
    expect(again.status).toBe('pending');
    const history = await p.ok(p.account('myReports', {}, openid));
    expect(history.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [again.id, 'pending'],
      [report.id, 'rejected'],
    ]);
  });

  it('a secretary cannot verify or reject their own report: it waits, unchanged, for a colleague of the community', async () => {
    // A new secretary of c04 who is also an in-service member reporting to c04.
    const secretary = await p.newResident();
    await p.ok(
      p.account(
        'grantRole',
        { openid: secretary.openid, grant: { role: 'secretary', communityId: 'c04' } },
        COUNTY_ADMIN,
      ),
    );
    const own = await p.ok(
      p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2010-07-01', communityId: 'c04' },
        secretary.openid,
      ),
    );
    const before = p.snapshot(
      ['memberReports', 'tallies'],
      [
        ['memberReports', own.id],
        ['users', secretary.openid],
      ],
    );
    for (const [decision, reason] of [
      ['verify', undefined],
      ['reject', '信息不全'],
    ] as const) {
      expect(await review(own.id, decision, secretary.openid, reason)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: '不能审核自己的报到申请，请由其他工作人员处理' },
      });
    }
    expect(
      p.snapshot(
        ['memberReports', 'tallies'],
        [
          ['memberReports', own.id],
          ['users', secretary.openid],
        ],
      ),
    ).toEqual(before);
    // Still in the community's queue (hers too); the community's other secretary verifies it.
    expect((await queueOf(secretary.openid)).map((r) => r.id)).toContain(own.id);
    await verify(own.id, SECRETARY_C04);
    expect(p.doc('memberReports', own.id)).toMatchObject({ status: 'verified', reviewedBy: SECRETARY_C04 });
    expect(memberGrants(secretary.openid)).toEqual([
      { role: 'member', communityId: 'c04', unitId: 'u01', verified: true },
    ]);
  });

  it('an unknown report is NOT_FOUND', async () => {
    expect(await review('report-nobody', 'verify', SECRETARY_C01)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('a member who moves (a new report)', () => {
  it('keeps the old verified grant while the new report waits; after verification the old one is superseded', async () => {
    const { openid, report: first } = await p.newMember();
    await verify(first.id);

    const second = await p.ok(
      p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2010-07-01', communityId: 'c02' },
        openid,
      ),
    );
    expect(second).toMatchObject({ status: 'pending', community: { id: 'c02' } });
    expect(memberGrants(openid)).toEqual([{ role: 'member', communityId: 'c01', unitId: 'u01', verified: true }]);
    expect(await actAsMember(openid)).toMatchObject({ ok: true });
    expect((await p.ok(p.account('me', {}, openid))).pendingReport).toMatchObject({
      id: second.id,
      communityId: 'c02',
    });

    await verify(second.id, SECRETARY_C02);

    expect(memberGrants(openid)).toEqual([{ role: 'member', communityId: 'c02', unitId: 'u01', verified: true }]);
    expect(p.doc('memberReports', first.id).status).toBe('superseded');
    const history = await p.ok(p.account('myReports', {}, openid));
    expect(history.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [second.id, 'verified'],
      [first.id, 'superseded'],
    ]);
    const inC01 = await p.ok(p.account('communityMembers', {}, SECRETARY_C01));
    const inC02 = await p.ok(p.account('communityMembers', {}, SECRETARY_C02));
    expect(inC01.map((m: { openid: string }) => m.openid)).not.toContain(openid);
    expect(inC02.map((m: { openid: string }) => m.openid)).toContain(openid);
  });

  it('a rejected move keeps the community they were verified in', async () => {
    const { openid, report: first } = await p.newMember();
    await verify(first.id);
    const second = await p.ok(
      p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2010-07-01', communityId: 'c02' },
        openid,
      ),
    );

    await p.ok(review(second.id, 'reject', SECRETARY_C02, '未在本社区居住'));

    expect(memberGrants(openid)).toEqual([{ role: 'member', communityId: 'c01', unitId: 'u01', verified: true }]);
    expect(p.doc('memberReports', first.id).status).toBe('verified');
    expect(p.doc('users', openid).pendingReport).toBeNull();
  });
});

describe('members by community (secretary, county admin)', () => {
  it("the secretary sees her community's verified members with their units, in full", async () => {
    const members = await p.ok(p.account('communityMembers', {}, SECRETARY_C01));
    const verified = t.cloud.store.find('memberReports', { query: { communityId: 'c01', status: 'verified' } });

    expect(members.map((m: { openid: string }) => m.openid).sort()).toEqual(verified.map((r) => r.openid).sort());
    const demo = members.find((m: { openid: string }) => m.openid === 'demo-member');
    expect(demo).toMatchObject({
      name: p.doc('users', 'demo-member').name,
      phone: p.doc('users', 'demo-member').phone,
      unit: { id: 'u01', name: p.doc('units', 'u01').name },
      community: { id: 'c01' },
      status: 'verified',
    });
  });

  it('naming her own community gives the same list; naming another is FORBIDDEN', async () => {
    const own = await p.ok(p.account('communityMembers', {}, SECRETARY_C01));
    expect(await p.ok(p.account('communityMembers', { communityId: 'c01' }, SECRETARY_C01))).toEqual(own);
    expect(await p.account('communityMembers', { communityId: 'c03' }, SECRETARY_C01)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('the county admin names the community; without one it is INVALID_INPUT', async () => {
    const own = await p.ok(p.account('communityMembers', {}, SECRETARY_C01));
    expect(await p.ok(p.account('communityMembers', { communityId: 'c01' }, COUNTY_ADMIN))).toEqual(own);
    expect(await p.account('communityMembers', {}, COUNTY_ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe("a unit's members (unit admin, county admin)", () => {
  it('the unit admin of u01 sees where each member reported, verified or pending', async () => {
    const elsewhere = await p.newMember({ unitId: 'u01', communityId: 'c05' });
    const members = await p.ok(p.account('unitMembers', {}, 'demo-unit-admin'));
    const byOpenid = new Map(members.map((m: { openid: string }) => [m.openid, m]));

    expect(byOpenid.get('demo-member')).toMatchObject({
      status: 'verified',
      community: { id: 'c01', name: p.doc('communities', 'c01').name },
      unit: { id: 'u01' },
    });
    expect(byOpenid.get('demo-member-pending')).toMatchObject({ status: 'pending', community: { id: 'c01' } });
    expect(byOpenid.get(elsewhere.openid)).toMatchObject({
      name: elsewhere.name,
      phone: elsewhere.phone,
      status: 'pending',
      community: { id: 'c05' },
    });
    expect(members.every((m: { unit: { id: string } }) => m.unit.id === 'u01')).toBe(true);
  });

  it('another unit is FORBIDDEN to the unit admin of u01; the county admin names any unit', async () => {
    expect(await p.account('unitMembers', { unitId: 'u02' }, 'demo-unit-admin')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const u02 = await p.ok(p.account('unitMembers', { unitId: 'u02' }, COUNTY_ADMIN));
    expect(u02.every((m: { unit: { id: string } }) => m.unit.id === 'u02')).toBe(true);
    expect(await p.account('unitMembers', {}, COUNTY_ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

// Last in the file: the emulator's clock only moves forward.
describe('the join date is checked against the county’s calendar', () => {
  it('at 02:00 in 兴国 a member who joined the party today (local date) may register', async () => {
    const DAY = 86_400_000;
    const SHANGHAI = 8 * 3_600_000;
    const now = await clockNow(t);
    const ahead = (((2 * 3_600_000 + 30_000 - ((now.getTime() + SHANGHAI) % DAY)) % DAY) + DAY) % DAY;
    const at = await advanceClock(t, ahead);
    const localToday = new Date(at.getTime() + SHANGHAI).toISOString().slice(0, 10);
    expect(at.toISOString().slice(0, 10)).not.toBe(localToday); // still yesterday in UTC

    const { openid } = await p.newResident();
    const res = await p.account(
      'registerMember',
      { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: localToday },
      openid,
    );
    expect(res).toMatchObject({ ok: true, data: { joinedAt: localToday, status: 'pending' } });

    const tomorrow = new Date(at.getTime() + SHANGHAI + DAY).toISOString().slice(0, 10);
    const late = await p.newResident();
    expect(
      await p.account(
        'registerMember',
        { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: tomorrow },
        late.openid,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
