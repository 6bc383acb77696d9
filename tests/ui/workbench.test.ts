/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 工作台 on the home page of the built weapp, through the real cloud functions: staff land on the
 * to-dos of the role they act as, with the counts the server gives, each opening its queue;
 * switching role (a tap on a role tag) switches the workbench; residents have none. The staff
 * home (我的工作职责) shows the same counts on its tools. Needs `npm run build:weapp` first.
 */
import type { WorkbenchView } from '../../contract';
import { ROLE_LABELS } from '../../contract/roles';
import { useLocalCloud } from '../helpers/weapp-cloud';

const ui = useLocalCloud();
const HOME = 'pages/index/index';
const bench = (openid: string) => ui.invoke<WorkbenchView>('account', 'workbench', {}, openid);

test('a secretary lands on 工作台 with the server’s counts, overdue first; a to-do opens its queue', async () => {
  const view = await bench('demo-secretary');
  const todos = view.roles.find((r) => r.role === 'secretary')!.todos;
  const records = todos.find((t) => t.key === 'records')!;
  expect(records.count).toBeGreaterThan(0);

  const home = await ui.open(HOME, 'demo-secretary');
  await home.waitForText(`工作台 · ${ROLE_LABELS.secretary}`, 5000);
  // The scope in words, never an id (an ellipsis while the names are read).
  expect(home.text()).not.toMatch(/\bc01\b/);
  await home.waitForText('潋江社区', 5000);
  await home.waitFor(() => home.has('.workbench__todo--records'), 5000);
  const tile = (key: string) => (home.page.querySelector(`.workbench__todo--${key}`)?.dom.textContent ?? '').trim();
  expect(tile('records')).toContain(String(records.count));
  expect(tile('records')).toContain('六个一待审核');
  for (const t of todos) if (t.overdue > 0) expect(tile(t.key)).toContain(`超期 ${t.overdue}`);
  // Overdue to-dos come first.
  const order = home.page.querySelectorAll('.workbench__todo').map((n) => n.dom.className);
  const firstCalm = order.findIndex((c) => {
    const key = /workbench__todo--(\w+)/.exec(c)![1];
    return todos.find((t) => t.key === key)!.overdue === 0;
  });
  expect(order.slice(firstCalm).every((c) => todos.find((t) => c.includes(`--${t.key}`))!.overdue === 0)).toBe(true);

  await home.tap('.workbench__todo--records');
  await home.waitFor(() => home.navigation.some((n) => n.api === 'navigateTo'), 5000);
  expect(home.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: '/packages/staff/pages/records/index',
  });
});

test('someone with two roles switches with a tap on the role tag, and the workbench follows', async () => {
  const home = await ui.open(HOME, 'demo-multi');
  await home.waitForText(`工作台 · ${ROLE_LABELS.secretary}`, 5000);
  await home.tap(`.role-tags__tag--resident`);
  await home.waitFor(() => !home.has('.workbench'), 5000);
  expect(home.storage.get('txy.activeRole')).toBe('resident');
  await home.tap(`.role-tags__tag--secretary`);
  await home.waitForText(`工作台 · ${ROLE_LABELS.secretary}`, 5000);
});

test('a resident has no workbench', async () => {
  const home = await ui.open(HOME, 'demo-resident');
  await home.waitForText('您好', 5000);
  expect(home.has('.workbench')).toBe(false);
});

test('the staff home shows each tool’s count, red when some are overdue', async () => {
  const view = await bench('demo-grid-worker');
  const queue = view.roles[0].todos.find((t) => t.key === 'caseQueue')!;
  expect(queue.count).toBeGreaterThan(0);
  const page = await ui.open('packages/staff/pages/roles/index', 'demo-grid-worker');
  await page.waitFor(() => page.has('.staff-home__tool--case-queue .staff-home__count'), 5000);
  const badge = page.page.querySelector('.staff-home__tool--case-queue .staff-home__count')!;
  expect(badge.dom.textContent).toBe(String(queue.count));
  expect(badge.dom.className.includes('staff-home__count--late')).toBe(queue.overdue > 0);
});

test('the county admin, who has no queue of its own, lands on its tools, each one tap away', async () => {
  const view = await bench('demo-county-admin');
  expect(view.roles.find((r) => r.role === 'countyAdmin')!.todos).toEqual([]);
  const home = await ui.open(HOME, 'demo-county-admin');
  await home.waitForText(`工作台 · ${ROLE_LABELS.countyAdmin}`, 5000);
  await home.waitFor(() => home.has('.workbench__tool--grants'), 5000);
  for (const title of ['目录管理', '角色授权', '操作记录']) expect(home.text()).toContain(title);
  await home.tap('.workbench__tool--grants');
  await home.waitFor(() => home.navigation.some((n) => n.api === 'navigateTo'), 5000);
  expect(home.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: '/packages/staff/pages/grants/index',
  });
});
