/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * One case's page (packages/resident/pages/case-detail, the page every case notification opens)
 * of the built weapp through the real cloud functions (local CloudBase): after the grid worker
 * accepts and escalates and the secretary blows the whistle — all through the real actions — a
 * handler's timeline shows every step with who, role, when, from → to and the notes, and the
 * whistle its departments; the complainant instead reads plain progress (who handles it now, what
 * happened, what comes next and by when) and none of that chain; and actions from `view.can` work
 * from the page: the grid worker accepts (and cannot escalate without a reason), the secretary
 * blows the whistle (lead department, reason, class, the class's default deadline), the department
 * reports in (and cannot resolve without evidence). Needs `npm run build:weapp` first.
 */
import type { CaseView, DepartmentSummary } from '../../contract';
import { CASE_STATUS_LABELS } from '../../contract/caseLabels';
import { formatTime } from '../../src/utils/date';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const DETAIL = 'packages/resident/pages/case-detail/index';
const DAY = 24 * 3600 * 1000;
const ACTIONS = [
  'withdraw',
  'rate',
  'accept',
  'resolve',
  'escalate',
  'whistle',
  'reportIn',
  'requestExtension',
  'decideExtension',
  'deptResolve',
  'assist',
  'rateDepartment',
];

const ui = useLocalCloud();
const complaint = (action: string, payload: unknown, openid: string) =>
  ui.invoke<CaseView>('complaint', action, payload, openid);
let seq = 0;

const submitted = () =>
  complaint(
    'submit',
    {
      category: '环境卫生',
      description: `楼下的垃圾三天没人清运，气味很大（${++seq}）`,
      location: { kind: 'address' },
    },
    'demo-resident',
  );

async function escalated(): Promise<CaseView> {
  const c = await submitted();
  await complaint('accept', { caseId: c.id, note: '已电话联系居民，马上到现场' }, 'demo-grid-worker');
  return complaint('escalate', { caseId: c.id, reason: '需要城管执法，网格解决不了' }, 'demo-grid-worker');
}

async function whistled(): Promise<CaseView> {
  const c = await escalated();
  return complaint(
    'whistle',
    {
      caseId: c.id,
      leadDepartmentId: 'd01',
      assistDepartmentIds: ['d02'],
      reason: '需要综合执法',
      class: '日常',
      deadline: new Date(Date.now() + 5 * DAY).toISOString(),
    },
    'demo-secretary',
  );
}

/** The case page as `openid` sees it, once shown: 办理记录 for handlers, 办理进度 for the complainant. */
async function openCase(id: string, openid: string, calls: CallEvent[] = [], shown = '办理记录'): Promise<LoadedPage> {
  const page = await ui.open(DETAIL, openid, { query: { id }, calls });
  await page.waitForText(shown, 5000);
  return page;
}

const actionsShown = (page: LoadedPage) => ACTIONS.filter((a) => page.has(`#case-action-${a}`));
const sectionText = (page: LoadedPage, name: string) =>
  (page.page.querySelector(`.case-detail__section--${name}`)?.dom.textContent ?? '').replace(/\s+/g, ' ');
const timelineText = (page: LoadedPage) => sectionText(page, 'timeline');

test('a handler’s timeline shows every step after accept, escalate and whistle, with who, role, from → to and notes', async () => {
  const c = await whistled();
  const departments = await ui.invoke<DepartmentSummary[]>('directory', 'departments', {}, 'demo-secretary');
  const name = (id: string) => departments.find((d) => d.id === id)!.name;

  const page = await openCase(c.id, 'demo-secretary');
  expect(page.has('.case-detail__section--progress')).toBe(false);
  const timeline = timelineText(page);
  const labels = ['提交诉求', '分派', '受理', '上报社区', '吹哨'];
  const at = labels.map((l) => timeline.indexOf(l));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(page.page.querySelectorAll('.case-timeline__step')).toHaveLength(c.timeline!.length);
  for (const change of [
    `${CASE_STATUS_LABELS.assigned} → ${CASE_STATUS_LABELS.accepted}`,
    `${CASE_STATUS_LABELS.accepted} → ${CASE_STATUS_LABELS.escalated}`,
    `${CASE_STATUS_LABELS.escalated} → ${CASE_STATUS_LABELS.whistled}`,
  ])
    expect(timeline).toContain(change);
  for (const who of ['钟晓燕 · 网格员', '谢春梅 · 社区书记', '系统']) expect(timeline).toContain(who);
  expect(timeline).toContain('已电话联系居民，马上到现场');
  expect(timeline).toContain('需要城管执法，网格解决不了');
  expect(timeline).toContain(`需要综合执法（日常）→ ${name('d01')}、${name('d02')}`);

  // The whistle: its reason, class, deadlines, and each department with its part and 报到 state.
  const whistle = page.page.querySelector('.case-detail__section--whistle')!.dom.textContent ?? '';
  for (const shown of [
    '需要综合执法',
    '日常',
    '报到期限',
    '办结期限',
    name('d01'),
    name('d02'),
    '牵头',
    '协办',
    '未报到',
  ])
    expect(whistle).toContain(shown);
  expect(page.text()).toContain('已吹哨');
  expect(page.text()).toContain('部门办理');
  // The secretary has nothing to do while departments work on it.
  expect(actionsShown(page)).toEqual([]);
});

test('the complainant reads plain progress — who handles it, what happened, what comes next and by when — not the internal chain', async () => {
  const c = await whistled();
  await complaint('reportIn', { caseId: c.id, note: '已安排执法中队今天下午到场' }, 'demo-department');
  const lead = c.whistle!.departments.find((d) => d.role === 'lead')!.departmentName;
  const assist = c.whistle!.departments.find((d) => d.role === 'assist')!.departmentName;
  const grid = c.grid!.name;
  const community = c.community.name;

  const page = await openCase(c.id, 'demo-resident', [], '办理进度');
  const progress = sectionText(page, 'progress');
  // Now and next: who handles it (the departments, in plain words, with what that means), and by when.
  expect(page.page.querySelector('.case-detail__row--handler')?.dom.textContent).toContain(`${lead}等部门`);
  expect(progress).toContain('社区解决不了的问题，会请相关职能部门到场');
  expect(page.page.querySelector('.case-detail__row--next')?.dom.textContent).toContain(
    `${lead}等部门将在${formatTime(c.whistle!.deadline)}前办好并答复您`,
  );
  expect(page.page.querySelector('.case-detail__head')?.dom.textContent).toContain('正在办理');
  // What happened, in order, in plain lines; the grid worker's reply to the resident among them.
  const lines = [
    '您提交了诉求',
    `由${grid}的网格员办理`,
    '网格员已受理',
    '已电话联系居民，马上到现场',
    `已转交${community}办理`,
    `社区已协调${lead}、${assist}共同办理`,
    `${lead}已开始办理`,
  ];
  const at = lines.map((l) => progress.indexOf(l));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);

  // None of the internal chain: no timeline, no whistle, no levels, statuses or handlers' notes.
  expect(page.has('.case-detail__section--timeline')).toBe(false);
  expect(page.has('.case-detail__section--whistle')).toBe(false);
  const text = page.text().replace(/\s+/g, ' ');
  for (const internal of [
    '办理记录',
    '部门办理',
    '网格办理',
    '协办',
    '牵头',
    '未报到',
    '超时',
    '报到期限',
    '吹哨',
    '→',
    CASE_STATUS_LABELS.assigned,
    CASE_STATUS_LABELS.reported,
    CASE_STATUS_LABELS.whistled,
    `${community} · ${grid}`,
    '已派给',
    '需要城管执法，网格解决不了',
    '需要综合执法',
    '已安排执法中队今天下午到场',
  ])
    expect({ internal, shown: text.includes(internal) }).toEqual({ internal, shown: false });
  expect(actionsShown(page)).toEqual([]);
});

test('the grid worker accepts from the page; escalating then needs a reason', async () => {
  const c = await submitted();
  const calls: CallEvent[] = [];
  const page = await openCase(c.id, 'demo-grid-worker', calls);
  expect(actionsShown(page)).toEqual(['accept']);
  expect(page.text()).toContain('待响应');
  expect(page.text()).toContain('响应期限');
  expect(page.text()).toContain('张秀兰'); // handlers see who reported it

  await page.tap('#case-action-accept');
  await page.waitFor(() => page.has('.case-form--accept'));
  page.type('.case-form__text .nut-textarea-textarea', '已电话联系，下午到现场查看');
  await page.tap('#case-form-ok');
  await page.waitFor(() => page.has('#case-action-resolve'), 5000);

  expect(calls).toContainEqual({ action: 'accept', payload: { caseId: c.id, note: '已电话联系，下午到现场查看' } });
  expect(actionsShown(page)).toEqual(['resolve', 'escalate']);
  expect(page.text()).toContain('网格办理中');
  expect(page.text()).toContain('网格办结期限');
  expect(timelineText(page)).toContain('已电话联系，下午到现场查看');
  expect(timelineText(page)).toContain(`${CASE_STATUS_LABELS.assigned} → ${CASE_STATUS_LABELS.accepted}`);

  await page.tap('#case-action-escalate');
  await page.waitFor(() => page.has('.case-form--escalate'));
  await page.tap('#case-form-ok');
  await page.waitForText('请填写上报社区的原因');
  expect(calls.map((x) => x.action)).not.toContain('escalate');
  await page.tap('#case-form-cancel');
  await page.waitFor(() => page.has('#case-action-escalate'));

  const now = await complaint('detail', { caseId: c.id }, 'demo-resident');
  expect(now.status).toBe('accepted');
});

test('the secretary blows the whistle from the page: lead department, reason, class and its default deadline', async () => {
  const c = await escalated();
  const calls: CallEvent[] = [];
  const page = await openCase(c.id, 'demo-secretary', calls);
  expect(actionsShown(page)).toEqual(['resolve', 'whistle']);

  await page.tap('#case-action-whistle');
  await page.waitFor(() => page.has('.staff-choice--lead-d01'), 5000);
  await page.tap('#case-form-ok');
  await page.waitForText('请选择牵头部门');
  expect(page.text()).toContain('请选择吹哨事由');
  expect(calls.map((x) => x.action)).not.toContain('whistle');

  await page.tap('.staff-choice--lead-d01');
  await page.tap('.staff-choice--assist-d02');
  await page.tap('.staff-choice--reason-1'); // 需要综合执法
  expect(page.text()).toContain('日常类默认 7 天');
  await page.tap('#case-form-ok');
  await page.waitFor(() => page.text().includes('已吹哨') && !page.has('.case-form--whistle'), 5000);

  const sent = calls.find((x) => x.action === 'whistle')?.payload as Record<string, unknown>;
  expect(sent).toMatchObject({
    caseId: c.id,
    leadDepartmentId: 'd01',
    assistDepartmentIds: ['d02'],
    reason: '需要综合执法',
    class: '日常',
  });
  expect(sent.deadline).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
  expect(Math.abs(Date.parse(sent.deadline as string) - (Date.now() + 7 * DAY))).toBeLessThan(2 * 60_000);

  const after = await complaint('detail', { caseId: c.id }, 'demo-secretary');
  expect(after).toMatchObject({ status: 'whistled', level: 'department' });
  expect(after.whistle?.departments.map((d) => [d.departmentId, d.role])).toEqual([
    ['d01', 'lead'],
    ['d02', 'assist'],
  ]);
  expect(timelineText(page)).toContain('吹哨');
});

test('the department reports in from the page; resolving then needs evidence photos', async () => {
  const c = await whistled();
  const calls: CallEvent[] = [];
  const page = await openCase(c.id, 'demo-department', calls);
  expect(actionsShown(page)).toEqual(['reportIn']);
  expect(page.text()).toContain('报到期限');

  await page.tap('#case-action-reportIn');
  await page.waitFor(() => page.has('.case-form--reportIn'));
  await page.tap('#case-form-ok');
  await page.waitFor(() => page.has('#case-action-deptResolve'), 5000);

  expect(calls).toContainEqual({ action: 'reportIn', payload: { caseId: c.id } });
  expect(actionsShown(page)).toEqual(['requestExtension', 'deptResolve']);
  expect(page.text()).toContain('部门办理中');
  expect(timelineText(page)).toContain('部门报到');
  expect(timelineText(page)).toContain(`${CASE_STATUS_LABELS.whistled} → ${CASE_STATUS_LABELS.reported}`);
  const lead = page.page.querySelector('.case-detail__department--lead')!.dom.textContent ?? '';
  expect(lead).toContain('报到');
  expect(lead).not.toContain('未报到');

  await page.tap('#case-action-deptResolve');
  await page.waitFor(() => page.has('.case-form--deptResolve'));
  page.type('.case-form__text .nut-textarea-textarea', '已依法清理并处罚');
  await page.tap('#case-form-ok');
  await page.waitForText('请上传至少 1 张办理凭证照片');
  expect(calls.map((x) => x.action)).not.toContain('deptResolve');

  const after = await complaint('detail', { caseId: c.id }, 'demo-secretary');
  expect(after.status).toBe('reported');
  expect(after.whistle?.departments.find((d) => d.role === 'lead')?.reportedAt).not.toBeNull();
});
