/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The county admin's tools (角色授权, 操作记录, 目录管理, members of any community) and the unit
 * admin's roster, on the built weapp through the real cloud functions (local CloudBase). Needs
 * `npm run build:weapp` first.
 */
import type {
  AuditPage,
  DirectoryKind,
  Me,
  MemberView,
  PropertyCompanySummary,
  StationView,
  UnitSummary,
} from '../../contract';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const ADMIN = 'demo-county-admin';

jest.setTimeout(30_000);

const ui = useLocalCloud();
const { invoke } = ui;

const open = (route: string, openid = ADMIN, query: Record<string, string> = {}, calls?: CallEvent[]) =>
  ui.open(`packages/staff/pages/${route}/index`, openid, { query, calls });

async function tapWhenShown(page: LoadedPage, selector: string): Promise<void> {
  await page.waitFor(() => page.has(selector));
  await page.tap(selector);
}

test('角色授权: the county admin finds 张秀兰, grants her 单位管理员 of a unit, then revokes it', async () => {
  const u01 = (await invoke<UnitSummary[]>('directory', 'units', {}, ADMIN)).find((u) => u.id === 'u01')!;
  const grants = await open('grants');

  await tapWhenShown(grants, '.search-bar__go');
  grants.type('.search-bar__input .nut-input-native', '张秀兰');
  await grants.tap('.search-bar__go');
  // Her phone as the server masks it (138****1234), shown once, not masked again into ****1234.
  const phone = (await invoke<Me>('account', 'me', {}, 'demo-resident')).phone!;
  await grants.waitForText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
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
  const { items: entries } = await invoke<AuditPage>('directory', 'audit', { kind: 'role' }, ADMIN);
  const grant = entries.find((e) => e.action === 'grantRole' && e.entityId === 'demo-resident');
  if (!grant) throw new Error('the previous test left no grant in the audit trail');
  const u01 = (await invoke<UnitSummary[]>('directory', 'units', {}, ADMIN)).find((u) => u.id === 'u01')!;

  const audit = await open('audit');
  await audit.waitFor(() => audit.has(`#audit-${grant.id}`));
  await audit.waitForText(`单位管理员（${u01.name}）`);
  const text = audit.text();
  // 温振华 授予 张秀兰 「单位管理员（…）」 · 今天 10:21
  expect(text).toContain(`温振华 授予 张秀兰 「单位管理员（${u01.name}）」 · 今天`);
  expect(text).toContain(`温振华 撤销 张秀兰 的「单位管理员（${u01.name}）」 · 今天`);
  expect(text).toContain('角色：居民 → 居民、单位管理员');
});

/** What directory.entry answers: an entry's stored fields exactly as directory.save takes them. */
interface StoredEntry {
  kind: DirectoryKind;
  id: string;
  data: Record<string, unknown>;
}

const entryOf = (kind: DirectoryKind, id: string) => invoke<StoredEntry>('directory', 'entry', { kind, id }, ADMIN);

const saved = (page: LoadedPage) =>
  page.waitFor(() =>
    page.navigation.some((n) => n.api === 'showToast' && (n.options as { title: string }).title === '已保存'),
  );

test('目录管理: renaming a seeded grid keeps its boundary', async () => {
  const before = await entryOf('grid', 'c01-g01');
  const ring = (before.data.boundary as { coordinates: unknown[][] }).coordinates[0];

  const calls: CallEvent[] = [];
  const form = await open('directory-entry', ADMIN, { kind: 'grid', id: 'c01-g01', communityId: 'c01' }, calls);
  await form.waitForText(`沿用现有边界（${ring.length} 个点）`);
  // Nothing to re-enter: the corners are asked for only for a new grid.
  expect(form.has('.staff-entry__input--corner0Lng')).toBe(false);
  form.type('.staff-entry__input--name .nut-input-native', '潋江社区第一网格');
  await form.tap('.staff-entry__save');
  await saved(form);

  expect(calls.find((c) => c.action === 'save')?.payload).toEqual({
    kind: 'grid',
    id: 'c01-g01',
    data: { ...before.data, name: '潋江社区第一网格' },
  });
  const after = await entryOf('grid', 'c01-g01');
  expect(after.data).toEqual({ ...before.data, name: '潋江社区第一网格' });
  expect(after.data.boundary).toEqual(before.data.boundary);
});

test('目录管理: a new grid is created from four corners and then edits with its boundary kept', async () => {
  const calls: CallEvent[] = [];
  const create = await open('directory-entry', ADMIN, { kind: 'grid', communityId: 'c01' }, calls);
  await create.waitFor(() => create.has('.staff-entry__input--name'));
  create.type('.staff-entry__input--name .nut-input-native', '潋江社区第8网格');
  create.type('.staff-entry__input--order .nut-input-native', '8');
  const corners = [
    [115.35, 26.33],
    [115.351, 26.33],
    [115.351, 26.331],
    [115.35, 26.331],
  ];
  corners.forEach(([lng, lat], i) => {
    create.type(`.staff-entry__input--corner${i}Lng .nut-input-native`, String(lng));
    create.type(`.staff-entry__input--corner${i}Lat .nut-input-native`, String(lat));
  });
  await create.tap('.staff-entry__save');
  await saved(create);

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
  const {
    items: [created],
  } = await invoke<AuditPage>('directory', 'audit', { kind: 'directory' }, ADMIN);
  expect(created.entity).toBe('grid');

  const edit = await open('directory-entry', ADMIN, { kind: 'grid', id: created.entityId, communityId: 'c01' });
  await edit.waitForText('沿用现有边界（5 个点）');
  expect(edit.has('.staff-entry__input--corner0Lng')).toBe(false);
});

/** A seeded entry of each kind, with what the lists open its form with. */
const SEEDED: Array<[DirectoryKind, { id: string; communityId?: string }]> = [
  ['community', { id: 'c02' }],
  ['grid', { id: 'c01-g02', communityId: 'c01' }],
  ['microGrid', { id: 'c01-g01-m1', communityId: 'c01' }],
  ['unit', { id: 'u02' }],
  ['department', { id: 'd01' }],
  ['station', { id: 's01' }],
  ['propertyCompany', { id: 'p01' }],
];

test.each(SEEDED)(
  '目录管理: a seeded %s opens with every field as stored; saved unchanged, it sends back exactly its stored fields',
  async (kind, query) => {
    const stored = await entryOf(kind, query.id);
    const calls: CallEvent[] = [];
    const form = await open('directory-entry', ADMIN, { kind, ...query }, calls);
    await form.waitFor(() => form.has('.staff-entry__save'));
    await form.tap('.staff-entry__save');
    await saved(form);

    expect(calls.find((c) => c.action === 'save')?.payload).toEqual({ kind, id: query.id, data: stored.data });
    expect((await entryOf(kind, query.id)).data).toEqual(stored.data);
  },
);

test('目录管理: a station’s community, services and amenities are chosen as stored', async () => {
  const s01 = (await invoke<StationView[]>('directory', 'stations', {}, ADMIN)).find((s) => s.id === 's01')!;
  const station = await open('directory-entry', ADMIN, { kind: 'station', id: 's01' });
  await station.waitFor(() => station.has(`.staff-choice--communityId-${s01.communityId}.staff-choice--on`));
  expect(station.page.querySelectorAll('.staff-choice--on')).toHaveLength(
    1 + s01.services.length + s01.amenities.length,
  );
});

test('目录管理: a micro-grid is created under its grid from four corners', async () => {
  const calls: CallEvent[] = [];
  const form = await open(
    'directory-entry',
    ADMIN,
    { kind: 'microGrid', communityId: 'c01', gridId: 'c01-g01' },
    calls,
  );
  await form.waitFor(() => form.has('.staff-choice--gridId-c01-g01.staff-choice--on'));
  form.type('.staff-entry__input--name .nut-input-native', '新苑小区1栋');
  form.type('.staff-entry__input--compound .nut-input-native', '新苑小区');
  form.type('.staff-entry__input--householdCount .nut-input-native', '48');
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
    form.type(`.staff-entry__input--corner${i}Lng .nut-input-native`, String(lng));
    form.type(`.staff-entry__input--corner${i}Lat .nut-input-native`, String(lat));
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

test('目录管理: a unit’s 在职党员数 is asked with its hint, checked as a whole number, saved, and emptied to unknown', async () => {
  const stored = await entryOf('unit', 'u03');
  expect(stored.data.memberCount).toEqual(expect.any(Number));
  const calls: CallEvent[] = [];
  const form = await open('directory-entry', ADMIN, { kind: 'unit', id: 'u03' }, calls);
  await form.waitFor(() => form.has('.staff-entry__input--memberCount'));
  expect(form.text()).toContain('在职党员数');
  expect(form.text()).toContain('单位在职党员总人数，用于计算双报到率');

  form.type('.staff-entry__input--memberCount .nut-input-native', '12.5');
  await form.tap('.staff-entry__save');
  await form.waitForText('请输入 0–100000 之间的整数');
  expect(calls.some((c) => c.action === 'save')).toBe(false);

  form.type('.staff-entry__input--memberCount .nut-input-native', '64');
  await form.tap('.staff-entry__save');
  await saved(form);
  expect(calls.find((c) => c.action === 'save')?.payload).toEqual({
    kind: 'unit',
    id: 'u03',
    data: { ...stored.data, memberCount: 64 },
  });
  expect((await entryOf('unit', 'u03')).data.memberCount).toBe(64);

  const emptied: CallEvent[] = [];
  const again = await open('directory-entry', ADMIN, { kind: 'unit', id: 'u03' }, emptied);
  await again.waitFor(() => again.has('.staff-entry__input--memberCount'));
  again.type('.staff-entry__input--memberCount .nut-input-native', '');
  await again.tap('.staff-entry__save');
  await saved(again);
  expect(emptied.find((c) => c.action === 'save')?.payload).toEqual({
    kind: 'unit',
    id: 'u03',
    data: { ...stored.data, memberCount: null },
  });
  expect((await entryOf('unit', 'u03')).data.memberCount).toBeNull();
});

test('目录管理 lists the communities, units with their paired community, and every property company', async () => {
  const companies = await invoke<PropertyCompanySummary[]>('directory', 'propertyCompanies', {}, ADMIN);
  const units = await invoke<UnitSummary[]>('directory', 'units', {}, ADMIN);
  const directory = await open('directory');
  await directory.waitForText('潋江社区');
  await directory.tap('.staff-segmented__item--unit');
  await directory.waitForText('结对社区：潋江社区');
  expect(directory.text()).toContain('更改结对社区');
  // 在职党员数 as recorded; u03's was emptied above.
  const u01 = units.find((u) => u.id === 'u01')!;
  expect(directory.text()).toContain(`结对社区：潋江社区 · 在职党员 ${u01.memberCount} 人`);
  expect(directory.text()).toContain('在职党员数未填');

  await directory.tap('.staff-segmented__item--propertyCompany');
  await directory.waitForText(companies[0].name);
  for (const company of companies) expect(directory.text()).toContain(company.name);
  expect(directory.text()).toContain('红色物业');
  expect(directory.text()).not.toContain('操作记录');
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
