/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 操作记录 and 角色授权 on the built weapp through the real cloud functions (local CloudBase): the
 * log opens on the seed's staff actions (wish reviews, case steps, 六个一 and report reviews),
 * reads 「谢春梅 审核通过心愿「…」 · time」, filters by kind and by a tapped name; a secretary reads
 * her community's. 角色授权 opens on the holders of each role with 撤销. Needs `npm run build:weapp`.
 */
import type { AuditEntry, AuditPage, Me, RoleHolder } from '../../contract';
import { formatTime } from '../../src/utils/date';
import { useLocalCloud } from '../helpers/weapp-cloud';
import type { LoadedPage } from '../helpers/weapp-harness';

const ADMIN = 'demo-county-admin';
const SECRETARY = 'demo-secretary';

jest.setTimeout(30_000);

const ui = useLocalCloud();
const { invoke } = ui;
const open = (route: string, openid: string) => ui.open(`packages/staff/pages/${route}/index`, openid);

/** The entries the page shows, top to bottom, by their ids (`id="audit-<id>"`, kept on the exparser node). */
const shownIds = (page: LoadedPage) =>
  page.page
    .querySelectorAll('.staff-audit__entry')
    .map((n) => (n as unknown as { _exparserNode: { id: string } })._exparserNode.id);
const line = (e: AuditEntry, what: string) => `${e.byName} ${what} · ${formatTime(e.at)}`;

test('操作记录 opens on the seed’s staff actions, newest first, and filters by kind and by person', async () => {
  const page_ = (payload: Record<string, unknown>) => invoke<AuditPage>('directory', 'audit', payload, ADMIN);
  const ids = (p: AuditPage) => p.items.map((e) => `audit-${e.id}`);
  const first = await page_({});
  expect(first.items).toHaveLength(20);

  const page = await open('audit', ADMIN);
  await page.waitFor(() => shownIds(page).join() === ids(first).join());
  expect(page.text()).not.toContain('暂无操作记录');

  // By kind: 诉求 — then tap the name in the first entry to see only that person's steps.
  await page.tap('.staff-choice--audit-kind-case');
  const cases = await page_({ kind: 'case' });
  await page.waitFor(() => shownIds(page).join() === ids(cases).join());
  expect(page.has('.staff-audit__entry--wish')).toBe(false);
  const who = cases.items[0];
  await page.tap(`#audit-${who.id} .staff-audit__by`);
  await page.waitForText(`只看：${who.byName}`);
  const theirs = await page_({ kind: 'case', by: who.by });
  await page.waitFor(() => shownIds(page).join() === ids(theirs).join());

  // Everyone, every kind, again.
  await page.tap('.staff-audit__person-clear');
  await page.tap('.staff-choice--audit-kind-all');
  await page.waitFor(() => shownIds(page).join() === ids(first).join());

  // Found by name: 谢春梅's wish reviews, each a sentence with its time.
  await page.tap('.staff-audit__person-find');
  await page.waitFor(() => page.has('.search-bar__input .nut-input-native'));
  page.type('.search-bar__input .nut-input-native', '谢春梅');
  await page.tap('.search-bar__go');
  await page.waitFor(() => page.has('.staff-audit__pick'));
  await page.tap('.staff-audit__pick');
  await page.waitForText('只看：谢春梅');
  await page.tap('.staff-choice--audit-kind-wish');
  const hers = await page_({ kind: 'wish', by: SECRETARY });
  await page.waitFor(() => shownIds(page).join() === ids(hers).join());
  const published = hers.items.find((e) => e.action === 'publish')!;
  expect(page.text()).toContain(line(published, `审核通过心愿「${published.label}」`));
});

test('操作记录 of a secretary: her community’s entries only; a filter with nothing says so', async () => {
  const hers = await invoke<AuditPage>('directory', 'audit', {}, SECRETARY);
  expect(hers.items.every((e) => e.communityId === 'c01')).toBe(true);
  const wish = (await invoke<AuditPage>('directory', 'audit', { kind: 'wish' }, SECRETARY)).items[0];

  const page = await open('audit', SECRETARY);
  await page.waitFor(() => page.has(`#audit-${hers.items[0].id}`));
  expect(shownIds(page)).toEqual(hers.items.map((e) => `audit-${e.id}`));

  await page.tap('.staff-choice--audit-kind-wish');
  await page.waitFor(() => shownIds(page)[0] === `audit-${wish.id}`);
  const verb = wish.action === 'publish' ? '审核通过心愿' : wish.action === 'reject' ? '驳回心愿' : '代居民确认心愿';
  expect(page.text()).toContain(`${wish.byName} ${verb}「${wish.label}」`);
  expect(page.text()).toContain(` · ${formatTime(wish.at)}`);

  // Nobody in c01 changed the directory in the seed.
  await page.tap('.staff-choice--audit-kind-directory');
  await page.waitForText('没有符合条件的操作记录');
  expect(page.text()).toContain('换一个类别');
});

test('角色授权 opens on the holders of each role, each with 撤销; revoking asks first and takes the row away', async () => {
  // 刘建国 is made department staff of d02 for this test.
  await invoke(
    'account',
    'grantRole',
    { openid: 'demo-resident-2', grant: { role: 'department', departmentId: 'd02' } },
    ADMIN,
  );
  const holders = await invoke<RoleHolder[]>('account', 'roleHolders', {}, ADMIN);
  const secretaries = holders.filter((h) => h.grant.role === 'secretary');
  expect(secretaries).toHaveLength(14);

  const page = await open('grants', ADMIN);
  await page.waitForText('现任人员');
  // Secretaries first, each with 撤销, and the search to add someone above them.
  await page.waitFor(() => page.page.querySelectorAll('.staff-grants__holder').length === 14);
  expect(page.page.querySelectorAll('.staff-grants__holder-revoke--secretary')).toHaveLength(14);
  expect(page.has('.search-bar__input')).toBe(true);
  expect(page.text()).toContain('谢春梅');

  await page.tap('.staff-segmented__item--department');
  const row = '#holder-demo-resident-2-department-d02';
  await page.waitFor(() => page.has(row));
  await page.tap(`${row} .staff-grants__holder-revoke`);
  await page.waitForText('确认撤销');
  expect(page.text()).toContain('撤销 刘建国 的「部门人员（');
  await page.tap('#staff-confirm-ok');
  await page.waitFor(() => !page.has(row) && !page.text().includes('确认撤销'));
  const me = await invoke<Me>('account', 'me', {}, 'demo-resident-2');
  expect(me.roles.some((g) => g.role === 'department')).toBe(false);
});

test('角色授权 of a secretary: the grid workers of her community, granted only as grid workers there', async () => {
  const hers = await invoke<RoleHolder[]>('account', 'roleHolders', {}, SECRETARY);
  expect(hers.every((h) => h.grant.role === 'gridWorker' && h.grant.communityId === 'c01')).toBe(true);

  const page = await open('grants', SECRETARY);
  await page.waitFor(() => page.page.querySelectorAll('.staff-grants__holder').length === hers.length);
  expect(page.text()).toContain('钟晓燕');
  expect(page.page.querySelectorAll('.staff-grants__holder-revoke--gridWorker')).toHaveLength(hers.length);
  // One role only: no tabs of roles she cannot grant.
  expect(page.has('.staff-segmented__item--secretary')).toBe(false);
});
