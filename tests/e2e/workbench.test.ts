/**
 * 工作台 end to end in the h5 build against the real server (emulator/main.ts, demo seed): each
 * staff demo user, on a phone, lands on the workbench of the role they act as with the to-do
 * counts the database holds (counted here through the real wx-server-sdk, not through the
 * workbench action), taps one to-do, lands in its queue with the most urgent item first,
 * finishes that item through the app, comes back and sees the count one lower:
 *
 * - the grid worker: 待办诉求 → 网格诉求 → 办结 the first case;
 * - the secretary: 六个一待审核 → 六个一审核 → 通过 the oldest record;
 * - the department: 吹哨待办 → 吹哨报到 → 报到 and 提交协办情况 on the overdue whistle;
 * - the unit admin: 本单位待审核报到 → 本单位党员, those waiting first; the unit admin only
 *   reads (PRODUCT.md), so the community's secretary verifies the first one in 报到审核;
 * - the county admin, who has no queue, lands on its tools;
 * - 廖美玲 (secretary of 将军社区 and resident there) switches role and the workbench follows.
 *
 * One server for the file; each test reads what it needs when it starts and acts on items no
 * other test touches, so any one of them can run alone or again. Screenshots in
 * test-artifacts/e2e/workbench-*.png.
 */
import type { Page } from 'playwright-core';
import type { CasePage, MemberView, RecordPage, TaskPage, TodoKey, WorkbenchView } from '../../contract';
import { ROLE_LABELS } from '../../contract/roles';
import { answerSubscribe, launchBrowser, screenshot, shown, signInAs, tapShown } from '../helpers/browser';
import { startServer, type DemoUser, type RunningServer } from '../helpers/server';
import { wxCloud, type Db } from '../helpers/sdk';

jest.setTimeout(240_000);

let server: RunningServer;
let launched: Awaited<ReturnType<typeof launchBrowser>>;
let demoUsers: DemoUser[];
let db: Db;

/** What the real SDK needs to reach the server's database (the variables CloudBase sets; local pair). */
const SDK_ENV = [
  'TCB_ENV',
  'SCF_NAMESPACE',
  'TENCENTCLOUD',
  'SILENCE',
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'TCB_CONTEXT_CNFG',
];

beforeAll(async () => {
  server = await startServer();
  launched = await launchBrowser();
  demoUsers = await server.demoUsers();
  Object.assign(process.env, {
    TCB_ENV: 'local',
    SCF_NAMESPACE: 'local',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${server.url}/admin` }),
  });
  db = wxCloud().database();
});
afterAll(async () => {
  for (const k of SDK_ENV) delete process.env[k];
  await launched?.close();
  await server?.stop();
});

const api = <T>(fn: string, action: string, payload: unknown, openid: string) =>
  server.api<T>(fn, action, payload, openid);

const signIn = (openid: string): Promise<Page> =>
  signInAs(launched.browser, server.url, demoUsers.find((u) => u.openid === openid)!);

const WEEK = 7 * 24 * 3600_000;

type Grant = { role: string; communityId?: string; gridIds?: string[]; departmentId?: string; unitId?: string };

/** The caller's staff grant of `role`, as stored. */
async function grantOf(openid: string, role: string): Promise<Grant> {
  const { data } = await db.collection('users').doc(openid).get();
  return (data.roles as Grant[]).find((g) => g.role === role)!;
}

/** Every page of a paged queue action. */
async function all<T>(read: (from: number) => Promise<{ items: T[]; next: number | null }>): Promise<T[]> {
  const items: T[] = [];
  for (let from: number | null = 0; from !== null; ) {
    const page = await read(from);
    items.push(...page.items);
    from = page.next;
  }
  return items;
}

/**
 * What waits for `openid` acting as `role`, counted in the database through the real SDK (the
 * documents each to-do stands for, in plain words), the community's case list excepted: which of
 * its open cases need the secretary is the queue's own rule, so that count is its 待处理 list.
 */
async function expectedTodos(openid: string, role: string): Promise<Partial<Record<TodoKey, number>>> {
  const _ = db.command;
  const g = await grantOf(openid, role);
  const count = async (collection: string, where: Record<string, unknown>) =>
    ((await db.collection(collection).where(where).count()) as { total: number }).total;
  const awaitingDue = new Date(Date.now() - WEEK);
  switch (role) {
    case 'gridWorker':
      return {
        caseQueue: await count('cases', { queue: _.in(g.gridIds!.map((id) => `grid:${id}`)) }),
        wishReview: await count('wishes', { status: 'submitted', gridId: _.in(g.gridIds!) }),
        wishAwaiting: await count('wishes', {
          status: 'fulfilled',
          gridId: _.in(g.gridIds!),
          'fulfilment.at': _.lte(awaitingDue),
        }),
      };
    case 'secretary': {
      const c = g.communityId!;
      const todo = await all((from) => api<CasePage>('complaint', 'communityQueue', { from }, openid));
      return {
        caseQueue: todo.length,
        extensions: await count('cases', { openCommunityId: c, 'whistle.extension.status': 'pending' }),
        wishReview: await count('wishes', { status: 'submitted', communityId: c }),
        wishAwaiting: await count('wishes', {
          status: 'fulfilled',
          communityId: c,
          'fulfilment.at': _.lte(awaitingDue),
        }),
        reports: await count('memberReports', { communityId: c, status: 'pending' }),
        records: await count('records', { communityId: c, status: 'pending' }),
      };
    }
    case 'department':
      return { caseInbox: await count('deptTasks', { departmentId: g.departmentId, status: 'open' }) };
    case 'unitAdmin':
      return { unitReports: await count('memberReports', { unitId: g.unitId, status: 'pending' }) };
    default:
      return {};
  }
}

/** The counts the workbench on screen shows, by to-do. */
async function shownTodos(page: Page): Promise<Partial<Record<TodoKey, number>>> {
  const tiles = page.locator('.workbench__todo').filter({ visible: true });
  const out: Partial<Record<TodoKey, number>> = {};
  for (const tile of await tiles.all()) {
    const key = /workbench__todo--(\w+)/.exec((await tile.getAttribute('class')) ?? '')![1] as TodoKey;
    out[key] = Number(await tile.locator('.workbench__count').textContent());
  }
  return out;
}

/**
 * Waits until the workbench on screen shows what the database holds (the running scheduler may
 * move a case meanwhile: both sides are read again until they agree), and returns it.
 */
async function countsMatch(page: Page, openid: string, role: string): Promise<Partial<Record<TodoKey, number>>> {
  await shown(page, `.workbench--${role}`)
    .getByText(`工作台 · ${ROLE_LABELS[role as keyof typeof ROLE_LABELS]}`)
    .waitFor();
  await shown(page, '.workbench__todo').waitFor();
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [want, got] = [await expectedTodos(openid, role), await shownTodos(page)];
    if (Date.now() > deadline || JSON.stringify(sorted(want)) === JSON.stringify(sorted(got))) {
      expect(got).toEqual(want);
      return got;
    }
    await page.waitForTimeout(500);
  }
}
const sorted = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** Waits for the tile of `key` to show `count` (the workbench reads again when the home page shows). */
async function tileShows(page: Page, key: TodoKey, count: number): Promise<void> {
  await shown(page, `.workbench__todo--${key} .workbench__count`).getByText(String(count), { exact: true }).waitFor();
}

/** The overdue number a tile shows (0 when it shows none). */
async function tileOverdue(page: Page, key: TodoKey): Promise<number> {
  const late = page.locator(`.workbench__todo--${key} .workbench__overdue`).filter({ visible: true });
  if ((await late.count()) === 0) return 0;
  return Number(/\d+/.exec((await late.first().textContent()) ?? '')![0]);
}

/** Answers the subscribe sheet if the tap that opened a queue asked (templates configured). */
async function answerIfAsked(page: Page): Promise<void> {
  const sheet = page.locator('.txy-subscribe');
  if (
    await sheet.waitFor({ timeout: 3000 }).then(
      () => true,
      () => false,
    )
  )
    await answerSubscribe(page);
}

/** The ids of the cards of `selector` on screen, in order, from their `id` attribute. */
async function shownIds(page: Page, selector: string, prefix: string): Promise<string[]> {
  await shown(page, selector).waitFor();
  const ids = await page
    .locator(selector)
    .filter({ visible: true })
    .evaluateAll((els) => els.map((e) => e.id));
  return ids.map((id) => id.slice(prefix.length));
}

/**
 * The most urgent of a queue's items by the rule every staff queue states (PRODUCT.md, the
 * queues' intros): past its deadline first, then 紧急, then the nearest deadline.
 */
function mostUrgent<T>(items: T[], of: (t: T) => { overdue: boolean; urgent: boolean; due: string | null }): T {
  const t = (d: string | null) => (d === null ? Infinity : new Date(d).getTime());
  return [...items].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    return Number(y.overdue) - Number(x.overdue) || Number(y.urgent) - Number(x.urgent) || t(x.due) - t(y.due);
  })[0];
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Taps a case action, fills its note (and what `fill` adds), confirms, and waits for the form to close. */
async function act(page: Page, action: string, note: string | null, fill?: () => Promise<void>): Promise<void> {
  await tapShown(page, `#case-action-${action}`);
  await shown(page, `.case-form--${action}`).waitFor();
  if (fill) {
    await fill();
    await page.locator('.wish-photos__item--done').filter({ visible: true }).first().waitFor();
  }
  if (note !== null) await shown(page, `.case-form--${action} textarea`).fill(note);
  await tapShown(page, '#case-form-ok');
  await shown(page, `.case-form--${action}`).waitFor({ state: 'detached' });
}

test('the grid worker: 待办诉求 opens 网格诉求 with the most urgent case first; 办结 it and the count drops by one', async () => {
  const page = await signIn('demo-grid-worker');
  const before = await countsMatch(page, 'demo-grid-worker', 'gridWorker');
  expect(before.caseQueue).toBeGreaterThan(0);
  const queue = await all((from) => api<CasePage>('complaint', 'gridQueue', { from }, 'demo-grid-worker'));
  // The to-do is its queue: as many, as many overdue.
  expect(queue).toHaveLength(before.caseQueue!);
  expect(await tileOverdue(page, 'caseQueue')).toBe(queue.filter((c) => c.overdue).length);
  await screenshot(page, 'workbench-01-grid-worker');

  await tapShown(page, '.workbench__todo--caseQueue');
  await answerIfAsked(page);
  const ids = await shownIds(page, '.case-card--queue', 'case-');
  expect(ids).toEqual(queue.slice(0, 20).map((c) => c.id));
  const first = mostUrgent(queue, (c) => ({ overdue: c.overdue, urgent: c.urgency === 'urgent', due: c.dueAt }));
  expect(ids[0]).toBe(first.id);
  // The title says which queue this is (the page serves the grid's and the community's).
  await page.locator('#taro-navigation-bar .taro-navigation-bar-title').getByText('网格诉求').waitFor();
  await screenshot(page, 'workbench-02-grid-queue');

  // Open it; accept it first if nobody has yet, then 办结.
  await tapShown(page, `#case-${first.id}`);
  await shown(page, '.case-detail__section--timeline').waitFor();
  if (first.can.includes('accept')) await act(page, 'accept', '已电话联系居民');
  await act(page, 'resolve', '已联系物业修好，居民确认可以正常使用');
  await shown(page, '.case-detail').getByText('已办结待评价').first().waitFor();
  await screenshot(page, 'workbench-03-grid-resolved');
  expect((await api<CasePage>('complaint', 'gridQueue', {}, 'demo-grid-worker')).items.map((c) => c.id)).not.toContain(
    first.id,
  );

  await page.goBack(); // the queue, read again
  await page.locator(`#case-${first.id}`).filter({ visible: true }).waitFor({ state: 'detached' });
  await page.goBack(); // 工作台
  await tileShows(page, 'caseQueue', before.caseQueue! - 1);
  expect((await countsMatch(page, 'demo-grid-worker', 'gridWorker')).caseQueue).toBe(before.caseQueue! - 1);
  await screenshot(page, 'workbench-04-grid-worker-after');
  await page.context().close();
});

test('the secretary: 六个一待审核 opens 六个一审核 with the oldest record first; 通过 it and the count drops by one', async () => {
  const page = await signIn('demo-secretary');
  const before = await countsMatch(page, 'demo-secretary', 'secretary');
  expect(before.records).toBeGreaterThan(0);
  await screenshot(page, 'workbench-05-secretary');

  await tapShown(page, '.workbench__todo--records');
  const queue = await all((from) => api<RecordPage>('sixOnes', 'recordQueue', { from }, 'demo-secretary'));
  expect(queue).toHaveLength(before.records!);
  const ids = await shownIds(page, '.staff-records__card', 'record-');
  expect(ids[0]).toBe(queue[0].id);
  // Records have no deadline: the one waiting longest is the most urgent.
  const oldest = Math.min(...queue.map((r) => new Date(r.createdAt).getTime()));
  expect(new Date(queue[0].createdAt).getTime()).toBe(oldest);
  await screenshot(page, 'workbench-06-records');

  const record = queue[0];
  expect(record.can).toContain('review');
  await tapShown(page, `#record-approve-${record.id}`);
  await shown(page, '.staff-confirm').getByText('确认通过').waitFor();
  await tapShown(page, '#staff-confirm-ok');
  await page.locator(`#record-${record.id}`).filter({ visible: true }).waitFor({ state: 'detached' });
  await screenshot(page, 'workbench-07-record-approved');
  const { data: stored } = await db.collection('records').doc(record.id).get();
  expect(stored.status).toBe('approved');

  await page.goBack();
  await tileShows(page, 'records', before.records! - 1);
  expect((await countsMatch(page, 'demo-secretary', 'secretary')).records).toBe(before.records! - 1);
  await screenshot(page, 'workbench-08-secretary-after');
  await page.context().close();
});

test('the department: 吹哨待办 opens 吹哨报到 with the overdue whistle first; 报到 and finish its part and the count drops by one', async () => {
  const page = await signIn('demo-department');
  const before = await countsMatch(page, 'demo-department', 'department');
  expect(before.caseInbox).toBeGreaterThan(0);
  const inbox = await all((from) => api<TaskPage>('complaint', 'deptInbox', { from }, 'demo-department'));
  expect(inbox).toHaveLength(before.caseInbox!);
  const overdueBefore = inbox.filter((t) => t.overdue).length;
  expect(await tileOverdue(page, 'caseInbox')).toBe(overdueBefore);
  await screenshot(page, 'workbench-09-department');

  await tapShown(page, '.workbench__todo--caseInbox');
  await answerIfAsked(page);
  const ids = await shownIds(page, '.case-task', 'task-');
  expect(ids).toEqual(inbox.slice(0, 20).map((t) => t.caseId));
  const first = mostUrgent(inbox, (t) => ({
    overdue: t.overdue,
    urgent: t.urgency === 'urgent',
    due: t.reportedAt ? t.deadline : t.reportBy,
  }));
  expect(ids[0]).toBe(first.caseId);
  await screenshot(page, 'workbench-10-inbox');

  // 报到, then the department's part: 提交协办情况 (assisting) or 办结 (leading; needs evidence photos).
  await tapShown(page, `#task-${first.caseId}`);
  await shown(page, '.case-detail__section--timeline').waitFor();
  if (!first.reportedAt) await act(page, 'reportIn', '已安排人员今天到现场');
  if (first.role === 'assist') await act(page, 'assist', '已派人到现场配合处理');
  else
    await act(page, 'deptResolve', '已处理完毕，凭证见照片', () =>
      shown(page, '.wish-photos__file').setInputFiles({ name: 'done.png', mimeType: 'image/png', buffer: PNG }),
    );
  await screenshot(page, 'workbench-11-department-done');
  const { departmentId } = await grantOf('demo-department', 'department');
  const { data: task } = await db.collection('deptTasks').doc(`${first.caseId}-${departmentId}`).get();
  expect(task.status).toBe('done');

  await page.goBack();
  await page.locator(`#task-${first.caseId}`).filter({ visible: true }).waitFor({ state: 'detached' });
  await page.goBack();
  await tileShows(page, 'caseInbox', before.caseInbox! - 1);
  expect((await countsMatch(page, 'demo-department', 'department')).caseInbox).toBe(before.caseInbox! - 1);
  expect(await tileOverdue(page, 'caseInbox')).toBe(overdueBefore - (first.overdue ? 1 : 0));
  await screenshot(page, 'workbench-12-department-after');
  await page.context().close();
});

test('the unit admin: 本单位待审核报到 opens 本单位党员 with those waiting first; once the secretary verifies one, the count drops by one', async () => {
  const admin = await signIn('demo-unit-admin');
  const before = await countsMatch(admin, 'demo-unit-admin', 'unitAdmin');
  expect(before.unitReports).toBeGreaterThan(0);
  await screenshot(admin, 'workbench-13-unit-admin');

  await tapShown(admin, '.workbench__todo--unitReports');
  const roster = await api<MemberView[]>('account', 'unitMembers', {}, 'demo-unit-admin');
  const waiting = roster.filter((m) => m.status === 'pending');
  await shown(admin, '.staff-unit-members__summary').getByText(`待审核 ${waiting.length} 人`).waitFor();
  const names = await admin.locator('.staff-unit-members__name').filter({ visible: true }).allTextContents();
  // Those waiting for verification come first, the longest waiting first.
  expect(names.slice(0, waiting.length)).toEqual(waiting.map((m) => m.name));
  const g = await grantOf('demo-unit-admin', 'unitAdmin');
  const { data: reports } = await db
    .collection('memberReports')
    .where({ unitId: g.unitId, status: 'pending' })
    .orderBy('createdAt', 'asc')
    .get();
  expect(reports[0].openid).toBe(waiting[0].openid);
  await screenshot(admin, 'workbench-14-unit-members');

  // The unit admin only reads; the community's secretary verifies the first in 报到审核.
  const report = reports[0] as { _id: string; communityId: string; name: string };
  let secretaryId: string | undefined;
  for (const u of demoUsers)
    if ((await grantOf(u.openid, 'secretary'))?.communityId === report.communityId) secretaryId = u.openid;
  expect(secretaryId).toBeDefined();
  const secretary = await signIn(secretaryId!);
  await tapShown(secretary, '.workbench__todo--reports');
  await shown(secretary, `#report-${report._id}`).getByText(report.name).waitFor();
  await tapShown(secretary, `#verify-${report._id}`);
  await tapShown(secretary, '#staff-confirm-ok');
  await secretary.locator(`#report-${report._id}`).filter({ visible: true }).waitFor({ state: 'detached' });
  await secretary.context().close();

  await admin.goBack();
  await tileShows(admin, 'unitReports', before.unitReports! - 1);
  expect((await countsMatch(admin, 'demo-unit-admin', 'unitAdmin')).unitReports).toBe(before.unitReports! - 1);
  await screenshot(admin, 'workbench-15-unit-admin-after');
  await admin.context().close();
});

test('the county admin, with no queue of its own, lands on its tools, each one tap away', async () => {
  const view = await api<WorkbenchView>('account', 'workbench', {}, 'demo-county-admin');
  expect(view.roles).toEqual([{ role: 'countyAdmin', scopeId: null, todos: [] }]);
  const page = await signIn('demo-county-admin');
  await shown(page, '.workbench--countyAdmin').getByText(`工作台 · ${ROLE_LABELS.countyAdmin}`).waitFor();
  await shown(page, '.workbench__tool--grants').waitFor();
  const tools = await page.locator('.workbench__tool-title').filter({ visible: true }).allTextContents();
  expect(tools).toEqual([
    '目录管理',
    '红色物业',
    '角色授权',
    '操作记录',
    '各社区党员',
    '各单位党员',
    '六个一总览',
    '结对共建总览',
    '督导排名',
    '季度通报',
    '督导评分规则',
  ]);
  expect(await page.locator('.workbench__todo').filter({ visible: true }).count()).toBe(0);
  await screenshot(page, 'workbench-16-county-admin');
  await tapShown(page, '.workbench__tool--audit');
  await shown(page, '.staff-audit__entry').waitFor();
  await page.context().close();
});

test('廖美玲, secretary and resident, switches role on the home page and in 我的 → 切换身份, and the workbench follows', async () => {
  const page = await signIn('demo-multi');
  await countsMatch(page, 'demo-multi', 'secretary');
  await screenshot(page, 'workbench-17-multi-secretary');

  await tapShown(page, '.role-tags__tag--resident');
  await page.locator('.workbench').filter({ visible: true }).waitFor({ state: 'detached' });
  await shown(page, '.home__areas').waitFor();
  await screenshot(page, 'workbench-18-multi-resident');

  // Back to 社区书记 from 我的 → 切换身份; the home page shows her community's workbench again.
  await page.getByText('我的', { exact: true }).last().tap();
  const switcher = page.locator('.nut-cell-group', { hasText: '切换身份' }).filter({ visible: true }).first();
  await switcher.getByText(ROLE_LABELS.resident).waitFor();
  await switcher.locator('.nut-cell', { hasText: ROLE_LABELS.secretary }).tap();
  await switcher.locator('.nut-cell', { hasText: ROLE_LABELS.secretary }).getByText('当前').waitFor();
  await page.getByText('首页', { exact: true }).last().tap();
  await countsMatch(page, 'demo-multi', 'secretary');
  await shown(page, '.workbench__scope').getByText('将军社区').waitFor();
  await screenshot(page, 'workbench-19-multi-secretary-again');
  await page.context().close();
});
