/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 结对共建 of the built weapp: the hub for the secretary (demo-secretary, 潋江社区 c01), the unit
 * admin of the unit paired with c01 (demo-unit-admin) and the county admin; a need added on the
 * form and matched to a resource the unit admin offers on theirs; a project made from that need
 * and resource and started; an agreement drafted and signed by both sides. Through the real cloud
 * functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type {
  AgreementView,
  CobuildOverview,
  NeedPage,
  NeedView,
  ProjectPage,
  ProjectSummary,
  ProjectView,
  ResourcePage,
  ResourceView,
} from '../../contract';
import { COBUILD_CATEGORIES } from '../../contract/cobuild';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';
import { addDays, today } from '../../src/utils/date';

const PAGES = 'packages/cobuild/pages';
const STAFF_HOME = 'packages/staff/pages/roles/index';
const SECRETARY = 'demo-secretary';
const UNIT_ADMIN = 'demo-unit-admin';
const COUNTY = 'demo-county-admin';
const MEMBER = 'demo-member'; // a verified member of the demo unit: a liaison

const ui = useLocalCloud();
const { open, invoke } = ui;
jest.setTimeout(30_000);

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
type Wx = Record<string, unknown> & { cloud: Record<string, unknown> };
const wx = () => (globalThis as unknown as { wx: Wx }).wx;

/** The weapp photo flow: chooseMedia answers one image; wx.cloud.uploadFile stores it in the local storage. */
function stubPhotoFlow(): string[] {
  const uploads: string[] = [];
  wx().chooseMedia = (options: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
    const result = {
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: [{ tempFilePath: 'http://tmp/cobuild-photo.png', size: PNG.length, fileType: 'image' }],
    };
    setTimeout(() => {
      options.success?.(result);
      options.complete?.(result);
    }, 0);
  };
  wx().cloud.uploadFile = async ({ cloudPath }: { cloudPath: string }) => {
    const fileID = ui.local.cloud.storage.put(cloudPath, PNG);
    uploads.push(fileID);
    return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
  return uploads;
}

const cb = <T>(action: string, payload: unknown, openid: string) => invoke<T>('cobuild', action, payload, openid);
const chip = (name: string, category: string) =>
  `.staff-choice--${name}-${COBUILD_CATEGORIES.indexOf(category as (typeof COBUILD_CATEGORIES)[number])}`;
/** The county's date `days` from today (Asia/Shanghai, as the forms count; UTC is a day behind after 16:00). */
const inFuture = (days: number) => addDays(today(), days);

test('each role reaches 结对共建 from the workbench', async () => {
  for (const openid of [SECRETARY, UNIT_ADMIN, COUNTY]) {
    const home = await open(STAFF_HOME, openid);
    await home.waitFor(() => home.has('.staff-home__tool--cobuild'));
    await home.tap('.staff-home__tool--cobuild');
    expect(home.navigation).toContainEqual({
      api: 'navigateTo',
      options: expect.objectContaining({ url: '/packages/cobuild/pages/index/index' }),
    });
  }
});

/** Every item of a list, page after page. */
async function allOf<T>(action: string, openid: string): Promise<T[]> {
  const items: T[] = [];
  for (let from: number | null = 0; from !== null; ) {
    const page: { items: T[]; next: number | null } = await cb(action, { from }, openid);
    items.push(...page.items);
    from = page.next;
  }
  return items;
}

test("the secretary's hub: the year's four lists with their exact counts, and 轮值主席 / 联席会议", async () => {
  const needs = await allOf<NeedView>('needs', SECRETARY);
  const projects = await allOf<ProjectSummary>('projects', SECRETARY);
  const hub = await open(`${PAGES}/index/index`, SECRETARY);
  await hub.waitForText('待对接');
  const text = hub.text();
  for (const title of ['需求清单', '资源清单', '共建项目', '共建协议', '轮值主席', '联席会议', '议定事项'])
    expect(text).toContain(title);
  expect(text).toContain(`待对接 ${needs.filter((n) => n.status === 'open').length} 项 · 共 ${needs.length} 项`);
  expect(text).toContain(`共 ${projects.length} 个`);
  expect(text).not.toContain('+');
  await hub.tap('.cobuild__tile--rota');
  expect(hub.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/cobuild/pages/rota/index' }),
  });
});

test("the unit admin's hub names the unit's own 资源清单, with its exact counts", async () => {
  const resources = await allOf<ResourceView>('resources', UNIT_ADMIN);
  const hub = await open(`${PAGES}/index/index`, UNIT_ADMIN);
  await hub.waitForText('可提供');
  expect(hub.text()).toContain('本单位资源清单');
  expect(hub.text()).toContain(
    `可提供 ${resources.filter((r) => r.status === 'offered').length} 项 · 共 ${resources.length} 项`,
  );
  expect(hub.text()).toContain('本单位轮值的月份');
});

test("the county admin's hub is every community's overview", async () => {
  const overview = await cb<CobuildOverview>('countyOverview', {}, COUNTY);
  const hub = await open(`${PAGES}/index/index`, COUNTY);
  await hub.waitForText('全县合计');
  const text = hub.text();
  for (const row of overview.communities) {
    expect(hub.has(`#overview-${row.communityId}`)).toBe(true);
    expect(text).toContain(row.communityName);
  }
  expect(text).toContain(`协议已签署 ${overview.county.agreementsSigned} 份`);
  expect(text).toContain('联席会议：一季度');

  // Last year's, for the supervision report looking back.
  const last = overview.year - 1;
  await hub.tap(`.staff-segmented__item--${last}`);
  await hub.waitForText(`${last} 年各社区结对共建情况`);
});

let need: NeedView;
let resource: ResourceView;

test('the secretary adds a need on the form: checked first, then saved to the 需求清单', async () => {
  const calls: CallEvent[] = [];
  const form = await open(`${PAGES}/need-edit/index`, SECRETARY, { calls });
  await form.waitFor(() => form.has('.cobuild-form__save'));
  // Nothing filled: every problem is said, nothing sent.
  await form.tap('.cobuild-form__save');
  await form.waitForText('请选择类别');
  expect(form.text()).toContain('请填写需求名称');
  expect(calls.some((c) => c.action === 'saveNeed')).toBe(false);

  await form.tap(chip('category', '助老助残'));
  form.type('.cobuild-form__title .nut-input-native', '独居老人上门理发');
  form.type('.cobuild-form__description .nut-textarea-textarea', '每月一次，为行动不便的老人上门理发');
  form.type('.cobuild-form__quantity .nut-input-native', '0');
  form.type('.cobuild-form__unit .nut-input-native', '次');
  await form.tap('.cobuild-form__save');
  await form.waitForText('数量须大于 0');
  expect(calls.some((c) => c.action === 'saveNeed')).toBe(false);

  form.type('.cobuild-form__quantity .nut-input-native', '12');
  form.type('.cobuild-form__contact-name .nut-input-native', '谢春梅');
  form.type('.cobuild-form__contact-phone .nut-input-native', '13800000001');
  await form.tap('.cobuild-form__save');
  await form.waitFor(() => form.navigation.some((n) => n.api === 'showToast'));
  const sent = calls.find((c) => c.action === 'saveNeed')!;
  expect(sent.payload).toMatchObject({
    category: '助老助残',
    title: '独居老人上门理发',
    quantity: 12,
    quantityUnit: '次',
    contact: { name: '谢春梅', phone: '13800000001' },
  });

  const { items } = await cb<NeedPage>('needs', { status: 'open' }, SECRETARY);
  need = items.find((n) => n.title === '独居老人上门理发')!;
  expect(need).toMatchObject({ status: 'open', quantity: 12, communityId: 'c01' });

  const list = await open(`${PAGES}/needs/index`, SECRETARY);
  await list.waitFor(() => list.has(`#need-${need.id}`));
  expect(list.text()).toContain('独居老人上门理发');
  expect(list.text()).toContain('数量：12 次');
});

test("the unit admin offers a matching resource with a liaison among the unit's members", async () => {
  const calls: CallEvent[] = [];
  const form = await open(`${PAGES}/resource-edit/index`, UNIT_ADMIN, { calls });
  await form.waitFor(() => form.has(`.staff-choice--liaison-${MEMBER}`));
  await form.tap(chip('category', '助老助残'));
  form.type('.cobuild-form__title .nut-input-native', '理发志愿服务队');
  form.type('.cobuild-form__amount .nut-input-native', '12');
  form.type('.cobuild-form__unit .nut-input-native', '次');
  form.type('.cobuild-form__frequency .nut-input-native', '每月一次');
  form.type('.cobuild-form__availability .nut-input-native', '每月第一个周六');
  await form.tap(`.staff-choice--liaison-${MEMBER}`);
  await form.tap('.cobuild-form__save');
  await form.waitFor(() => form.navigation.some((n) => n.api === 'showToast'));
  expect(calls.find((c) => c.action === 'saveResource')!.payload).toMatchObject({
    category: '助老助残',
    liaisonOpenid: MEMBER,
    capacity: { amount: 12, unit: '次', frequency: '每月一次' },
  });
  const { items } = await cb<ResourcePage>('resources', {}, UNIT_ADMIN);
  resource = items.find((r) => r.title === '理发志愿服务队')!;
  expect(resource).toMatchObject({ status: 'offered', liaison: { openid: MEMBER } });
});

test('匹配资源 on the open need lists the resource, one tap from a project', async () => {
  const page = await open(`${PAGES}/needs/index`, SECRETARY);
  const card = `#need-${need.id}`;
  await page.waitFor(() => page.has(`${card} .cobuild__matches-toggle`));
  await page.tap(`${card} .cobuild__matches-toggle`);
  await page.waitFor(() => page.has(`#match-${resource.id}`));
  expect(page.text()).toContain('理发志愿服务队');
  await page.tap(`#match-${resource.id} .cobuild__plan`);
  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({
      url: `/packages/cobuild/pages/project-edit/index?needId=${need.id}&resourceId=${resource.id}`,
    }),
  });

  // Where the secretary's notice of the new resource leads: the need with its matches shown.
  const read: CallEvent[] = [];
  const one = await open(`${PAGES}/need/index`, SECRETARY, { calls: read, query: { id: need.id } });
  await one.waitFor(() => one.has(`#match-${resource.id}`));
  expect(one.text()).toContain('独居老人上门理发');
  expect(one.text()).toContain('可匹配的资源（助老助残）');
  // The need read by its id, not found by paging the list.
  expect(read.map((c) => c.action)).toEqual(expect.arrayContaining(['need', 'matches']));
  expect(read.some((c) => c.action === 'needs')).toBe(false);
});

let project: ProjectView;

test('a project made from the need and the resource, then started', async () => {
  const calls: CallEvent[] = [];
  const form = await open(`${PAGES}/project-edit/index`, SECRETARY, {
    calls,
    query: { needId: need.id, resourceId: resource.id },
  });
  await form.waitFor(() => form.has(`#pick-need-${need.id}`) && form.has(`#pick-resource-${resource.id}`));
  // Chosen already from 匹配资源.
  expect(form.has(`#pick-need-${need.id}.cobuild__check--on`)).toBe(true);
  expect(form.has(`#pick-resource-${resource.id}.cobuild__check--on`)).toBe(true);
  form.type('.cobuild-form__title .nut-input-native', '银龄理发共建行动');
  form.type('.cobuild-form__goal .nut-textarea-textarea', '全年为 12 位独居老人每月上门理发');
  form.type('.cobuild-form__milestone-title .nut-input-native', '完成第一次上门');
  form.type('.cobuild-form__lead-unit .nut-input-native', '肖国平');
  await form.tap('.cobuild-form__save');
  await form.waitFor(() => form.navigation.some((n) => n.api === 'redirectTo'));
  const sent = calls.find((c) => c.action === 'saveProject')!.payload as Record<string, unknown>;
  expect(sent).toMatchObject({
    needIds: [need.id],
    resourceIds: [resource.id],
    milestones: [{ title: '完成第一次上门', dueAt: inFuture(30) }],
    leads: { community: { openid: SECRETARY }, unit: { name: '肖国平' } },
  });
  const { items } = await cb<ProjectPage>('projects', { status: 'planned' }, SECRETARY);
  const id = items.find((p) => p.title === '银龄理发共建行动')!.id;
  expect(form.navigation).toContainEqual({
    api: 'redirectTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/project/index?id=${id}` }),
  });

  const page = await open(`${PAGES}/project/index`, SECRETARY, { query: { id } });
  await page.waitFor(() => page.has('.cobuild__start'));
  expect(page.text()).toContain('计划中');
  expect(page.text()).toContain('独居老人上门理发');
  expect(page.text()).toContain('理发志愿服务队');
  await page.tap('.cobuild__start');
  await page.waitFor(() => page.has('#staff-confirm-ok'));
  await page.tap('#staff-confirm-ok');
  await page.waitForText('项目已启动');
  expect(page.text()).toContain('进行中');

  // A progress update marking the milestone done.
  await page.tap('.cobuild__update');
  await page.waitFor(() => page.has('.cobuild-step__note'));
  page.type('.cobuild-step__note .nut-textarea-textarea', '第一次上门理发，服务 12 位老人');
  const started = await cb<ProjectView>('project', { projectId: id }, SECRETARY);
  await page.waitFor(() => page.has(`.staff-choice--milestone-${started.milestoneList[0].id}`));
  await page.tap(`.staff-choice--milestone-${started.milestoneList[0].id}`);
  await page.tap('.cobuild-step__send');
  await page.waitForText('已记录进展');
  expect(page.text()).toContain('第一次上门理发，服务 12 位老人');

  project = await cb<ProjectView>('project', { projectId: id }, SECRETARY);
  expect(project).toMatchObject({ status: 'active', milestones: { done: 1, total: 1 } });
  expect(project.needs[0].status).toBe('matched');
  expect(project.resources[0].status).toBe('committed');
});

test('an agreement drafted by the secretary, signed by each side once', async () => {
  const unitId = project.units[0].id;
  // The pair's agreement of the year as the seed left it: none (起草), a draft nobody signed (修改草稿),
  // or a signed one (新版本); a draft one side signed is signed by the other first.
  const pair = async () =>
    (await cb<AgreementView[]>('agreements', {}, SECRETARY)).filter(
      (a) => a.unitId === unitId && a.status !== 'superseded',
    );
  let current = await pair();
  const half = current.find((a) => a.status === 'draft' && !a.can.includes('edit'));
  if (half) {
    if (!half.signatures.community) await cb('signAgreement', { agreementId: half.id }, SECRETARY);
    if (!half.signatures.unit) await cb('signAgreement', { agreementId: half.id }, UNIT_ADMIN);
    current = await pair();
  }
  const draftBefore = current.find((a) => a.status === 'draft');
  const signedBefore = current.find((a) => a.status === 'signed');
  const query: Record<string, string> = draftBefore
    ? { id: draftBefore.id }
    : signedBefore
      ? { revises: signedBefore.id }
      : {};

  const sent: CallEvent[] = [];
  const form = await open(`${PAGES}/agreement-edit/index`, SECRETARY, { calls: sent, query });
  await form.waitFor(() => form.has(`.staff-choice--unit-${unitId}`) || form.has(`#pick-project-${project.id}`));
  if (form.has(`.staff-choice--unit-${unitId}`)) await form.tap(`.staff-choice--unit-${unitId}`);
  await form.waitFor(() => form.has(`#pick-project-${project.id}`));
  if (!form.has(`#pick-project-${project.id}.cobuild__check--on`)) await form.tap(`#pick-project-${project.id}`);
  form.type('.cobuild-form__duties-community .nut-textarea-textarea', '摸清老人需求，提供服务场地');
  form.type('.cobuild-form__duties-unit .nut-textarea-textarea', '每月派志愿者上门理发');
  await form.tap('.cobuild-form__save');
  await form.waitFor(() => form.navigation.some((n) => n.api === 'redirectTo'));
  // The secretary names the unit of a new draft only; an edit or a new version is of the agreement's own.
  const saved = sent.find((c) => c.action === 'saveAgreement')!.payload as Record<string, unknown>;
  if (draftBefore || signedBefore) expect(saved).not.toHaveProperty('unitId');
  else expect(saved.unitId).toBe(unitId);

  const drafts = await cb<AgreementView[]>('agreements', {}, SECRETARY);
  const draft = drafts.find((a) => a.status === 'draft' && a.projects.some((p) => p.id === project.id))!;
  expect(draft).toMatchObject({
    unitId,
    duties: { unit: '每月派志愿者上门理发' },
    signatures: { community: null, unit: null },
  });

  const mine = await open(`${PAGES}/agreement/index`, SECRETARY, { query: { id: draft.id } });
  await mine.waitFor(() => mine.has('.cobuild__sign'));
  expect(mine.text()).toContain('银龄理发共建行动');
  expect(mine.text()).toContain('以社区身份签署');
  await mine.tap('.cobuild__sign');
  await mine.waitFor(() => mine.has('#staff-confirm-ok'));
  await mine.tap('#staff-confirm-ok');
  await mine.waitForText('已签署，等待对方签署');
  expect(mine.has('.cobuild__sign')).toBe(false);

  const theirs = await open(`${PAGES}/agreement/index`, UNIT_ADMIN, { query: { id: draft.id } });
  await theirs.waitFor(() => theirs.has('.cobuild__sign'));
  expect(theirs.text()).toContain('社区（');
  expect(theirs.text()).toContain('谢春梅');
  await theirs.tap('.cobuild__sign');
  await theirs.waitFor(() => theirs.has('#staff-confirm-ok'));
  await theirs.tap('#staff-confirm-ok');
  await theirs.waitForText('双方均已签署');
  expect(theirs.has('.cobuild__edit')).toBe(false);

  const signed = (await cb<AgreementView[]>('agreements', {}, SECRETARY)).find((a) => a.id === draft.id)!;
  expect(signed.status).toBe('signed');
  expect(signed.signatures.community?.openid).toBe(SECRETARY);
  expect(signed.signatures.unit?.openid).toBe(UNIT_ADMIN);
  expect(signed.can).toEqual(['revise']);

  // 新版本 of the signed one: the form filled from it; saved as a draft that supersedes it once signed.
  await theirs.waitFor(() => theirs.has('.cobuild__revise'));
  await theirs.tap('.cobuild__revise');
  expect(theirs.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/agreement-edit/index?revises=${draft.id}` }),
  });
  const calls: CallEvent[] = [];
  const revise = await open(`${PAGES}/agreement-edit/index`, UNIT_ADMIN, { calls, query: { revises: draft.id } });
  await revise.waitFor(() => revise.has(`#pick-project-${project.id}.cobuild__check--on`));
  expect(revise.text()).toContain('新版本经双方签署后替代原协议');
  revise.type('.cobuild-form__duties-unit .nut-textarea-textarea', '每月派志愿者上门理发，每季度开展一次健康讲座');
  await revise.tap('.cobuild-form__save');
  await revise.waitFor(() => revise.navigation.some((n) => n.api === 'redirectTo'));
  expect(calls.find((c) => c.action === 'saveAgreement')!.payload).toMatchObject({
    revises: draft.id,
    projectIds: expect.arrayContaining([project.id]),
    duties: { community: '摸清老人需求，提供服务场地', unit: '每月派志愿者上门理发，每季度开展一次健康讲座' },
  });
  expect(calls.find((c) => c.action === 'saveAgreement')!.payload).not.toHaveProperty('unitId');
  const versions = await cb<AgreementView[]>('agreements', {}, UNIT_ADMIN);
  expect(versions.find((a) => a.supersedes === draft.id)).toMatchObject({ status: 'draft', number: draft.number + 1 });
  expect(versions.find((a) => a.id === draft.id)).toMatchObject({ status: 'signed' });

  // 起草 again for the pair: the new version waiting is opened instead.
  const again = await open(`${PAGES}/agreement-edit/index`, SECRETARY);
  await again.waitFor(() => again.has(`.staff-choice--unit-${unitId}`));
  await again.tap(`.staff-choice--unit-${unitId}`);
  await again.waitFor(() => again.has('.cobuild-form__existing'));
  expect(again.text()).toContain('今年已有协议（待签署');
  await again.tap('.cobuild-form__open-existing');
  const next = versions.find((a) => a.supersedes === draft.id)!;
  expect(again.navigation).toContainEqual({
    api: 'redirectTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/agreement/index?id=${next.id}` }),
  });
});

test('the project finished with a result and a photo of its own', async () => {
  const calls: CallEvent[] = [];
  const page = await open(`${PAGES}/project/index`, UNIT_ADMIN, { calls, query: { id: project.id } });
  await page.waitFor(() => page.has('.cobuild__finish'));
  const uploads = stubPhotoFlow();
  await page.tap('.cobuild__finish');
  await page.waitFor(() => page.has('.cobuild-step__send'));
  // No result written: said, nothing sent.
  await page.tap('.cobuild-step__send');
  await page.waitForText('请填写共建成效');
  await page.tap('.wish-photos__add');
  await page.waitFor(() => page.visible('.wish-photos__item--done'));
  page.type('.cobuild-step__note .nut-textarea-textarea', '全年上门理发 12 次，服务老人 150 人次');
  await page.tap('.cobuild-step__send');
  await page.waitForText('项目已完成');
  expect(calls.find((c) => c.action === 'finishProject')!.payload).toEqual({
    projectId: project.id,
    version: expect.any(Number),
    note: '全年上门理发 12 次，服务老人 150 人次',
    photos: uploads,
  });
  expect(page.text()).toContain('共建成效');
  expect(page.has('.cobuild__finish')).toBe(false);
  const done = await cb<ProjectView>('project', { projectId: project.id }, SECRETARY);
  expect(done).toMatchObject({ status: 'done', result: { note: '全年上门理发 12 次，服务老人 150 人次' } });
  expect(done.result!.photos.map((p) => p.fileId)).toEqual(uploads);
});

test('a planned project dropped with a reason frees its need and resource', async () => {
  const n = await cb<NeedView>(
    'saveNeed',
    {
      category: '困难帮扶',
      title: '困难家庭冬衣',
      description: '',
      quantity: 10,
      quantityUnit: '户',
      wantedBy: inFuture(20),
      contact: { name: '谢春梅', phone: '13800000001' },
    },
    SECRETARY,
  );
  const r = await cb<ResourceView>(
    'saveResource',
    {
      category: '困难帮扶',
      title: '冬衣捐赠',
      description: '',
      capacity: { amount: 10, unit: '户', frequency: '一次' },
      liaisonOpenid: MEMBER,
      availability: '十二月',
    },
    UNIT_ADMIN,
  );
  const planned = await cb<ProjectView>(
    'saveProject',
    {
      title: '冬日送温暖',
      goal: '为 10 户困难家庭送冬衣',
      needIds: [n.id],
      resourceIds: [r.id],
      milestones: [{ title: '送到各户', dueAt: inFuture(10) }],
      leads: { community: { name: '谢春梅' }, unit: { name: '肖国平' } },
    },
    UNIT_ADMIN,
  );
  const page = await open(`${PAGES}/project/index`, SECRETARY, { query: { id: planned.id } });
  await page.waitFor(() => page.has('.cobuild__drop'));
  await page.tap('.cobuild__drop');
  await page.waitFor(() => page.has('.staff-reason--drop'));
  page.type('.staff-reason--drop .nut-textarea-textarea', '已由民政部门统一发放');
  await page.tap('#staff-confirm-ok');
  await page.waitForText('项目已终止');
  expect(page.text()).toContain('终止原因：已由民政部门统一发放');
  const dropped = await cb<ProjectView>('project', { projectId: planned.id }, SECRETARY);
  expect(dropped).toMatchObject({ status: 'dropped', needs: [{ status: 'open' }], resources: [{ status: 'offered' }] });
});

test('the secretary closes a need with a reason; the unit admin withdraws a resource with one', async () => {
  const spare = await cb<NeedView>(
    'saveNeed',
    {
      category: '文体活动',
      title: '广场舞队服装',
      description: '',
      quantity: 30,
      quantityUnit: '套',
      wantedBy: inFuture(40),
      contact: { name: '谢春梅', phone: '13800000001' },
    },
    SECRETARY,
  );
  const needs = await open(`${PAGES}/needs/index`, SECRETARY);
  await needs.waitFor(() => needs.has(`#need-${spare.id} .cobuild__close`));
  await needs.tap(`#need-${spare.id} .cobuild__close`);
  await needs.waitFor(() => needs.has('#staff-confirm-ok'));
  await needs.tap('#staff-confirm-ok');
  await needs.waitForText('请填写理由');
  needs.type('.staff-reason--close .nut-textarea-textarea', '已由社区自行解决');
  await needs.tap('#staff-confirm-ok');
  await needs.waitForText('已关闭需求「广场舞队服装」');
  const closed = (await cb<NeedPage>('needs', { status: 'closed' }, SECRETARY)).items.find((n) => n.id === spare.id);
  expect(closed).toMatchObject({ status: 'closed', closeReason: '已由社区自行解决' });

  const offered = await cb<ResourceView>(
    'saveResource',
    {
      category: '政策宣讲',
      title: '法律知识讲座',
      description: '',
      capacity: { amount: 4, unit: '场', frequency: '每季度一场' },
      liaisonOpenid: MEMBER,
      availability: '工作日晚上',
    },
    UNIT_ADMIN,
  );
  const resources = await open(`${PAGES}/resources/index`, UNIT_ADMIN);
  await resources.waitFor(() => resources.has(`#resource-${offered.id} .cobuild__withdraw`));
  await resources.tap(`#resource-${offered.id} .cobuild__withdraw`);
  await resources.waitFor(() => resources.has('.staff-reason--withdraw'));
  resources.type('.staff-reason--withdraw .nut-textarea-textarea', '讲师调走，今年无法提供');
  await resources.tap('#staff-confirm-ok');
  await resources.waitForText('已撤回资源「法律知识讲座」');
  const withdrawn = (await cb<ResourcePage>('resources', {}, UNIT_ADMIN)).items.find((r) => r.id === offered.id);
  expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: '讲师调走，今年无法提供' });
});

test("the county admin opens a community's lists from its overview row: named, of the year shown, read-only", async () => {
  const overview = await cb<CobuildOverview>('countyOverview', {}, COUNTY);
  const { year } = overview;
  const c01 = overview.communities.find((r) => r.communityId === 'c01')!;
  const hub = await open(`${PAGES}/index/index`, COUNTY);
  await hub.waitFor(() => hub.has('#overview-c01 .cobuild__open--needs'));
  for (const list of ['needs', 'resources', 'projects', 'agreements']) {
    await hub.tap(`#overview-c01 .cobuild__open--${list}`);
    expect(hub.navigation).toContainEqual({
      api: 'navigateTo',
      options: expect.objectContaining({ url: `/packages/cobuild/pages/${list}/index?communityId=c01&year=${year}` }),
    });
  }
  // Its rota and joint meetings too (their own years).
  for (const page of ['rota', 'meetings']) {
    await hub.tap(`#overview-c01 .cobuild__open--${page}`);
    expect(hub.navigation).toContainEqual({
      api: 'navigateTo',
      options: expect.objectContaining({ url: `/packages/cobuild/pages/${page}/index?communityId=c01` }),
    });
  }
  // The year chosen on the overview goes with the row.
  await hub.tap(`.staff-segmented__item--${year - 1}`);
  await hub.waitForText(`${year - 1} 年各社区结对共建情况`);
  await hub.waitFor(() => hub.has('#overview-c01 .cobuild__open--projects'));
  await hub.tap('#overview-c01 .cobuild__open--projects');
  expect(hub.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({
      url: `/packages/cobuild/pages/projects/index?communityId=c01&year=${year - 1}`,
    }),
  });

  const query = { communityId: 'c01', year: String(year) };
  const noEdits = (page: { has(selector: string): boolean }) => {
    for (const action of [
      'add',
      'edit',
      'close',
      'withdraw',
      'sign',
      'revise',
      'plan',
      'start',
      'finish',
      'step-actions',
    ])
      expect(page.has(`.cobuild__${action}`)).toBe(false);
  };

  // 需求清单: c01's of the year (not another community's), under its name; nothing to change.
  const calls: CallEvent[] = [];
  const needs = await open(`${PAGES}/needs/index`, COUNTY, { calls, query });
  const openNeeds = await cb<NeedPage>('needs', { communityId: 'c01', year, status: 'open' }, COUNTY);
  const otherNeed = (await cb<NeedPage>('needs', { communityId: 'c02', year }, COUNTY)).items[0];
  await needs.waitFor(() => needs.has(`#need-${openNeeds.items[0].id}`));
  expect(calls.find((c) => c.action === 'needs')!.payload).toMatchObject({ communityId: 'c01', year });
  expect(needs.text()).toContain(c01.communityName);
  expect(needs.text()).toContain(`${year} 年需求清单`);
  await needs.tap('.staff-segmented__item--all');
  await needs.waitFor(() => needs.has(`#need-${need.id}`));
  expect(needs.has(`#need-${otherNeed.id}`)).toBe(false);
  noEdits(needs);
  // 匹配资源 is there to read, not to build a project from.
  await needs.tap(`#need-${openNeeds.items[0].id} .cobuild__matches-toggle`);
  await needs.waitForText('可匹配的资源');
  noEdits(needs);
  await needs.tap(`#need-${need.id} .cobuild__detail`);
  expect(needs.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/need/index?id=${need.id}` }),
  });
  const oneNeed = await open(`${PAGES}/need/index`, COUNTY, { query: { id: need.id } });
  await oneNeed.waitForText('独居老人上门理发');
  noEdits(oneNeed);
  // 查看全部需求 leads back to the list of the need's community and year, not to the picker.
  await oneNeed.tap('.cobuild__all');
  expect(oneNeed.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/needs/index?communityId=c01&year=${year}` }),
  });

  // 资源清单: the resources of c01's paired units, the demo unit's among them.
  const resources = await open(`${PAGES}/resources/index`, COUNTY, { query });
  await resources.waitFor(() => resources.has(`#resource-${resource.id}`));
  expect(resources.text()).toContain(c01.communityName);
  noEdits(resources);
  await resources.tap(`#resource-${resource.id} .cobuild__detail`);
  expect(resources.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/resource/index?id=${resource.id}` }),
  });
  const oneResource = await open(`${PAGES}/resource/index`, COUNTY, { query: { id: resource.id } });
  await oneResource.waitForText('理发志愿服务队');
  noEdits(oneResource);
  await oneResource.tap('.cobuild__all');
  expect(oneResource.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/resources/index?communityId=c01&year=${year}` }),
  });

  // 共建项目: c01's; one in progress opens with nothing to do on it (its secretary would record progress).
  const projects = await open(`${PAGES}/projects/index`, COUNTY, { query });
  const active = (await cb<ProjectPage>('projects', { communityId: 'c01', year, status: 'active' }, COUNTY)).items[0];
  const otherProject = (await cb<ProjectPage>('projects', { communityId: 'c02', year }, COUNTY)).items[0];
  await projects.waitFor(() => projects.has(`#project-${project.id}`) && projects.has(`#project-${active.id}`));
  expect(projects.text()).toContain(c01.communityName);
  expect(projects.has(`#project-${otherProject.id}`)).toBe(false);
  noEdits(projects);
  await projects.tap(`#project-${active.id}`);
  expect(projects.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/cobuild/pages/project/index?id=${active.id}` }),
  });
  expect((await cb<ProjectView>('project', { projectId: active.id }, SECRETARY)).can).toContain('update');
  const oneProject = await open(`${PAGES}/project/index`, COUNTY, { query: { id: active.id } });
  await oneProject.waitForText(active.title);
  noEdits(oneProject);
  expect(oneProject.has('.cobuild__drop')).toBe(false);

  // 共建协议: every version of c01's, none for the county to sign; an agreement opens in the community's year.
  const agreements = await cb<AgreementView[]>('agreements', { communityId: 'c01', year }, COUNTY);
  const signed = agreements.find((a) => a.status === 'signed')!;
  const list = await open(`${PAGES}/agreements/index`, COUNTY, { query });
  await list.waitFor(() => list.has(`#agreement-${signed.id}`));
  for (const a of agreements) expect(list.has(`#agreement-${a.id}`)).toBe(true);
  expect(list.text()).toContain(c01.communityName);
  expect(list.text()).not.toContain('待我方签署');
  noEdits(list);
  await list.tap(`#agreement-${signed.id}`);
  const url = `/packages/cobuild/pages/agreement/index?id=${signed.id}&communityId=c01&year=${year}`;
  expect(list.navigation).toContainEqual({ api: 'navigateTo', options: expect.objectContaining({ url }) });
  const one = await open(`${PAGES}/agreement/index`, COUNTY, {
    query: { id: signed.id, communityId: 'c01', year: String(year) },
  });
  await one.waitForText('结对共建协议');
  expect(one.text()).toContain(`${c01.communityName} × ${signed.unitName}`);
  noEdits(one);
});

test('a list opened by the county admin without a community asks for one first', async () => {
  const calls: CallEvent[] = [];
  const page = await open(`${PAGES}/projects/index`, COUNTY, { calls });
  await page.waitFor(() => page.has('.option-picker__trigger--cobuild-community') && !page.text().includes('加载中'));
  expect(page.text()).toContain('选择社区，查看其共建项目');
  expect(calls.some((c) => c.action === 'projects')).toBe(false);
  await page.tap('.option-picker__trigger--cobuild-community');
  await page.waitFor(() => page.has('.option-picker__option--c01'));
  await page.tap('.option-picker__option--c01');
  await page.waitFor(() => page.has(`#project-${project.id}`));
  expect(calls.find((c) => c.action === 'projects')!.payload).toMatchObject({ communityId: 'c01' });
  expect(page.has('.cobuild__add')).toBe(false);
});
