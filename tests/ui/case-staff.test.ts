/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The handlers' 民情诉求 pages of the built weapp through the real cloud functions (local
 * CloudBase), with cases made through the real actions: the staff home opens 网格诉求 / 吹哨报到 /
 * 诉求指标 by role; the secretary's 社区诉求 shows what needs the community (待处理) or everything
 * open (全部); the department's inbox lists a whistle to report in; 诉求指标 shows the measures of
 * its scope alone (SCOPE_MEASURES) as the server counts them, with their counts and what they
 * count, a whistle not yet due as 暂无到期事项, and steps back a month; the grid worker's queue
 * puts the overdue case first and marks it. Needs `npm run build:weapp` first.
 */
import type { CasePage, CaseView, MetricsView } from '../../contract';
import { emulatorClock } from '../../emulator/clock';
import type { LoadedPage } from '../helpers/weapp-harness';
import { localTemplateId } from '../../emulator/openapi/templates';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const QUEUE = 'packages/staff/pages/case-queue/index';
const INBOX = 'packages/staff/pages/case-inbox/index';
const METRICS = 'packages/staff/pages/case-metrics/index';
const ROLES = 'packages/staff/pages/roles/index';
const HOUR = 3600 * 1000;

const ui = useLocalCloud();
const complaint = <T = CaseView>(action: string, payload: unknown, openid: string) =>
  ui.invoke<T>('complaint', action, payload, openid);
let seq = 0;

afterAll(() => emulatorClock.reset());

const submitted = (what = '楼下路灯坏了一个星期，晚上很黑') =>
  complaint(
    'submit',
    { category: '设施维修', description: `${what}（${++seq}）`, location: { kind: 'address' } },
    'demo-resident',
  );

async function escalated(): Promise<CaseView> {
  const c = await submitted('小区消防通道被长期占用');
  await complaint('accept', { caseId: c.id }, 'demo-grid-worker');
  return complaint('escalate', { caseId: c.id, reason: '需要综合执法' }, 'demo-grid-worker');
}

const cardText = (page: LoadedPage, selector: string) => page.page.querySelector(selector)?.dom.textContent ?? '';

test('the staff home opens each handler’s list and 诉求指标 by role', async () => {
  const department = await ui.open(ROLES, 'demo-department');
  await department.waitForText('吹哨报到', 5000);
  expect(department.text()).toContain('诉求指标');
  await department.tap('.staff-home__tool--case-inbox');
  // Opening the inbox first asks for its messages (whistle received, deadline near), then goes there.
  await department.waitFor(() => department.navigation.some((n) => n.api === 'navigateTo'));
  expect(department.subscribeRequests).toEqual([[localTemplateId('whistleReceived'), localTemplateId('deadlineNear')]]);
  expect(department.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/case-inbox/index' }),
  });

  const grid = await ui.open(ROLES, 'demo-grid-worker');
  await grid.waitForText('网格诉求', 5000);
  await grid.tap('.staff-home__tool--case-metrics');
  expect(grid.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/case-metrics/index?scope=grid&scopeId=c01-g01' }),
  });

  const county = await ui.open(ROLES, 'demo-county-admin');
  await county.waitForText('诉求指标', 5000);
  expect(county.has('.staff-home__tool--case-queue')).toBe(false);
});

test('社区诉求: 待处理 shows the escalated case, 全部 also the one still with the grid', async () => {
  const up = await escalated();
  const atGrid = await submitted();
  const page = await ui.open(QUEUE, 'demo-secretary', { query: { as: 'community' } });
  await page.waitFor(() => page.has(`#case-${up.id}`), 5000);
  expect(page.has(`#case-${atGrid.id}`)).toBe(false);
  expect(cardText(page, `#case-${up.id}`)).toContain('社区办理中');
  expect(cardText(page, `#case-${up.id}`)).toContain('张秀兰');

  await page.tap('.staff-segmented__item--all');
  await page.waitFor(() => page.has(`#case-${atGrid.id}`), 5000);
  expect(page.has(`#case-${up.id}`)).toBe(true);
});

test('网格诉求: a case passed to the community leaves 待办 for 已办; search finds it by a word of its description', async () => {
  const up = await escalated();
  const page = await ui.open(QUEUE, 'demo-grid-worker', { query: { as: 'grid' } });
  await page.waitFor(() => page.has('.staff-segmented__item--done') && !page.text().includes('加载中'), 5000);
  expect(page.has(`#case-${up.id}`)).toBe(false);

  await page.tap('.staff-segmented__item--done');
  await page.waitFor(() => page.has(`#case-${up.id}`), 5000);
  expect(page.text()).toContain('最近有进展的在前');

  const shown = () => page.page.querySelectorAll('.case-card').map((n) => n.dom.textContent ?? '');
  expect(shown().some((t) => !t.includes('消防通道'))).toBe(true);
  page.type('.search-bar__input .nut-input-native', '消防通道');
  await page.tap('.search-bar__go');
  // Narrowed: only cases about 消防通道 are left, this one among them.
  await page.waitFor(() => page.has(`#case-${up.id}`) && shown().every((t) => t.includes('消防通道')), 5000);

  page.type('.search-bar__input .nut-input-native', '没有这样的诉求内容');
  await page.tap('.search-bar__go');
  await page.waitForText('没有找到与“没有这样的诉求内容”有关的诉求', 5000);
});

test('吹哨报到: the department’s inbox lists a whistle to report in, with its class and deadline', async () => {
  const c = await escalated();
  await complaint(
    'whistle',
    {
      caseId: c.id,
      leadDepartmentId: 'd01',
      reason: '需要综合执法',
      class: '重大',
      deadline: new Date(Date.now() + 10 * 24 * HOUR).toISOString(),
    },
    'demo-secretary',
  );
  const page = await ui.open(INBOX, 'demo-department');
  await page.waitFor(() => page.has(`#task-${c.id}`), 5000);
  const task = cardText(page, `#task-${c.id}`);
  for (const shown of ['牵头', '重大', '需要综合执法', '未报到', '报到期限']) expect(task).toContain(shown);

  await page.tap(`#task-${c.id}`);
  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/resident/pages/case-detail/index?id=${c.id}` }),
  });
  await page.tap('.staff-segmented__item--done');
  await page.waitFor(() => !page.has(`#task-${c.id}`) && !page.text().includes('加载中'), 5000);
});

const RATE_KEYS = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReportRate', 'whistleRate'];
/** The rate cards a 诉求指标 page shows, by measure. */
const shownRates = (page: LoadedPage) => RATE_KEYS.filter((k) => page.has(`.case-metrics__rate--${k}`));
const percent = (v: number | null | undefined, none: string) =>
  v === null || v === undefined ? none : `${Math.round(v * 1000) / 10}%`;

test('诉求指标 of a community shows its own measures as the server counts them — 响应率, 办结率, 满意率, 吹哨率, not 按时报到率 — and steps back a month', async () => {
  const expected = await complaint<MetricsView>('metrics', { scope: 'community', scopeId: 'c01' }, 'demo-secretary');
  expect(expected.measures).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate', 'whistleRate']);
  const r = expected.rates;
  expect(r.onTimeReportRate).toBeUndefined();
  const calls: CallEvent[] = [];
  const page = await ui.open(METRICS, 'demo-secretary', { query: { scope: 'community', scopeId: 'c01' }, calls });
  await page.waitFor(() => page.has('.case-metrics__rate--responseRate'), 5000);

  const { year, index } = expected.period;
  expect(page.text()).toContain(`${year}年${index}月`);
  expect(shownRates(page)).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate', 'whistleRate']);
  const rate = (key: string) => cardText(page, `.case-metrics__rate--${key}`);
  expect(rate('responseRate')).toContain(percent(r.responseRate, '暂无到期事项'));
  expect(rate('responseRate')).toContain(`按时响应 ${r.respondedOnTime} 件 / 已到期 ${r.responseDue} 件`);
  expect(rate('resolutionRate')).toContain(`已办结 ${r.resolved} 件`);
  expect(rate('satisfactionRate')).toContain(percent(r.satisfactionRate, '本期暂无评价'));
  expect(rate('whistleRate')).toContain(percent(r.whistleRate, '本期暂无社区层级诉求'));
  expect(rate('whistleRate')).toContain(`吹哨 ${r.whistled} 件 / 社区层级 ${r.communityLevel} 件`);
  if (expected.whistleBand) expect(page.has(`.case-metrics__band--${expected.whistleBand}`)).toBe(true);
  expect(page.text()).not.toContain('按时报到');
  // The explanation names exactly the measures shown, and says the response rate counts what is due.
  const about = cardText(page, '.case-metrics__about');
  expect(about).toContain('社区的指标：响应率、办结率、满意率、吹哨率。');
  expect(about).toContain('响应率只算已到期的诉求');

  // This month is the latest: no 下一期 (not a greyed one either).
  expect(page.has('.case-metrics__step--next')).toBe(false);
  expect(page.text()).not.toContain('下一期');
  await page.tap('.case-metrics__step--prev');
  const prev = index === 1 ? { year: year - 1, index: 12 } : { year, index: index - 1 };
  await page.waitForText(`${prev.year}年${prev.index}月`);
  expect(page.has('.case-metrics__step--next')).toBe(true);
  await page.waitFor(() => calls.filter((c) => c.action === 'metrics').length === 2, 5000);
  expect(calls.filter((c) => c.action === 'metrics').map((c) => c.payload)).toEqual([
    { scope: 'community', scopeId: 'c01', period: 'month', year, index },
    { scope: 'community', scopeId: 'c01', period: 'month', ...prev },
  ]);
});

test('诉求指标 of a grid shows the grid’s own measures: no 按时报到率 or 吹哨率, and the explanation names only 响应率, 办结率, 满意率', async () => {
  const page = await ui.open(METRICS, 'demo-grid-worker');
  await page.waitFor(() => page.has('.case-metrics__rate--responseRate'), 5000);
  expect(shownRates(page)).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate']);
  expect(page.text()).not.toContain('按时报到');
  expect(page.text()).not.toContain('吹哨');
  expect(page.has('.case-metrics__grades')).toBe(false);
  expect(cardText(page, '.case-metrics__about')).toContain('网格的指标：响应率、办结率、满意率。');
});

test('诉求指标 of a department: a whistle still inside its report-in window shows 按时报到率 as 暂无到期事项, not 0%; reported in on time, 100%', async () => {
  // d03 has no whistle this month but this one (the seed's cases are months back).
  const dept = 'seed-department-d03';
  const c = await escalated();
  await complaint(
    'whistle',
    {
      caseId: c.id,
      leadDepartmentId: 'd03',
      reason: '需要综合执法',
      class: '日常',
      deadline: new Date(Date.now() + 10 * 24 * HOUR).toISOString(),
    },
    'demo-secretary',
  );
  const page = await ui.open(METRICS, dept);
  await page.waitFor(() => page.has('.case-metrics__rate--onTimeReportRate'), 5000);
  expect(shownRates(page)).toEqual(['onTimeReportRate']);
  const card = () => cardText(page, '.case-metrics__rate--onTimeReportRate');
  expect(card()).toContain('暂无到期事项');
  expect(card()).not.toContain('%');
  expect(card()).toContain('按时报到 0 件 / 已到期 0 件');
  expect(card()).toContain('收到吹哨 1 件，未到报到期限 1 件');
  expect(page.has('.case-metrics__grades')).toBe(true);
  const about = cardText(page, '.case-metrics__about');
  expect(about).toContain('部门的指标：按时报到率、社区对部门的评价。');
  expect(about).toContain('按时报到率只算已到期的吹哨');
  expect(about).toContain('还在期限内、尚未处理的不计入');
  expect(about).not.toContain('响应率');

  await complaint('reportIn', { caseId: c.id }, dept);
  const after = await ui.open(METRICS, dept);
  await after.waitFor(() => cardText(after, '.case-metrics__rate--onTimeReportRate').includes('100%'), 5000);
  expect(cardText(after, '.case-metrics__rate--onTimeReportRate')).toContain('按时报到 1 件 / 已到期 1 件');
});

test('网格诉求 lists open cases by deadline: the overdue one first, marked 已超期', async () => {
  const late = await submitted('垃圾桶满了没人清运');
  emulatorClock.advance(25 * HOUR); // past the 24 h response deadline
  const fresh = await submitted('单元门禁坏了关不上');
  const page = await ui.open(QUEUE, 'demo-grid-worker', { query: { as: 'grid' } });
  await page.waitFor(() => page.has(`#case-${late.id}`) && page.has(`#case-${fresh.id}`), 5000);

  const text = page.text();
  expect(text.indexOf(late.description)).toBeLessThan(text.indexOf(fresh.description));
  expect(cardText(page, `#case-${late.id}`)).toContain('已超期');
  expect(cardText(page, `#case-${fresh.id}`)).not.toContain('已超期');
  expect(cardText(page, `#case-${fresh.id}`)).toContain('响应期限');
});

test('opened without ?as= (a link, a restart), the queue is the one of the role acted as', async () => {
  const up = await escalated();
  // The community's 待处理 as the server pages it: the escalated case among them, the page's first shown.
  const todoPage = (from: number) =>
    complaint<CasePage>('communityQueue', { tab: 'todo', filter: 'action', from }, 'demo-secretary');
  const todo = await todoPage(0);
  const ids = todo.items.map((c) => c.id);
  for (let next = todo.next; next !== null; ) {
    const more = await todoPage(next);
    ids.push(...more.items.map((c) => c.id));
    next = more.next;
  }
  expect(ids).toContain(up.id);
  const calls: CallEvent[] = [];
  const page = await ui.open(QUEUE, 'demo-secretary', { calls });
  await page.waitFor(() => page.has(`#case-${todo.items[0].id}`), 5000);
  expect(calls.map((c) => c.action)).toContain('communityQueue');
  expect(calls.map((c) => c.action)).not.toContain('gridQueue');
  // Making and escalating the case takes a few seconds of the test's time before the page opens.
}, 20_000);
