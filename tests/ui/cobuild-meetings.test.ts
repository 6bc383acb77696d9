/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 轮值主席, 联席会议 and 议定事项 of the built weapp, as demo-secretary 谢春梅 (c01) and
 * demo-unit-admin 肖国平 (the unit paired with c01): the secretary sets a rota month and calls a
 * meeting; the unit admin sees the unit's chair months, proposes a theme, plans the month's
 * activity with the activity form, and submits a topic; the secretary records the meeting with a
 * decision the unit owns; the unit admin marks it done. Through the real cloud functions (local
 * CloudBase); needs `npm run build:weapp` first. The tests run in order: each builds on the last.
 */
import type { ActivityView, DecisionPage, Me, MeetingPage, MeetingView, RotaView } from '../../contract';
import { emulatorClock } from '../../emulator/clock';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const ROTA = 'packages/cobuild/pages/rota/index';
const MEETINGS = 'packages/cobuild/pages/meetings/index';
const MEETING = 'packages/cobuild/pages/meeting/index';
const CALL = 'packages/cobuild/pages/meeting-call/index';
const DECISIONS = 'packages/cobuild/pages/decisions/index';
const ACTIVITY_EDIT = 'packages/staff/pages/activity-edit/index';
const MEMBER_ACTIVITY = 'packages/member/pages/activity/index';
const SECRETARY = 'demo-secretary';
const UNIT_ADMIN = 'demo-unit-admin';

const { open, invoke } = useLocalCloud();
const cobuild = <T>(action: string, payload: unknown, openid: string) => invoke<T>('meeting', action, payload, openid);

/** The Beijing year and month of today (the rota's "current" month). */
const beijing = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
};
const NEXT_YEAR = beijing().year + 1;

let unitId = '';
let unitName = '';
let meetingId = '';

beforeAll(async () => {
  const me = await invoke<Me>('account', 'me', {}, UNIT_ADMIN);
  const grant = me.roles.find((g) => g.role === 'unitAdmin');
  if (!grant || grant.role !== 'unitAdmin') throw new Error('demo-unit-admin holds no unitAdmin grant');
  unitId = grant.unitId;
  const rota = await cobuild<RotaView>('rota', { year: NEXT_YEAR }, SECRETARY);
  const unit = rota.units.find((u) => u.id === unitId);
  if (!unit) throw new Error("the demo unit is not among c01's paired units");
  unitName = unit.name;
});

test("the secretary sets next year's January chair; a save crossing another's says so", async () => {
  const calls: CallEvent[] = [];
  const page = await open(ROTA, SECRETARY, { calls });
  await page.waitFor(() => page.has('#rota-month-12'), 10_000);
  expect(page.text()).toContain('轮值安排');
  await page.tap(`.staff-segmented__item--${NEXT_YEAR}`);
  await page.waitForText(`${NEXT_YEAR}年轮值安排`);
  await page.waitFor(() => page.has('.cobuild-rota__edit'));

  await page.tap('.cobuild-rota__edit');
  await page.waitFor(() => page.has(`.staff-choice--rota-1-${unitId}`));
  await page.tap(`.staff-choice--rota-1-${unitId}`);
  await page.tap('.cobuild-rota__save');
  await page.waitForText('已保存 1 个月的轮值主席');
  expect(calls).toContainEqual({
    action: 'setRota',
    payload: { year: NEXT_YEAR, version: expect.any(Number), months: [{ month: 1, unitId }] },
  });
  const saved = await cobuild<RotaView>('rota', { year: NEXT_YEAR }, SECRETARY);
  expect(saved.months[0].chair).toEqual({ id: unitId, name: unitName });
  expect(page.text()).toContain(`主席单位：${unitName}`);

  // Someone saves February meanwhile: her save of March is refused and the latest shown.
  await page.tap('.cobuild-rota__edit');
  await page.waitFor(() => page.has(`.staff-choice--rota-3-${unitId}`));
  await cobuild('setRota', { year: NEXT_YEAR, version: saved.version, months: [{ month: 2, unitId }] }, SECRETARY);
  await page.tap(`.staff-choice--rota-3-${unitId}`);
  await page.tap('.cobuild-rota__save');
  await page.waitForText('轮值安排刚被他人修改');
  const after = await cobuild<RotaView>('rota', { year: NEXT_YEAR }, SECRETARY);
  expect(after.months[1].chair?.id).toBe(unitId);
  expect(after.months[2].chair).toBeNull();
  expect(page.has('.cobuild-rota__save')).toBe(false);
});

test('the unit admin sees the months the unit chairs, the current one first, and proposes a theme', async () => {
  // The demo unit chairs this month (the seed's, or set here when the seed has none planned).
  const { year, month } = beijing();
  const rota = await cobuild<RotaView>('rota', { year }, SECRETARY);
  const current = rota.months[month - 1];
  if (current.chair?.id !== unitId && current.activity === null)
    await cobuild('setRota', { year, version: rota.version, months: [{ month, unitId }] }, SECRETARY);
  const chairsNow = (await cobuild<RotaView>('rota', { year }, UNIT_ADMIN)).months[month - 1].chair?.id === unitId;

  const page = await open(ROTA, UNIT_ADMIN);
  await page.waitFor(() => page.has('#rota-month-1'), 10_000);
  if (chairsNow) {
    expect(page.text()).toContain('本单位担任轮值主席的月份');
    expect(page.has(`#chair-${month}`)).toBe(true);
    // The current month first among the unit's.
    expect(page.text()).toContain(`本单位担任轮值主席的月份${year}年${month}月（本月）`);
  }
  // Next year's January, set by the secretary above.
  await page.tap(`.staff-segmented__item--${NEXT_YEAR}`);
  await page.waitForText(`${NEXT_YEAR}年1月`);
  expect(page.has('#chair-12')).toBe(false);
  expect(page.has('.cobuild-rota__edit')).toBe(false);
  await page.tap('#chair-1 .cobuild-rota__propose');
  await page.waitFor(() => page.has('.cobuild-rota__theme-input'));
  page.type('.cobuild-rota__theme-input .nut-input-native', '邻');
  await page.tap('.cobuild-rota__theme-save');
  await page.waitForText('至少 2 个字');
  page.type('.cobuild-rota__theme-input .nut-input-native', '邻里互助 共建家园');
  await page.tap('.cobuild-rota__theme-save');
  await page.waitForText('已提交1月主题：邻里互助 共建家园');
  expect(page.text()).toContain('主题：邻里互助 共建家园');
  const saved = await cobuild<RotaView>('rota', { year: NEXT_YEAR }, UNIT_ADMIN);
  expect(saved.months[0].theme).toBe('邻里互助 共建家园');

  // 策划本月活动 opens the activity form in chair mode.
  await page.tap('#chair-1 .cobuild-rota__plan');
  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({
      url: `/packages/staff/pages/activity-edit/index?chairYear=${NEXT_YEAR}&chairMonth=1&communityId=c01`,
    }),
  });
});

test("the chair unit's admin plans January's activity with the activity form; members see it hosted by the unit", async () => {
  const calls: CallEvent[] = [];
  const form = await open(ACTIVITY_EDIT, UNIT_ADMIN, {
    calls,
    query: { chairYear: String(NEXT_YEAR), chairMonth: '1', communityId: 'c01' },
  });
  await form.waitForText('已先填入本社区的红色驿站', 10_000);
  expect(form.text()).toContain(`作为${NEXT_YEAR}年1月轮值主席活动发布到社区活动`);
  const title = '新春邻里互助志愿服务';
  await form.tap('.staff-choice--type-volunteer');
  form.type('.staff-activity-form__input--title .nut-input-native', title);
  form.type('.staff-activity-form__input--placeName .nut-input-native', '潋江广场东侧');
  await form.tap('.staff-activity-form__save');
  await form.waitFor(() => calls.some((c) => c.action === 'planChairActivity'));
  await form.waitFor(() => form.navigation.some((n) => n.api === 'showToast'));
  const sent = calls.find((c) => c.action === 'planChairActivity')!.payload as Record<string, unknown>;
  expect(sent).toMatchObject({
    year: NEXT_YEAR,
    month: 1,
    type: 'volunteer',
    title,
    startAt: `${NEXT_YEAR}-01-01T09:00:00+08:00`,
  });
  expect(calls.map((c) => c.action)).not.toContain('publishActivity');

  const rota = await cobuild<RotaView>('rota', { year: NEXT_YEAR }, UNIT_ADMIN);
  expect(rota.months[0].activity).toMatchObject({ title, status: 'open' });
  const activity = await invoke<ActivityView>(
    'sixOnes',
    'activity',
    { activityId: rota.months[0].activity!.id },
    SECRETARY,
  );
  expect(activity.host).toMatchObject({ unitId, unitName });

  const detail = await open(MEMBER_ACTIVITY, 'demo-member', { query: { id: activity.id } });
  await detail.waitFor(() => detail.has('.activity__row--host'), 10_000);
  expect(detail.text()).toContain(`主办单位${unitName}`);
});

test('the secretary calls a meeting: a week ahead by default, topics until three days before', async () => {
  const calls: CallEvent[] = [];
  const page = await open(CALL, SECRETARY, { calls });
  await page.waitFor(() => page.has('.cobuild-call__submit'));
  await page.tap('.cobuild-call__submit');
  await page.waitForText('请填写会议地点');
  expect(calls.map((c) => c.action)).not.toContain('callMeeting');

  page.type('.cobuild-call__input--place .nut-input-native', '潋江社区党群服务中心三楼会议室');
  page.type('.cobuild-call__input--subject .nut-input-native', '冬季共建联席会议');
  await page.tap('.cobuild-call__submit');
  await page.waitFor(() => page.navigation.some((n) => n.api === 'redirectTo'), 10_000);
  const sent = calls.find((c) => c.action === 'callMeeting')!.payload as Record<string, string>;
  expect(sent.startAt).toMatch(/T09:00:00\+08:00$/);
  expect(sent.topicsBy).toMatch(/T18:00:00\+08:00$/);
  expect(Date.parse(sent.startAt) - Date.parse(sent.topicsBy)).toBe((2 * 24 + 15) * 3600_000);

  const { items } = await cobuild<MeetingPage>('meetings', {}, SECRETARY);
  const called = items.find((m) => m.subject === '冬季共建联席会议' && m.status === 'called');
  expect(called).toBeDefined();
  meetingId = called!.id;
  expect(page.navigation).toContainEqual({
    api: 'redirectTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/meeting/index?id=${meetingId}` }),
  });

  const list = await open(MEETINGS, SECRETARY);
  await list.waitFor(() => list.has(`#meeting-${meetingId}`), 10_000);
  expect(list.has('.cobuild-meetings__call')).toBe(true);
  expect(list.text()).toContain('冬季共建联席会议');
  expect(list.text()).toContain('正在征集议题');
});

test('the unit admin submits a topic while the window is open; the secretary puts it on the agenda', async () => {
  const calls: CallEvent[] = [];
  const page = await open(MEETING, UNIT_ADMIN, { calls, query: { id: meetingId } });
  await page.waitFor(() => page.has('.cobuild-meeting__topic-submit'), 10_000);
  expect(page.text()).toContain('正在征集议题');
  // The previous held meeting's decisions, where each stands now.
  const called = await cobuild<MeetingView>('meeting', { meetingId }, UNIT_ADMIN);
  expect(called.previous).not.toBeNull();
  expect(page.text()).toContain('上次会议议定事项');
  for (const d of called.previous!.decisions) expect(page.has(`#decision-${d.id}`)).toBe(true);
  expect(page.has('.cobuild-meeting__record')).toBe(false);
  expect(page.has('.cobuild-meeting__cancel')).toBe(false);
  page.type('.cobuild-meeting__topic-input .nut-input-native', '老旧小区路灯维修');
  page.type('.cobuild-meeting__topic-description .nut-textarea-textarea', '三栋楼道路灯损坏，单位可出电工');
  await page.tap('.cobuild-meeting__topic-submit');
  await page.waitForText('已提交议题：老旧小区路灯维修');
  const view = await cobuild<MeetingView>('meeting', { meetingId }, SECRETARY);
  const topic = view.topics.find((t) => t.title === '老旧小区路灯维修');
  expect(topic).toMatchObject({ from: { kind: 'unit', id: unitId }, description: '三栋楼道路灯损坏，单位可出电工' });

  const secretary = await open(MEETING, SECRETARY, { query: { id: meetingId } });
  await secretary.waitFor(() => secretary.has('.cobuild-meeting__agenda-edit'), 10_000);
  await secretary.tap('.cobuild-meeting__agenda-edit');
  await secretary.waitFor(() => secretary.has(`#agenda-${topic!.id} .cobuild-meeting__on`));
  await secretary.tap(`#agenda-${topic!.id} .cobuild-meeting__on`);
  await secretary.tap('.cobuild-meeting__agenda-save');
  await secretary.waitForText('已保存议程（1 项）');
  expect((await cobuild<MeetingView>('meeting', { meetingId }, SECRETARY)).agenda).toEqual([topic!.id]);
});

test('after the meeting the secretary records it with a decision owned by the unit; topics are closed', async () => {
  // Eight days on: the meeting's time has come and its topic window is closed.
  emulatorClock.advance(8 * 24 * 3600_000);
  const admin = await open(MEETING, UNIT_ADMIN, { query: { id: meetingId } });
  await admin.waitForText('议题征集已截止，不能再提交议题', 10_000);
  expect(admin.has('.cobuild-meeting__topic-submit')).toBe(false);

  const calls: CallEvent[] = [];
  const page = await open(MEETING, SECRETARY, { calls, query: { id: meetingId } });
  await page.waitFor(() => page.has('.cobuild-meeting__record'), 10_000);
  await page.tap('.cobuild-meeting__record');
  await page.waitFor(() => page.has('.cobuild-meeting__record-save'));
  await page.tap(`.staff-choice--present-${unitId}`);
  await page.tap('.cobuild-meeting__add-decision');
  await page.waitFor(() => page.has('.cobuild-decision-form__title'));
  // No minutes, no owner: said on the fields, nothing sent.
  await page.tap('.cobuild-meeting__record-save');
  await page.waitForText('请填写会议纪要');
  expect(page.text()).toContain('请选择责任方');
  expect(calls.map((c) => c.action)).not.toContain('recordMeeting');

  page.type(
    '.cobuild-meeting__minutes-input .nut-textarea-textarea',
    '会议通报了上季度共建情况，讨论了老旧小区路灯维修议题。',
  );
  page.type('.cobuild-decision-form__title .nut-input-native', '月底前完成三栋楼道路灯维修');
  await page.tap(`.staff-choice--owner-1-${unitId}`);
  await page.tap('.cobuild-meeting__record-save');
  await page.waitForText('会议已记录，1 项议定事项已通知责任单位', 10_000);
  expect(page.text()).toContain(`参会单位：${unitName}`);
  expect(page.text()).toContain('月底前完成三栋楼道路灯维修');

  const view = await cobuild<MeetingView>('meeting', { meetingId }, SECRETARY);
  expect(view.status).toBe('held');
  expect(view.present).toEqual([{ id: unitId, name: unitName }]);
  expect(view.decisions).toEqual([
    expect.objectContaining({
      title: '月底前完成三栋楼道路灯维修',
      owner: expect.objectContaining({ kind: 'unit', id: unitId }),
      status: 'open',
    }),
  ]);
});

test('the unit admin reports progress on the decision, then marks it done', async () => {
  const page = await open(DECISIONS, UNIT_ADMIN);
  const { items } = await cobuild<DecisionPage>('decisions', {}, UNIT_ADMIN);
  const decision = items.find((d) => d.title === '月底前完成三栋楼道路灯维修')!;
  expect(decision).toBeDefined();
  const card = `#decision-${decision.id}`;
  await page.waitFor(() => page.has(`${card} .cobuild-decisions__report`), 10_000);
  expect(page.text()).toContain(`责任方：${unitName}`);

  await page.tap(`${card} .cobuild-decisions__report`);
  await page.waitFor(() => page.has('.cobuild-decisions__send'));
  await page.tap('.cobuild-decisions__send');
  await page.waitForText('请填写进展情况');
  page.type('.cobuild-decisions__note .nut-textarea-textarea', '已采购灯具，周末安装');
  await page.tap('.cobuild-decisions__send');
  await page.waitForText('已报告「月底前完成三栋楼道路灯维修」的进展');
  expect(page.text()).toContain('已采购灯具，周末安装');

  await page.tap(`${card} .cobuild-decisions__report`);
  await page.waitFor(() => page.has('.staff-choice--outcome-done'));
  // Only the secretary may drop a decision.
  expect(page.has('.staff-choice--outcome-dropped')).toBe(false);
  await page.tap('.staff-choice--outcome-done');
  await page.tap('.cobuild-decisions__send');
  await page.waitForText('「月底前完成三栋楼道路灯维修」已标记完成');
  expect(page.has(card)).toBe(false);

  const done = await cobuild<DecisionPage>('decisions', { status: 'done' }, UNIT_ADMIN);
  expect(done.items.find((d) => d.id === decision.id)).toMatchObject({ status: 'done' });
  await page.tap('.staff-segmented__item--done');
  await page.waitFor(() => page.has(card), 10_000);
  expect(page.text()).toContain('✓ 已完成');
});
