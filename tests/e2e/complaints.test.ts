/**
 * 民情诉求 · 吹哨报到 end to end in the h5 build against the real server (emulator/main.ts, demo
 * seed), four demo users in their own browsers: the resident 张秀兰 reports a problem with a
 * photo at her registered address → the grid worker accepts it and escalates it to the
 * community → the secretary blows the whistle to a department → the department reports in and
 * resolves it with evidence → the secretary rates the department → the resident rates 满意 →
 * the community's metrics count the case (submitted, responded on time, resolved, rated,
 * satisfied, whistled). Screenshots of every step in test-artifacts/e2e/cases-*.png.
 */
import type { Page } from 'playwright-core';
import type { CaseView, MetricsView, Rates } from '../../contract';
import { answerSubscribe, screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';

jest.setTimeout(300_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const app = useApp();
const { api } = app;

const signIn = (openid: string): Promise<Page> => app.signIn(openid);

const { open } = app;

/** Opens a case: the complainant sees its plain 办理进度, handlers its full timeline. */
async function openCase(page: Page, caseId: string): Promise<void> {
  await open(page, `packages/resident/pages/case-detail/index?id=${caseId}`);
  // The complainant reads 办理进度; staff read the full timeline.
  await shown(page, '.case-detail__section--progress, .case-detail__section--timeline').waitFor();
}

/** Taps an action of the case page, fills its note, and confirms; waits for the page to show `after`. */
async function act(page: Page, action: string, note: string | null, fill?: () => Promise<void>): Promise<void> {
  await tapShown(page, `#case-action-${action}`);
  await shown(page, `.case-form--${action}`).waitFor();
  if (fill) await fill();
  if (note !== null) await shown(page, `.case-form--${action} textarea`).fill(note);
  await tapShown(page, '#case-form-ok');
  await shown(page, `.case-form--${action}`).waitFor({ state: 'detached' });
}

/** The element on screen with `text` in it. */
const shownWith = (page: Page, selector: string, text: string) =>
  page.locator(selector, { hasText: text }).filter({ visible: true }).first();

async function addPhoto(page: Page, fileName: string): Promise<void> {
  const before = await page.locator('.wish-photos__item--done').filter({ visible: true }).count();
  await shown(page, '.wish-photos__file').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: PNG });
  await page.locator('.wish-photos__item--done').filter({ visible: true }).nth(before).waitFor();
}

/** c01's metrics: a community's view holds the counts of its measures, all those read below. */
const community = () =>
  api<MetricsView & { rates: Required<Rates> }>(
    'complaint',
    'metrics',
    { scope: 'community', scopeId: 'c01' },
    'demo-secretary',
  );

test('a complaint goes from the resident through grid, community and a department and back to her rating', async () => {
  const description = '小区门口的垃圾堆了三天没人清运，天热气味很大，请尽快处理';
  const before = (await community()).rates;

  // 1. 张秀兰 reports it on the 诉求 tab with a photo, at her registered address.
  const resident = await signIn('demo-resident');
  await resident.locator('.weui-tabbar__item', { hasText: '诉求' }).tap();
  await tapShown(resident, '.cases__report');
  await tapShown(resident, '.wish-chips__chip--c0'); // 环境卫生
  await shown(resident, '.case-submit__description textarea').fill(description);
  await addPhoto(resident, 'rubbish.png');
  await shown(resident, '.case-submit__place').waitFor();
  await screenshot(resident, 'cases-01-report-filled');
  await tapShown(resident, '.case-submit__submit');
  await answerSubscribe(resident);
  await shown(resident, '.case-submit__done').waitFor();
  await screenshot(resident, 'cases-02-reported');
  const [mine] = await api<CaseView[]>('complaint', 'mine', {}, 'demo-resident');
  expect(mine).toMatchObject({ description, status: 'assigned', level: 'grid', grid: { id: 'c01-g01' } });
  expect(mine.photos).toHaveLength(1);
  const caseId = mine.id;

  // 2. The grid worker finds it in 网格诉求, accepts it, and escalates it to the community.
  const worker = await signIn('demo-grid-worker');
  await open(worker, 'packages/staff/pages/case-queue/index?as=grid');
  await shownWith(worker, '.case-card', description.slice(0, 10)).waitFor();
  await screenshot(worker, 'cases-03-grid-queue');
  await shownWith(worker, '.case-card', description.slice(0, 10)).tap();
  await shown(worker, '.case-detail__section--timeline').waitFor();
  await act(worker, 'accept', '已电话联系居民，马上到现场查看');
  await shown(worker, '#case-action-escalate').waitFor();
  await act(worker, 'escalate', '垃圾清运涉及环卫部门，网格解决不了');
  await shownWith(worker, '.case-detail', '社区办理中').waitFor();
  await screenshot(worker, 'cases-04-escalated');

  // 3. The secretary blows the whistle to the first department (城管) with a reason.
  const secretary = await signIn('demo-secretary');
  await open(secretary, 'packages/staff/pages/case-queue/index?as=community');
  await shownWith(secretary, '.case-card', description.slice(0, 10)).tap();
  await shown(secretary, '.case-detail__section--timeline').waitFor();
  await act(secretary, 'whistle', '请环卫部门今天清运', async () => {
    await tapShown(secretary, '.staff-choice--lead-d01');
    await tapShown(secretary, '.staff-choice--reason-0'); // 群众反映突出而社区解决不了
  });
  await shown(secretary, '.case-detail__section--whistle').waitFor();
  await screenshot(secretary, 'cases-05-whistled');
  expect((await api<CaseView>('complaint', 'detail', { caseId }, 'demo-secretary')).status).toBe('whistled');

  // 4. The department sees it in its inbox, reports in, and resolves it with evidence.
  const department = await signIn('demo-department');
  await open(department, 'packages/staff/pages/case-inbox/index');
  await shownWith(department, '.case-task', description.slice(0, 10)).waitFor();
  await screenshot(department, 'cases-06-inbox');
  await shownWith(department, '.case-task', description.slice(0, 10)).tap();
  await shown(department, '.case-detail__section--timeline').waitFor();
  await act(department, 'reportIn', '已安排环卫车辆下午清运');
  await shown(department, '#case-action-deptResolve').waitFor();
  await act(department, 'deptResolve', '垃圾已全部清运，并增设了一个垃圾桶', () => addPhoto(department, 'clean.png'));
  await shownWith(department, '.case-detail', '已办结待评价').waitFor();
  await screenshot(department, 'cases-07-resolved');

  // 5. The secretary checks the result and rates the department 好.
  await openCase(secretary, caseId);
  await act(secretary, 'rateDepartment', '响应及时，处理彻底', async () => {
    await tapShown(secretary, '.staff-choice--grade-0'); // 好
  });
  await screenshot(secretary, 'cases-08-department-rated');

  // 6. 张秀兰 rates the result 满意; the case is closed.
  await openCase(resident, caseId);
  await act(resident, 'rate', '处理得很快，谢谢', async () => {
    await tapShown(resident, '.staff-choice--grade-0'); // 满意
  });
  await shownWith(resident, '.case-detail', '已完结').waitFor();
  await screenshot(resident, 'cases-09-rated');
  expect(await api<CaseView>('complaint', 'detail', { caseId }, 'demo-resident')).toMatchObject({
    status: 'closed',
    rating: { grade: '满意' },
    timeline: null,
    whistle: null,
  });
  const done = await api<CaseView>('complaint', 'detail', { caseId }, 'demo-secretary');
  expect(done).toMatchObject({ status: 'closed', rating: { grade: '满意' }, whistle: { rating: '好' } });
  expect(done.timeline!.map((s) => s.action)).toEqual(
    expect.arrayContaining([
      'submit',
      'assign',
      'accept',
      'escalate',
      'whistle',
      'reportIn',
      'deptResolve',
      'rateDepartment',
      'rate',
    ]),
  );

  // 7. The community's metrics count it.
  const after = (await community()).rates;
  expect(after.submitted - before.submitted).toBe(1);
  expect(after.respondedOnTime - before.respondedOnTime).toBe(1);
  expect(after.resolved - before.resolved).toBe(1);
  expect(after.rated - before.rated).toBe(1);
  expect(after.satisfied - before.satisfied).toBe(1);
  expect(after.whistled - before.whistled).toBe(1);
  // At least this case: the running scheduler may also escalate a seeded case past its deadline meanwhile.
  expect(after.communityLevel - before.communityLevel).toBeGreaterThanOrEqual(1);
  await open(secretary, 'packages/staff/pages/case-metrics/index?scope=community&scopeId=c01');
  await shownWith(secretary, '.case-metrics', '办结率').waitFor();
  await screenshot(secretary, 'cases-10-metrics');
});
