import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from '../../contract/notifications';
import { localTemplateId } from '../../emulator/openapi/templates';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { advanceClock, clockNow, people, type People } from '../helpers/people';
import { wxCloud } from '../helpers/sdk';
import { local } from '../../server/platform/time';
import { type JobName, runJob } from '../helpers/jobs';

/**
 * Notifications (消息): every step lands in the 消息 list of whoever waits for it, whether or not
 * they subscribed; a subscribe message is delivered only against an acceptance of its template
 * (one message per acceptance, else 43101), with values WeChat accepts (else 47003).
 */

let t: TestCloud;
let p: People;
let seq = 0;
const MIN = 60_000;
const HOUR = 60 * MIN;

const upload = (openid: string) => t.cloud.storage.put(`uploads/${openid}/n-${++seq}.png`, Buffer.from(`png ${seq}`));
const wish = (action: string, payload: unknown, openid: string) => p.ok(p.call('wish', action, payload, openid));
const complaint = (action: string, payload: unknown, openid: string) =>
  p.ok(p.call('complaint', action, payload, openid));
const six = (action: string, payload: unknown, openid: string) => p.ok(p.call('sixOnes', action, payload, openid));
const account = (action: string, payload: unknown, openid: string) => p.ok(p.account(action, payload, openid));
const job = (name: JobName) => runJob(t.cloud, name);

/** A person's 消息 list as stored (oldest first). */
const listed = (openid: string, kind?: TemplateKey): any[] =>
  t.cloud.store.find('notifications', { query: { openid, ...(kind ? { kind } : {}) } });
const sent = (touser: string, key: TemplateKey) =>
  t.cloud.outbox.all({ touser }).filter((m) => m.templateId === localTemplateId(key));
const allow = (openid: string, ...keys: TemplateKey[]) =>
  t.cloud.subscriptions.accept(
    openid,
    keys.map((k) => localTemplateId(k)),
  );

async function submittedWish(by: string, description = `楼道灯坏了请帮忙更换 ${++seq}`) {
  return wish('submit', { category: '维修', description, photos: [upload(by)] }, by);
}

/** A complaint `by` reports (at their registered address unless told otherwise). */
const reported = (
  by: string,
  category: string,
  description: string,
  opts: { location?: Record<string, unknown>; urgency?: 'normal' | 'urgent' } = {},
) =>
  complaint(
    'submit',
    {
      category,
      description,
      photos: [],
      location: opts.location ?? { kind: 'address' },
      urgency: opts.urgency ?? 'normal',
      anonymous: false,
    },
    by,
  );

/** A fresh resident of c01-g01 (the demo grid worker's grid). */
const resident = async () => (await p.newResident()).openid;

beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
});
afterAll(() => t.stop());

describe('subscribe messages follow the user’s acceptances', () => {
  it('one acceptance allows one message: the second is refused with 43101, while the 消息 list has both', async () => {
    const r = await resident();
    allow(r, 'wishReviewed');
    const [a, b] = [await submittedWish(r), await submittedWish(r)];
    await wish('review', { wishId: a.id, decision: 'publish' }, 'demo-grid-worker');
    await wish('review', { wishId: b.id, decision: 'reject', reason: '请补充具体位置' }, 'demo-grid-worker');
    const out = sent(r, 'wishReviewed');
    expect(out.map((m) => [m.status, m.errcode])).toEqual([
      ['delivered', 0],
      ['refused', 43101],
    ]);
    expect(out[1].reason).toBe('user refuse to accept the msg');
    expect(out[0].page).toBe(`packages/resident/pages/wish-detail/index?id=${a.id}`);
    expect(out[0].data).toMatchObject({ phrase2: { value: '已发布' }, thing4: { value: '等待党员认领' } });
    expect(listed(r, 'wishReviewed').map((m) => m.text.split(' · ')[0])).toEqual(['已发布', '未通过']);
    expect(t.cloud.subscriptions.of(r)).toEqual({});
  });

  it('without any acceptance nothing is delivered, yet every step is in the 消息 list', async () => {
    const r = await resident();
    const w = await submittedWish(r);
    await wish('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker');
    expect(t.cloud.outbox.all({ touser: r, status: 'delivered' })).toEqual([]);
    expect(t.cloud.outbox.all({ touser: r, status: 'refused' }).map((m) => m.errcode)).toEqual([43101]);
    expect(listed(r)).toHaveLength(1);
  });

  it('values are made to fit their keyword types: long text cut with …, emoji kept, a phrase only Chinese', async () => {
    const r = await resident();
    allow(r, 'wishReviewed');
    const long = `家里老人腿脚不便😊需要有人每周帮忙买菜送到家门口，最好是周末上午，谢谢大家 ${++seq}`;
    const w = await submittedWish(r, long);
    await wish(
      'review',
      { wishId: w.id, decision: 'reject', reason: '请写明\n具体的门牌号和联系电话以便党员上门服务' },
      'demo-grid-worker',
    );
    const [m] = sent(r, 'wishReviewed');
    expect(m.status).toBe('delivered');
    expect([...m.data.thing1.value]).toHaveLength(20);
    expect(m.data.thing1.value).toMatch(/^家里老人腿脚不便😊.*…$/);
    expect(m.data.thing4.value).not.toMatch(/\n/);
    expect([...m.data.thing4.value].length).toBeLessThanOrEqual(20);
    expect(m.data.time3.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  });

  describe('the local CloudBase refuses what WeChat refuses', () => {
    const send = (data: Record<string, { value: string }>, templateId = localTemplateId('wishReviewed')) =>
      wxCloud()
        .openapi.subscribeMessage.send({ touser: 'demo-resident', templateId, page: 'pages/index/index', data })
        .catch((e: any) => e);
    const valid = {
      thing1: { value: '楼道灯坏了' },
      phrase2: { value: '已发布' },
      time3: { value: '2026年12月7日 19:00' },
      thing4: { value: '等待党员认领' },
    };

    it.each([
      ['a thing over 20 characters', { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } }],
      ['a phrase with Latin letters', { phrase2: { value: 'OK' } }],
      ['a phrase over 5 characters', { phrase2: { value: '已经发布成功了' } }],
      ['a time that is not a time', { time3: { value: '明天晚上' } }],
      ['a missing keyword', { thing4: undefined }],
      ['a keyword the template does not have', { thing9: { value: '多余' } }],
      ['a control character', { thing1: { value: '楼道\n灯坏了' } }],
    ])('%s → 47003, refused in the outbox with the reason, no grant used', async (_label, change) => {
      allow('demo-resident', 'wishReviewed');
      const before = t.cloud.subscriptions.of('demo-resident');
      const data = Object.fromEntries(
        Object.entries({ ...valid, ...change }).filter(([, v]) => v !== undefined),
      ) as Record<string, { value: string }>;
      const err = await send(data);
      expect(err.errCode).toBe(47003);
      const last = t.cloud.outbox.all({ touser: 'demo-resident' }).at(-1)!;
      expect(last).toMatchObject({
        status: 'refused',
        errcode: 47003,
        reason: expect.stringContaining('argument invalid'),
      });
      expect(t.cloud.subscriptions.of('demo-resident')).toEqual(before);
    });

    it('a template id the environment does not have → 40037; a valid message with a grant → delivered', async () => {
      expect((await send(valid, 'tpl-unknown')).errCode).toBe(40037);
      allow('demo-resident', 'wishReviewed');
      const ok = await send(valid);
      expect(ok.errCode).toBe(0);
      expect(t.cloud.outbox.all({ touser: 'demo-resident' }).at(-1)).toMatchObject({ status: 'delivered' });
    });
  });
});

describe('everyone who waits is told', () => {
  it("a new wish tells the grid's workers and grid head that it waits for review (not the submitter)", async () => {
    const r = await resident();
    const w = await submittedWish(r);
    const grid = p.doc('grids', 'c01-g01');
    const reviewers = [grid.gridHeadOpenid, ...grid.gridWorkerOpenids];
    expect(reviewers).toContain('demo-grid-worker');
    for (const o of reviewers) expect(listed(o, 'wishToReview').some((m) => m.page.endsWith(`id=${w.id}`))).toBe(true);
    expect(listed(r, 'wishToReview')).toEqual([]);
    // On a resident's behalf: the submitting grid worker is not told of their own wish.
    const before = listed('demo-grid-worker', 'wishToReview').length;
    await wish(
      'submit',
      {
        category: '生活物资',
        description: `独居老人需要一袋大米 ${++seq}`,
        photos: [],
        beneficiary: { name: '钟桂英', address: '3单元101室' },
        onBehalf: { microGridId: 'c01-g01-m1' },
      },
      'demo-grid-worker',
    );
    expect(listed('demo-grid-worker', 'wishToReview')).toHaveLength(before);
  });

  it("a property complaint tells the company's liaison (set by the county admin) besides the grid", async () => {
    const building = (t.cloud.store.find('grids', { query: { level: 'microGrid' } }) as any[]).find(
      (m) => m.propertyCompanyId && p.doc('propertyCompanies', m.propertyCompanyId)?.hasPartyOrg,
    );
    const company = p.doc('propertyCompanies', building.propertyCompanyId);
    const liaison = await resident();
    const { _id, createdAt: _c, updatedAt: _u, createdBy: _b, ...data } = company;
    await p.ok(
      p.directory(
        'save',
        { kind: 'propertyCompany', id: _id, data: { ...data, liaisonOpenid: liaison } },
        'demo-county-admin',
      ),
    );
    expect(p.doc('propertyCompanies', _id).liaisonOpenid).toBe(liaison);
    const c = await reported('demo-resident', '物业', `电梯坏了三天没人修 ${++seq}`, {
      location: { kind: 'building', microGridId: building._id },
    });
    expect(listed(liaison, 'caseAlert').map((m) => m.page)).toEqual([
      `packages/resident/pages/case-detail/index?id=${c.id}`,
    ]);
    expect(listed(liaison, 'caseAlert')[0].text).toMatch(/^物业诉求 · 物业：电梯坏了/);
    // A liaison must be a known user.
    const refused = await p.directory(
      'save',
      { kind: 'propertyCompany', id: _id, data: { ...data, liaisonOpenid: 'nobody-here' } },
      'demo-county-admin',
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('staff are warned once before a deadline passes, and again of the next deadline', async () => {
    const c = await reported('demo-resident', '环境卫生', `垃圾桶满了没人清理 ${++seq}`);
    const due = new Date(p.doc('cases', c.id).dueAt).getTime();
    const warnings = () => listed('demo-grid-worker', 'deadlineNear').filter((m) => m.page.endsWith(`id=${c.id}`));
    // Early: nothing.
    await job('caseDeadlines');
    expect(warnings()).toEqual([]);
    // Within two hours of the response deadline: one warning, however often the job runs.
    await advanceClock(t, due - (await clockNow(t)).getTime() - 90 * MIN);
    await job('caseDeadlines');
    await job('caseDeadlines');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0].text).toMatch(/^待响应 · 环境卫生：垃圾桶满了.* · 还剩约 2 小时，请及时处理$/);
    // Accepted: the grid-resolution deadline is a new one, warned of in its turn.
    await complaint('accept', { caseId: c.id }, 'demo-grid-worker');
    const resolveBy = new Date(p.doc('cases', c.id).dueAt).getTime();
    await advanceClock(t, resolveBy - (await clockNow(t)).getTime() - 30 * MIN);
    await job('caseDeadlines');
    expect(warnings().map((m) => m.text.split(' · ')[0])).toEqual(['待响应', '待办结']);
  });
});

describe('the 消息 list', () => {
  it('pages newest first with the unread count; marks one or all read, only the caller’s own', async () => {
    const r = await resident();
    const wishes = [];
    for (let i = 0; i < 23; i++) wishes.push(await submittedWish(r));
    for (const w of wishes) await wish('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker');
    const first = await account('messages', {}, r);
    expect(first.items).toHaveLength(20);
    expect(first.unread).toBe(23);
    expect(first.next).toBe(20);
    expect(first.items[0]).toMatchObject({ kind: 'wishReviewed', title: '心愿审核结果', read: false });
    expect(first.items[0].page).toBe(`packages/resident/pages/wish-detail/index?id=${wishes[22].id}`);
    const second = await account('messages', { from: 20 }, r);
    expect(second.items).toHaveLength(3);
    expect(second.next).toBeNull();
    expect(second.items.at(-1).page).toContain(wishes[0].id);

    // Someone else's ids change nothing.
    const other = await resident();
    expect(await account('markRead', { ids: [first.items[0].id] }, other)).toEqual({ unread: 0 });
    expect((await account('unreadCount', {}, r)).unread).toBe(23);

    expect(await account('markRead', { ids: [first.items[0].id, first.items[1].id] }, r)).toEqual({ unread: 21 });
    expect((await account('messages', {}, r)).items.slice(0, 3).map((m: any) => m.read)).toEqual([true, true, false]);
    expect(await account('markRead', { all: true }, r)).toEqual({ unread: 0 });
  });

  it.each([
    ['neither ids nor all', {}],
    ['both', { ids: ['a'], all: true }],
    ['too many ids', { ids: Array.from({ length: 51 }, (_, i) => `id${i}`) }],
    ['a malformed id', { ids: ['../x'] }],
  ])('markRead with %s → INVALID_INPUT', async (_label, payload) => {
    expect(await p.account('markRead', payload, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('has an entry for every kind of notification, after the loops that cause them', async () => {
    // Wishes: submitted (to review), reviewed, claimed, released, claimed again, fulfilled, confirmed.
    const r = await resident();
    const w = await submittedWish(r);
    await wish('review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker');
    await wish('claim', { wishId: w.id }, 'demo-member');
    await wish('cancelClaim', { wishId: w.id, reason: '临时出差无法完成' }, 'demo-member');
    await wish('claim', { wishId: w.id }, 'demo-member');
    await wish('fulfil', { wishId: w.id, photos: [upload('demo-member')], note: '已送到家' }, 'demo-member');
    await wish('confirm', { wishId: w.id, stars: 5, comment: '非常感谢' }, r);

    // A complaint: accepted, escalated, whistled, resolved by the department.
    const c = await reported(r, '设施维修', `路灯不亮好几天了 ${++seq}`);
    await complaint('accept', { caseId: c.id }, 'demo-grid-worker');
    await complaint('escalate', { caseId: c.id, reason: '需要供电部门处理' }, 'demo-grid-worker');
    const deadline = new Date((await clockNow(t)).getTime() + 48 * HOUR).toISOString();
    await complaint(
      'whistle',
      {
        caseId: c.id,
        leadDepartmentId: 'd01',
        assistDepartmentIds: [],
        reason: '群众反映突出而社区解决不了',
        class: '日常',
        deadline,
      },
      'demo-secretary',
    );
    await complaint('reportIn', { caseId: c.id }, 'demo-department');
    await complaint(
      'deptResolve',
      { caseId: c.id, outcome: '已更换灯泡恢复照明', photos: [upload('demo-department')] },
      'demo-department',
    );

    // 六个一: an activity tomorrow (the local date, whatever the hour the test runs), changed; a
    // filed record reviewed; the reminders.
    const start = local(await clockNow(t))
      .add(1, 'day')
      .startOf('day')
      .add(10, 'hour')
      .toDate();
    const a = await six(
      'publishActivity',
      {
        type: 'symposium',
        title: `与社区干部座谈 ${++seq}`,
        description: '听取在职党员意见建议',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + HOUR).toISOString(),
        signUpBy: new Date(start.getTime() - HOUR).toISOString(),
        place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
        capacity: 20,
      },
      'demo-secretary',
    );
    await six('signUp', { activityId: a.id }, 'demo-member');
    await six('updateActivity', { activityId: a.id, capacity: 25 }, 'demo-secretary');
    await job('remindActivities');
    const record = await six(
      'fileRecord',
      {
        kind: 'surveyReport',
        title: `社区停车难调研 ${++seq}`,
        note: '走访了三个小区，听取居民意见',
        photos: [upload('demo-member')],
      },
      'demo-member',
    );
    await six('reviewRecords', { recordIds: [record.id], decision: 'approve' }, 'demo-secretary');
    await job('remindSixOnes');

    // A deadline about to pass.
    const late = await reported(r, '噪音', `夜间施工噪音扰民 ${++seq}`, { urgency: 'urgent' });
    const due = new Date(p.doc('cases', late.id).dueAt).getTime();
    await advanceClock(t, due - (await clockNow(t)).getTime() - 10 * MIN);
    await job('caseDeadlines');

    // 结对共建: the demo unit chairs this month, a joint meeting is called (its units told) with
    // its topic window closing tomorrow, a decision owned by the unit; the reminders job.
    const cobuild = (action: string, payload: unknown, openid: string) =>
      p.ok(p.call('cobuild', action, payload, openid));
    const meeting = (action: string, payload: unknown, openid: string) =>
      p.ok(p.call('meeting', action, payload, openid));
    const demoUnit = p.doc('users', 'demo-unit-admin').roles.find((g: any) => g.role === 'unitAdmin').unitId;
    const rota = await meeting('rota', {}, 'demo-secretary');
    const month = rota.months.find((m: any) => m.current);
    if (month.chair?.id !== demoUnit)
      await meeting(
        'setRota',
        { year: rota.year, version: rota.version, months: [{ month: month.month, unitId: demoUnit }] },
        'demo-secretary',
      );
    const at = (await clockNow(t)).getTime();
    await meeting(
      'callMeeting',
      {
        startAt: new Date(at + 3 * 86_400_000).toISOString(),
        topicsBy: new Date(at + 20 * 3_600_000).toISOString(),
        place: '社区会议室',
      },
      'demo-secretary',
    );
    await job('cobuildReminders');
    // The demo unit offers a resource in the category of one of c01's open needs: the secretary is told.
    const [need] = t.cloud.store.find('cobuildNeeds', { query: { communityId: 'c01', status: 'open' } }) as any[];
    await cobuild(
      'saveResource',
      {
        year: need.year,
        category: need.category,
        title: '党员志愿服务队',
        description: '单位党员志愿服务队每月上门服务',
        capacity: { amount: 6, unit: '次', frequency: '每月一次' },
        liaisonOpenid: 'demo-member',
        availability: '周末全天',
      },
      'demo-unit-admin',
    );
    // 督导: the county admin closes the last ended quarter and publishes its 通报: each secretary is told.
    const sv = (action: string, payload: unknown) =>
      p.ok<any>(p.call('supervision', action, payload, 'demo-county-admin'));
    const closed = await sv('closeQuarter', { quarter: (await sv('quarterReport', {})).quarter });
    await sv('publishReport', { quarter: closed.quarter, version: closed.version });

    const kinds = new Set((t.cloud.store.find('notifications', {}) as any[]).map((m) => m.kind));
    expect(TEMPLATE_KEYS.filter((k) => !kinds.has(k))).toEqual([]);
    // Each entry reads as a title and one line, and opens a page.
    for (const m of t.cloud.store.find('notifications', {}) as any[]) {
      expect(m.title).toBe(TEMPLATES[m.kind as TemplateKey].inbox);
      expect(m.text.length).toBeGreaterThan(0);
      // A page, with the one item it is about (`?id=`, or a 督导 report's `?quarter=`).
      expect(m.page).toMatch(/^(packages\/[a-z]+\/)?pages\/[a-z-]+\/index(\?id=[0-9a-z-]+|\?quarter=\d{4}Q[1-4])?$/);
    }
  });
});
