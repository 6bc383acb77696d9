/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 共建项目 as residents see them, in the built weapp: demo-resident (潋江社区 c01) opens the home
 * area, sees a done project of the community with its units, result and photos, and rates it
 * once; the page opens on the projects in progress (with none, it points at the done ones). The project is made through the cloud functions as the secretary and the unit admin.
 * Through the real cloud functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type {
  CommunityDetail,
  NeedView,
  ProjectPage,
  ProjectView,
  PublicProjectPage,
  ResourceView,
  RoleGrant,
} from '../../contract';
import { PRIVACY_VERSION } from '../../contract/privacy';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';
import { addDays, today } from '../../src/utils/date';

const PAGES = 'packages/cobuild/pages';
const SECRETARY = 'demo-secretary';
const UNIT_ADMIN = 'demo-unit-admin';
const RESIDENT = 'demo-resident';

const ui = useLocalCloud();
const { open, invoke } = ui;
const cb = <T>(action: string, payload: unknown, openid: string) => invoke<T>('cobuild', action, payload, openid);
/** The county's date `days` from today (Asia/Shanghai, as the forms count; UTC is a day behind after 16:00). */
const inFuture = (days: number) => addDays(today(), days);

let done: ProjectView;
let active: ProjectView;

/** A planned project of c01 from a new need and a new resource of the demo unit. */
async function plannedProject(title: string, goal: string): Promise<ProjectView> {
  const need = await cb<NeedView>(
    'saveNeed',
    {
      category: '环境整治',
      title: `${title}需求`,
      description: '',
      quantity: 4,
      quantityUnit: '次',
      wantedBy: inFuture(60),
      contact: { name: '谢春梅', phone: '13800000001' },
    },
    SECRETARY,
  );
  const resource = await cb<ResourceView>(
    'saveResource',
    {
      category: '环境整治',
      title: `${title}志愿队`,
      description: '',
      capacity: { amount: 4, unit: '次', frequency: '每季度一次' },
      liaisonOpenid: 'demo-member',
      availability: '周六上午',
    },
    UNIT_ADMIN,
  );
  return cb<ProjectView>(
    'saveProject',
    {
      title,
      goal,
      needIds: [need.id],
      resourceIds: [resource.id],
      milestones: [{ title: '第一次行动', dueAt: inFuture(20) }],
      leads: { community: { name: '谢春梅' }, unit: { name: '肖国平' } },
    },
    SECRETARY,
  );
}

beforeAll(async () => {
  const planned = await plannedProject('小巷换新颜', '清理三条背街小巷的卫生死角');
  const started = await cb<ProjectView>(
    'startProject',
    { projectId: planned.id, version: planned.version },
    UNIT_ADMIN,
  );
  done = await cb<ProjectView>(
    'finishProject',
    { projectId: started.id, version: started.version, note: '清理垃圾 3 吨，三条小巷焕然一新', photos: [] },
    SECRETARY,
  );
  const second = await plannedProject('垃圾分类入户宣传', '每户发放垃圾分类指南');
  active = await cb<ProjectView>('startProject', { projectId: second.id, version: second.version }, SECRETARY);
});

test('the home page has a 共建项目 area for residents', async () => {
  const home = await open('pages/index/index', RESIDENT);
  await home.waitFor(() => home.has('.home__area--cobuild'));
  await home.tap('.home__area--cobuild');
  expect(home.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/cobuild/pages/public-projects/index' }),
  });
});

test('a resident sees the done project with its unit and result, and rates it once', async () => {
  const list = await open(`${PAGES}/public-projects/index`, RESIDENT);
  await list.waitFor(() => list.has('.staff-segmented__item--done'));
  await list.tap('.staff-segmented__item--done');
  await list.waitFor(() => list.has(`#public-project-${done.id}`));
  expect(list.text()).toContain('小巷换新颜');
  expect(list.text()).toContain(done.units[0].name);
  expect(list.text()).toContain('清理垃圾 3 吨');
  await list.tap(`#public-project-${done.id}`);
  expect(list.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/public-project/index?id=${done.id}` }),
  });

  const calls: CallEvent[] = [];
  const page = await open(`${PAGES}/public-project/index`, RESIDENT, { calls, query: { id: done.id } });
  await page.waitFor(() => page.has('.cobuild-rate__send'));
  expect(page.text()).toContain('还没有居民评价');
  expect(calls.map((c) => c.action)).toContain('publicProject');
  expect(calls.some((c) => c.action === 'publicProjects')).toBe(false);
  // No star: said, nothing sent.
  await page.tap('.cobuild-rate__send');
  await page.waitForText('请点星评价');
  expect(calls.some((c) => c.action === 'rateProject')).toBe(false);

  await page.tap('.wish-stars__star--4');
  page.type('.cobuild-rate__comment .nut-textarea-textarea', '小巷干净多了');
  await page.tap('.cobuild-rate__send');
  await page.waitForText('感谢您的评价');
  expect(page.text()).toContain('居民评价 4.0 星（1 人）');
  expect(page.has('.cobuild-rate__send')).toBe(false);

  const { items } = await cb<PublicProjectPage>('publicProjects', { status: 'done' }, RESIDENT);
  expect(items.find((p) => p.id === done.id)).toMatchObject({ myRating: 4, can: [], rating: { count: 1 } });

  // Opened again: the rating shows, no second one offered.
  const again = await open(`${PAGES}/public-project/index`, RESIDENT, { query: { id: done.id } });
  await again.waitForText('您的评价');
  expect(again.has('.cobuild-rate__send')).toBe(false);
});

test('the page opens on 进行中, the first tab: the active project, no done one', async () => {
  const calls: CallEvent[] = [];
  const list = await open(`${PAGES}/public-projects/index`, RESIDENT, { calls });
  await list.waitFor(() => list.has(`#public-project-${active.id}`));
  expect(list.has('.staff-segmented__item--ongoing.staff-segmented__item--active')).toBe(true);
  const text = list.text();
  expect(text.indexOf('进行中')).toBeLessThan(text.indexOf('已完成'));
  expect(text).toContain('垃圾分类入户宣传');
  expect(list.has(`#public-project-${done.id}`)).toBe(false);
  expect(calls.find((c) => c.action === 'publicProjects')!.payload).toMatchObject({ status: 'active' });
});

test('with nothing in progress, 进行中 says so and points at 已完成', async () => {
  // c14 with its project in progress dropped, and a resident of c14.
  const c = 'c14';
  const users = ui.local.cloud.store.find('users', { query: {} }) as Array<{ _id: string; roles?: RoleGrant[] }>;
  const secretary = users.find((u) => u.roles?.some((g) => g.role === 'secretary' && g.communityId === c))!._id;
  const { items } = await cb<ProjectPage>('projects', { status: 'active' }, secretary);
  expect(items.length).toBeGreaterThan(0);
  for (const p of items)
    await cb('dropProject', { projectId: p.id, version: p.version, reason: '计划调整，改到明年再办' }, secretary);
  const community = await invoke<CommunityDetail>('directory', 'community', { communityId: c }, RESIDENT);
  const openid = 'test-resident-c14';
  await invoke('account', 'me', {}, openid);
  await invoke('account', 'acceptPrivacy', { version: PRIVACY_VERSION }, openid);
  await invoke(
    'account',
    'updateProfile',
    {
      name: '刘桂芳',
      phone: '13907970456',
      address: {
        communityId: c,
        residentGroupId: community.residentGroups[0].id,
        microGridId: community.grids[0].microGrids[0].id,
      },
    },
    openid,
  );
  const doneThere = (await cb<PublicProjectPage>('publicProjects', { status: 'done' }, openid)).items[0];

  const page = await open(`${PAGES}/public-projects/index`, openid);
  await page.waitFor(() => page.has('.prompt--no-ongoing'));
  expect(page.text()).toContain('暂无进行中的共建项目');
  expect(page.text()).toContain('已完成');
  await page.tap('.prompt__action--no-ongoing');
  await page.waitFor(() => page.has(`#public-project-${doneThere.id}`));
  expect(page.has('.staff-segmented__item--done.staff-segmented__item--active')).toBe(true);
});

test('someone without an address is asked for it, and the community is not guessed', async () => {
  const calls: CallEvent[] = [];
  const page = await open(`${PAGES}/public-projects/index`, UNIT_ADMIN, { calls });
  await page.waitForText('还没有填写住址');
  expect(page.has('.prompt__action--no-address')).toBe(true);
  expect(calls.some((c) => c.action === 'publicProjects')).toBe(false);
});
