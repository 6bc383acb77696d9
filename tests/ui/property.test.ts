/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 红色物业 of the built weapp through the real cloud functions (local CloudBase): the liaison
 * (demo-property, 李红梅 of p01) lands on 工作台 with 物业诉求's count, opens a property case of
 * the company's estates, accepts it and replies — the resident reads the reply on the case page;
 * the liaison's 本公司服务评价 and 本企业信息; the resident rates the estate's property service
 * once this quarter on 网格联系卡 (the second time the page shows the rating, no button); a
 * resident of an estate without a company has nothing to rate; the county admin's 红色物业 shows
 * every company with the counts of cobuild.propertyStats, by kind and quarter. Needs
 * `npm run build:weapp` first.
 */
import type { CasePage, CaseView, PropertyCompanySummary, WorkbenchView } from '../../contract';
import { PARTY_ORG_KIND_LABELS } from '../../contract/cobuild';
import type { PropertyRatingStatus, PropertyStatsView } from '../../contract/functions/cobuild/property';
import { PRIVACY_VERSION } from '../../contract/privacy';
import { ROLE_LABELS } from '../../contract/roles';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';
import type { LoadedPage } from '../helpers/weapp-harness';

const HOME = 'pages/index/index';
const ROLES = 'packages/staff/pages/roles/index';
const QUEUE = 'packages/staff/pages/case-queue/index';
const CASE = 'packages/resident/pages/case-detail/index';
const GRID = 'packages/resident/pages/grid/index';
const COUNTY = 'packages/cobuild/pages/property/index';
const COMPANY = 'packages/cobuild/pages/property-company/index';
const LIAISON = 'demo-property';
const RESIDENT = 'demo-resident'; // c01-g01-m1, served by p01
const ADMIN = 'demo-county-admin';

const ui = useLocalCloud();
const complaint = <T = CaseView>(action: string, payload: unknown, openid: string) =>
  ui.invoke<T>('complaint', action, payload, openid);
const textOf = (page: LoadedPage, selector: string) => page.page.querySelector(selector)?.dom.textContent ?? '';

test('the liaison lands on 工作台 with 物业诉求 counted as the server counts; the staff home opens the queue and both company tools', async () => {
  await complaint(
    'submit',
    {
      category: '物业',
      description: '楼道的灯坏了好几天，晚上上下楼看不清',
      location: { kind: 'building', microGridId: 'c01-g01-m1' },
    },
    RESIDENT,
  );
  const view = await ui.invoke<WorkbenchView>('account', 'workbench', {}, LIAISON);
  const todo = view.roles.find((r) => r.role === 'propertyLiaison')!.todos.find((t) => t.key === 'caseQueue')!;
  const queue = await complaint<CasePage>('propertyQueue', { tab: 'todo' }, LIAISON);
  expect(todo.count).toBeGreaterThan(0);
  if (queue.next === null) expect(todo.count).toBe(queue.items.length);

  const home = await ui.open(HOME, LIAISON);
  await home.waitForText(`工作台 · ${ROLE_LABELS.propertyLiaison}`, 5000);
  await home.waitFor(() => home.has('.workbench__todo--caseQueue'), 5000);
  expect(textOf(home, '.workbench__todo--caseQueue')).toContain(String(todo.count));
  expect(textOf(home, '.workbench__todo--caseQueue')).toContain('待办诉求');
  await home.tap('.workbench__todo--caseQueue');
  await home.waitFor(() => home.navigation.some((n) => n.api === 'navigateTo'), 5000);
  expect(home.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: '/packages/staff/pages/case-queue/index?as=property',
  });

  const roles = await ui.open(ROLES, LIAISON);
  await roles.waitFor(() => roles.has('.staff-home__tool--property-company'), 5000);
  expect(textOf(roles, '.staff-home__tool--case-queue')).toContain('物业诉求');
  await roles.waitFor(() => textOf(roles, '.staff-home__tool--case-queue').includes(String(todo.count)), 5000);
  expect(textOf(roles, '.staff-home__tool--property-ratings')).toContain('本公司服务评价');
  await roles.tap('.staff-home__tool--property-company');
  await roles.waitFor(() => roles.navigation.some((n) => n.api === 'navigateTo'), 5000);
  expect(roles.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: '/packages/cobuild/pages/property-company/index?tab=company',
  });
});

test('物业诉求: the liaison opens a property case of an estate served, accepts and replies; the resident reads the reply', async () => {
  const c = await complaint(
    'submit',
    {
      category: '物业',
      description: '单元门的门禁坏了，外人随便进出',
      location: { kind: 'building', microGridId: 'c01-g01-m1' },
    },
    RESIDENT,
  );
  const queue = await ui.open(QUEUE, LIAISON, { query: { as: 'property' } });
  await queue.waitFor(() => queue.has(`#case-${c.id}`), 5000);
  expect(textOf(queue, `#case-${c.id}`)).toContain('门禁');

  const calls: CallEvent[] = [];
  const page = await ui.open(CASE, LIAISON, { query: { id: c.id }, calls });
  await page.waitFor(() => page.has('#case-action-accept'), 5000);
  await page.tap('#case-action-accept');
  await page.waitFor(() => page.has('.case-form--accept'));
  page.type('.case-form__text .nut-textarea-textarea', '已电话联系居民，今天派人查看');
  await page.tap('#case-form-ok');
  await page.waitFor(() => page.has('#case-action-reply'), 5000);
  expect(calls).toContainEqual({ action: 'accept', payload: { caseId: c.id, note: '已电话联系居民，今天派人查看' } });

  await page.tap('#case-action-reply');
  await page.waitFor(() => page.has('.case-form--reply'));
  page.type('.case-form__text .nut-textarea-textarea', '门禁明天上午修好，请放心');
  await page.tap('#case-form-ok');
  await page.waitFor(() => !page.has('.case-form--reply'), 5000);
  expect(calls).toContainEqual({ action: 'reply', payload: { caseId: c.id, note: '门禁明天上午修好，请放心' } });
  // The grid keeps the case: still accepted.
  const after = await complaint('detail', { caseId: c.id }, RESIDENT);
  expect(after.status).toBe('accepted');

  const resident = await ui.open(CASE, RESIDENT, { query: { id: c.id } });
  await resident.waitForText('门禁明天上午修好，请放心', 5000);
}, 20000);

test('本公司服务评价 and 本企业信息: the company’s ratings of the quarter and its party organisation, instructor and estates', async () => {
  const [company] = await ui.invoke<PropertyCompanySummary[]>('directory', 'propertyCompanies', {}, LIAISON);
  const stats = await ui.invoke<PropertyStatsView>('cobuild', 'propertyStats', {}, LIAISON);
  const mine = stats.companies[0];
  expect(mine.id).toBe(company.id);

  const page = await ui.open(COMPANY, LIAISON);
  await page.waitFor(() => page.has(`#company-${company.id}`), 5000);
  const card = textOf(page, `#company-${company.id}`);
  expect(card).toContain(company.name);
  const counts = page.page
    .querySelectorAll(`#company-${company.id} .cobuild-property__count-n`)
    .map((n) => Number(n.dom.textContent));
  expect(counts).toEqual([mine.counts.satisfied, mine.counts.basic, mine.counts.unsatisfied]);
  expect(page.text()).toContain(mine.total > 0 ? `共 ${mine.total} 人评价` : '本季度暂无居民评价');
  expect(page.text()).toContain(`${stats.quarter.year}年`);
  expect(page.text()).toContain('（本季度）');
  expect(page.has('.quarter-stepper__step--next')).toBe(false);

  // A quarter back, then forward again.
  await page.tap('.quarter-stepper__step--prev');
  await page.waitFor(() => page.has('.quarter-stepper__step--next'), 5000);
  await page.tap('.quarter-stepper__step--next');
  await page.waitForText('（本季度）', 5000);

  await page.tap('.staff-segmented__item--company');
  await page.waitFor(() => page.has('.cobuild-property__facts'), 5000);
  const facts = textOf(page, `#company-${company.id}`);
  expect(facts).toContain(PARTY_ORG_KIND_LABELS[company.partyOrgKind]);
  if (company.instructor) expect(facts).toContain(company.instructor.name);
  expect(facts).toContain(`服务小区 ${company.estates.length} 个`);
  for (const e of company.estates) expect(facts).toContain(e.name);
});

test('the resident rates this quarter once on 网格联系卡; the second time the page shows the rating and no button', async () => {
  const before = await ui.invoke<PropertyRatingStatus>('cobuild', 'propertyRatingStatus', {}, RESIDENT);
  expect(before.canRate).toBe(true);
  const calls: CallEvent[] = [];
  const page = await ui.open(GRID, RESIDENT, { calls });
  await page.waitForText('物业服务评价', 5000);
  await page.waitFor(() => page.has('.my-property__send'), 5000);
  expect(textOf(page, '.my-property')).toContain(before.company!.name);
  expect(textOf(page, '.my-property')).toContain(
    before.company!.partyOrgKind === 'none' ? '尚未组建党组织' : '红色物业',
  );

  // Nothing chosen: said on the spot, nothing sent.
  await page.tap('.my-property__send');
  await page.waitForText('请选择满意、基本满意或不满意');
  expect(calls.some((c) => c.action === 'rateProperty')).toBe(false);

  await page.tap('.staff-choice--property-rating-basic');
  page.type('.my-property__comment .nut-textarea-textarea', '保洁及时，电梯维修慢了点');
  await page.tap('.my-property__send');
  await page.waitFor(() => page.has('.my-property__chosen'), 5000);
  expect(calls).toContainEqual({
    action: 'rateProperty',
    payload: { rating: 'basic', comment: '保洁及时，电梯维修慢了点' },
  });
  expect(textOf(page, '.my-property__chosen')).toContain('基本满意');
  expect(page.has('.my-property__send')).toBe(false);

  const again = await ui.open(GRID, RESIDENT);
  await again.waitFor(() => again.has('.my-property__chosen'), 5000);
  const text = textOf(again, '.my-property');
  expect(text).toContain('基本满意');
  expect(text).toContain('保洁及时，电梯维修慢了点');
  expect(text).toMatch(/\d{4}年\d{1,2}月1日起可再次评价/);
  expect(again.has('.my-property__send')).toBe(false);
  const after = await ui.invoke<PropertyRatingStatus>('cobuild', 'propertyRatingStatus', {}, RESIDENT);
  expect(after.mine?.rating).toBe('basic');
});

test('a resident whose estate has no property company is told so, with nothing to tap', async () => {
  const openid = 'ui-property-no-company';
  await ui.invoke('account', 'me', {}, openid);
  await ui.invoke('account', 'acceptPrivacy', { version: PRIVACY_VERSION }, openid);
  await ui.invoke(
    'account',
    'updateProfile',
    {
      name: '王秀英',
      phone: '13907970123',
      address: { communityId: 'c01', residentGroupId: 'c01-r01', microGridId: 'c01-g04-m3' },
    },
    openid,
  );
  const status = await ui.invoke<PropertyRatingStatus>('cobuild', 'propertyRatingStatus', {}, openid);
  expect(status.company).toBeNull();
  const page = await ui.open(GRID, openid);
  await page.waitForText('暂无物业企业', 5000);
  expect(page.has('.my-property__send')).toBe(false);
  expect(page.has('.staff-choice')).toBe(false);
});

test('红色物业 (county admin): every company with its kind, instructor, estates, liaison and the counts propertyStats gives; by kind', async () => {
  const tools = await ui.open(ROLES, ADMIN);
  await tools.waitFor(() => tools.has('.staff-home__tool--property'), 5000);
  await tools.tap('.staff-home__tool--property');
  await tools.waitFor(() => tools.navigation.some((n) => n.api === 'navigateTo'), 5000);
  expect(tools.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: '/packages/cobuild/pages/property/index',
  });

  const stats = await ui.invoke<PropertyStatsView>('cobuild', 'propertyStats', {}, ADMIN);
  const companies = await ui.invoke<PropertyCompanySummary[]>('directory', 'propertyCompanies', {}, ADMIN);

  const page = await ui.open(COUNTY, ADMIN);
  await page.waitFor(() => stats.companies.every((c) => page.has(`#company-${c.id}`)), 5000);
  await page.waitFor(
    () => page.page.querySelectorAll('.cobuild-property__facts').length === stats.companies.length,
    5000,
  );
  for (const s of stats.companies) {
    const card = textOf(page, `#company-${s.id}`);
    const c = companies.find((x) => x.id === s.id)!;
    expect(card).toContain(s.name);
    expect(card).toContain(PARTY_ORG_KIND_LABELS[s.partyOrgKind]);
    const counts = page.page
      .querySelectorAll(`#company-${s.id} .cobuild-property__count-n`)
      .map((n) => Number(n.dom.textContent));
    expect(counts).toEqual([s.counts.satisfied, s.counts.basic, s.counts.unsatisfied]);
    if (s.satisfactionRate !== null) expect(card).toContain(`共 ${s.total} 人评价`);
    if (c.instructor) expect(card).toContain(c.instructor.name);
    expect(card).toContain(c.liaison.name);
    expect(card).toContain(`服务小区 ${c.estates.length} 个`);
  }

  // Only those with no party organisation.
  const none = stats.companies.filter((c) => c.partyOrgKind === 'none');
  await page.tap('.staff-segmented__item--none');
  await page.waitFor(
    () => page.page.querySelectorAll('.cobuild-property__card').length === none.length && none.length > 0,
    5000,
  );
  for (const c of none) expect(page.has(`#company-${c.id}`)).toBe(true);

  // Back to the latest quarter the seed rated (the seed's anchor may lie a few quarters back): its counts.
  const back = (q: { year: number; quarter: number }) =>
    q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: q.quarter - 1 };
  let prev = back({ year: stats.quarter.year, quarter: stats.quarter.index });
  let steps = 1;
  let before = await ui.invoke<PropertyStatsView>('cobuild', 'propertyStats', prev, ADMIN);
  while (!before.companies.some((c) => c.total > 0) && steps < 12) {
    prev = back(prev);
    steps++;
    before = await ui.invoke<PropertyStatsView>('cobuild', 'propertyStats', prev, ADMIN);
  }
  expect(before.companies.some((c) => c.total > 0)).toBe(true);
  await page.tap('.staff-segmented__item--all');
  await page.waitFor(
    () => page.page.querySelectorAll('.cobuild-property__card').length === stats.companies.length,
    5000,
  );
  for (let i = 0; i < steps; i++) {
    await page.tap('.quarter-stepper__step--prev');
    await page.waitFor(() => !page.text().includes('正在刷新'), 5000);
  }
  await page.waitForText(`${prev.year}年${['', '一', '二', '三', '四'][prev.quarter]}季度`, 5000);
  const shown = (id: string) =>
    page.page.querySelectorAll(`#company-${id} .cobuild-property__count-n`).map((n) => Number(n.dom.textContent));
  await page.waitFor(
    () =>
      before.companies.every(
        (s) =>
          JSON.stringify(shown(s.id)) === JSON.stringify([s.counts.satisfied, s.counts.basic, s.counts.unsatisfied]),
      ),
    5000,
  );
});
