/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The county admin's tools (角色授权, 操作记录, 目录管理, members of any community) and the unit
 * admin's roster, on the built weapp through the real cloud functions (local CloudBase). Needs
 * `npm run build:weapp` first.
 */
import type { AuditEntry, Envelope, Me, MemberView, StationView, UnitSummary } from '../../contract';
import { startLocalCloud } from '../helpers/localCloud';
import { assertBuilt, loadPage, type CloudShim, type LoadedPage } from '../helpers/weapp-harness';

type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>;
type CallEvent = { action: string; payload?: unknown };

const ADMIN = 'demo-county-admin';

jest.setTimeout(30_000);

let local: LocalCloud;
let opened: LoadedPage[] = [];

beforeAll(async () => {
  assertBuilt();
  local = await startLocalCloud({ seed: true });
});

afterEach(() => {
  opened.forEach((p) => p.close());
  opened = [];
});

afterAll(async () => {
  await local?.stop();
});

/**
 * What wx.cloud.callFunction hands the app: the function's answer as JSON. In process the answer
 * would keep the SDK's own classes (a stored GeoJSON polygon comes back as the SDK's Polygon).
 */
const asDelivered = (result: unknown) => ({ result: JSON.parse(JSON.stringify(result)) as unknown });

function cloudAs(openid: string, calls: CallEvent[] = []): CloudShim {
  return {
    init() {},
    callFunction: ({ name, data }) => {
      calls.push(data as CallEvent);
      return local.invoke(name, data as CallEvent, openid).then(asDelivered);
    },
  };
}

async function invoke<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T> {
  const reply = (await local.invoke(fn, { action, payload }, openid)) as Envelope<T>;
  if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.message}`);
  return reply.data;
}

async function open(
  route: string,
  openid = ADMIN,
  query: Record<string, string> = {},
  calls?: CallEvent[],
): Promise<LoadedPage> {
  const page = await loadPage(`packages/staff/pages/${route}/index`, cloudAs(openid, calls), { query });
  opened.push(page);
  return page;
}

function type(page: LoadedPage, selector: string, value: string): void {
  const node = page.page.querySelector(selector);
  if (!node) throw new Error(`no ${selector}; the page shows: «${page.text()}»`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

const shows = (page: LoadedPage, selector: string) => page.page.querySelector(selector) !== undefined;

async function tapWhenShown(page: LoadedPage, selector: string): Promise<void> {
  await page.waitFor(() => shows(page, selector));
  await page.tap(selector);
}

test('角色授权: the county admin finds 张秀兰, grants her 单位管理员 of a unit, then revokes it', async () => {
  const u01 = (await invoke<UnitSummary[]>('directory', 'units', {}, ADMIN)).find((u) => u.id === 'u01')!;
  const grants = await open('grants');

  await tapWhenShown(grants, '.staff-user-search__go');
  type(grants, '.staff-user-search__input .nut-input-native', '张秀兰');
  await grants.tap('.staff-user-search__go');
  await tapWhenShown(grants, '.staff-grants__pick');
  await grants.waitForText('现有角色');

  await grants.tap('.staff-choice--role-unitAdmin');
  // No scope chosen yet: nothing to confirm.
  await grants.tap('.staff-grants__grant');
  await grants.waitForText('请选择单位');

  await tapWhenShown(grants, '.staff-choice--community-c01');
  await tapWhenShown(grants, '.staff-choice--unit-u01');
  await grants.tap('.staff-grants__grant');
  await grants.waitForText('确认授予');
  await grants.tap('#staff-confirm-ok');
  await grants.waitFor(
    () => !grants.text().includes('确认授予') && grants.text().includes(`单位管理员（${u01.name}）`),
  );

  let resident = await invoke<Me>('account', 'me', {}, 'demo-resident');
  expect(resident.roles).toContainEqual({ role: 'unitAdmin', unitId: 'u01' });

  await tapWhenShown(grants, '.staff-grants__revoke--unitAdmin');
  await grants.waitForText('确认撤销');
  await grants.tap('#staff-confirm-ok');
  await grants.waitFor(() => !grants.text().includes(`单位管理员（${u01.name}）`));
  resident = await invoke<Me>('account', 'me', {}, 'demo-resident');
  expect(resident.roles.some((g) => g.role === 'unitAdmin')).toBe(false);
});

test('操作记录 shows who granted and revoked what, with the roles before → after in words', async () => {
  const entries = await invoke<AuditEntry[]>('directory', 'audit', { limit: 10 }, ADMIN);
  const grant = entries.find((e) => e.action === 'grantRole' && e.entityId === 'demo-resident');
  if (!grant) throw new Error('the previous test left no grant in the audit trail');
  const u01 = (await invoke<UnitSummary[]>('directory', 'units', {}, ADMIN)).find((u) => u.id === 'u01')!;

  const audit = await open('audit');
  await audit.waitFor(() => shows(audit, `#audit-${grant.id}`));
  await audit.waitForText(`单位管理员（${u01.name}）`);
  const text = audit.text();
  expect(text).toContain('授予角色 · 用户 demo-resident');
  expect(text).toContain('撤销角色 · 用户 demo-resident');
  expect(text).toContain('温振华');
  expect(text).toContain('角色：居民 → 居民、单位管理员');
});

test('目录管理: a seeded grid cannot be edited without its boundary; a new grid is created from four corners and then edits with its boundary kept', async () => {
  const blocked = await open('directory-entry', ADMIN, { kind: 'grid', id: 'c01-g01', communityId: 'c01' });
  await blocked.waitForText('为免覆盖原有边界，暂不能在此修改');

  const calls: CallEvent[] = [];
  const create = await open('directory-entry', ADMIN, { kind: 'grid', communityId: 'c01' }, calls);
  await create.waitFor(() => shows(create, '.staff-entry__input--name'));
  type(create, '.staff-entry__input--name .nut-input-native', '潋江社区第8网格');
  type(create, '.staff-entry__input--order .nut-input-native', '8');
  const corners = [
    [115.35, 26.33],
    [115.351, 26.33],
    [115.351, 26.331],
    [115.35, 26.331],
  ];
  corners.forEach(([lng, lat], i) => {
    type(create, `.staff-entry__input--corner${i}Lng .nut-input-native`, String(lng));
    type(create, `.staff-entry__input--corner${i}Lat .nut-input-native`, String(lat));
  });
  await create.tap('.staff-entry__save');
  await create.waitFor(() =>
    create.navigation.some((n) => n.api === 'showToast' && (n.options as { title: string }).title === '已保存'),
  );

  const save = calls.find((c) => c.action === 'save');
  expect(save?.payload).toEqual({
    kind: 'grid',
    data: {
      name: '潋江社区第8网格',
      communityId: 'c01',
      order: 8,
      boundary: { type: 'Polygon', coordinates: [[...corners, corners[0]]] },
    },
  });
  const [created] = await invoke<AuditEntry[]>('directory', 'audit', { limit: 1 }, ADMIN);
  expect(created.entity).toBe('grid');

  const edit = await open('directory-entry', ADMIN, { kind: 'grid', id: created.entityId, communityId: 'c01' });
  await edit.waitForText('沿用现有边界（5 个点）');
  expect(edit.text()).not.toContain('暂不能在此修改');
});

test('目录管理: a station’s form is filled entirely from the directory; a community’s asks again for its location', async () => {
  const s01 = (await invoke<StationView[]>('directory', 'stations', {}, ADMIN)).find((s) => s.id === 's01')!;
  const station = await open('directory-entry', ADMIN, { kind: 'station', id: 's01' });
  await station.waitFor(() => shows(station, '.staff-entry__save'));
  expect(station.text()).not.toContain('未能从目录读取');
  // Its community, services and amenities are chosen as stored.
  await station.waitFor(() => shows(station, `.staff-choice--communityId-${s01.communityId}.staff-choice--on`));
  expect(station.page.querySelectorAll('.staff-choice--on')).toHaveLength(
    1 + s01.services.length + s01.amenities.length,
  );

  const community = await open('directory-entry', ADMIN, { kind: 'community', id: 'c01' });
  await community.waitForText('以下内容未能从目录读取，请核对后填写：纬度（GCJ-02）、经度（GCJ-02）');
});

test('目录管理: a micro-grid is created under its grid from four corners', async () => {
  const calls: CallEvent[] = [];
  const form = await open(
    'directory-entry',
    ADMIN,
    { kind: 'microGrid', communityId: 'c01', gridId: 'c01-g01' },
    calls,
  );
  await form.waitFor(() => shows(form, '.staff-choice--gridId-c01-g01.staff-choice--on'));
  type(form, '.staff-entry__input--name .nut-input-native', '新苑小区1栋');
  type(form, '.staff-entry__input--compound .nut-input-native', '新苑小区');
  type(form, '.staff-entry__input--householdCount .nut-input-native', '48');
  // Without the corners nothing is sent.
  await form.tap('.staff-entry__save');
  await form.waitForText('经度应在 73–136 之间');
  expect(calls.some((c) => c.action === 'save')).toBe(false);

  const corners = [
    [115.352, 26.332],
    [115.353, 26.332],
    [115.353, 26.333],
    [115.352, 26.333],
  ];
  corners.forEach(([lng, lat], i) => {
    type(form, `.staff-entry__input--corner${i}Lng .nut-input-native`, String(lng));
    type(form, `.staff-entry__input--corner${i}Lat .nut-input-native`, String(lat));
  });
  await form.tap('.staff-entry__save');
  await form.waitFor(() => form.navigation.some((n) => n.api === 'showToast'));
  expect(calls.find((c) => c.action === 'save')?.payload).toEqual({
    kind: 'microGrid',
    data: {
      name: '新苑小区1栋',
      compound: '新苑小区',
      gridId: 'c01-g01',
      householdCount: 48,
      propertyCompanyId: null,
      boundary: { type: 'Polygon', coordinates: [[...corners, corners[0]]] },
    },
  });
});

test('目录管理 lists the communities, and units with their paired community', async () => {
  const directory = await open('directory');
  await directory.waitForText('潋江社区');
  await directory.tap('.staff-segmented__item--unit');
  await directory.waitForText('结对社区：潋江社区');
  expect(directory.text()).toContain('更改结对社区');
});

test('the county admin picks a community and sees its verified members grouped by unit', async () => {
  const members = await invoke<MemberView[]>('account', 'communityMembers', { communityId: 'c01' }, ADMIN);
  const page = await open('members');
  await page.waitForText('请选择一个社区');
  await tapWhenShown(page, '.staff-choice--community-c01');
  await page.waitForText(`已报到党员 ${members.length} 人`);
  for (const m of members) expect(page.text()).toContain(m.name);
  expect(page.text()).toContain(`${members[0].unit.name}（`);
});

test('the unit admin sees each member of the unit, where they reported and whether it is verified', async () => {
  const roster = await invoke<MemberView[]>('account', 'unitMembers', {}, 'demo-unit-admin');
  const page = await open('unit-members', 'demo-unit-admin', { unitId: 'u01' });
  await page.waitForText('陈志远');
  expect(page.text()).toContain('黄丽萍');
  expect(page.text()).toContain('已报到');
  expect(page.text()).toContain('待审核');
  expect(page.text()).toContain(`共 ${roster.length} 人`);
});
