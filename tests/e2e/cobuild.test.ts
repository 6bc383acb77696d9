/**
 * 结对共建 end to end in the h5 build against the real server (emulator/main.ts, demo seed), three
 * demo users in their own browsers (issue 13's loop): the secretary 谢春梅 (潋江社区 c01) publishes a
 * need and calls a joint meeting → the admin 肖国平 of the unit paired with c01 offers a resource of
 * the need's category and submits a topic for the meeting → the secretary makes a project of the
 * need and that resource (匹配资源 → 建立项目), the unit admin starts it, and both sign the pair's
 * agreement of the year covering it (drafted, or the seed's draft changed, or a new version of
 * the seed's signed one) → the meeting's time comes (the emulator's clock moved), the secretary
 * records it with a decision owned by the unit → the unit admin reports it done → the resident
 * 张秀兰 (c01) finds the project in progress on 共建项目. Screenshots in test-artifacts/e2e/cobuild-*.png.
 */
import type { Page } from 'playwright-core';
import type {
  AgreementView,
  DecisionPage,
  Me,
  MeetingPage,
  MeetingView,
  NeedPage,
  ProjectView,
  PublicProjectPage,
  ResourcePage,
} from '../../contract';
import { COBUILD_CATEGORIES } from '../../contract/cobuild';
import { screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';

jest.setTimeout(300_000);

const app = useApp();
const { api, open } = app;

const SECRETARY = 'demo-secretary';
const UNIT_ADMIN = 'demo-unit-admin';
const RESIDENT = 'demo-resident';

const cb = <T>(action: string, payload: unknown, openid: string) => api<T>('cobuild', action, payload, openid);
const mt = <T>(action: string, payload: unknown, openid: string) => api<T>('meeting', action, payload, openid);

const shownWith = (page: Page, selector: string, text: string) =>
  page.locator(selector, { hasText: text }).filter({ visible: true }).first();

/** Types into the shown nutui Input or TextArea wrapped by `selector`. */
const fill = (page: Page, selector: string, value: string) =>
  shown(page, `${selector} input, ${selector} textarea`).fill(value);

/**
 * The phones keep the server's time: a retry on the same server finds the emulator's clock moved
 * by the first try (the meeting's day), and the forms' defaults (a meeting a week ahead) follow the
 * phone's clock, as a real phone's follows the real day.
 */
const clockScript = (offsetMs: number) =>
  offsetMs === 0
    ? undefined
    : `(() => {
  const Real = Date, off = ${offsetMs};
  function Shifted(...a) {
    if (!new.target) return Real();
    return a.length ? new Real(...a) : new Real(Real.now() + off);
  }
  Shifted.prototype = Real.prototype;
  Shifted.now = () => Real.now() + off;
  Shifted.parse = Real.parse;
  Shifted.UTC = Real.UTC;
  window.Date = Shifted;
})();`;

async function serverClock(): Promise<{ now: string; offsetMs: number }> {
  const res = await fetch(`${app.server.url}/dev/clock`);
  return (await res.json()) as { now: string; offsetMs: number };
}

/** From the home page: 我的 → 我的工作职责 → 结对共建, then the hub's tile `tile`. */
async function hubTile(page: Page, tile: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).tap();
  await tapShown(page, '.mine__staff');
  await tapShown(page, '.staff-home__tool--cobuild');
  await tapShown(page, `.cobuild__tile--${tile}`);
}

/** Taps `save`; then either `done` comes, or what the page says in red is the test's failure. */
async function saveOrSay(page: Page, save: string, done: () => Promise<unknown>, what: string): Promise<void> {
  await tapShown(page, save);
  const refused = shown(page, '.error-notice__message, .field__error, .cobuild__invalid, .cobuild-meeting__error')
    .waitFor({ timeout: 30_000 })
    .then(() =>
      shown(page, '.error-notice__message, .field__error, .cobuild__invalid, .cobuild-meeting__error').innerText(),
    )
    .catch(() => new Promise<never>(() => undefined)); // no message: the other outcome decides
  const outcome = await Promise.race([done().then(() => null), refused]);
  if (outcome !== null) {
    await screenshot(page, `cobuild-refused-${what}`);
    throw new Error(`${what} was refused: ${outcome}`);
  }
}

/** Waits until `read` returns something (a server read after a tap), for at most 30 s. */
async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    const found = await read();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what}: not on the server within 30 s`);
}

/** The agreement page's id. */
const agreementIdOf = (page: Page) => new URL(page.url().replace('/#/', '/')).searchParams.get('id')!;

test('a need and a resource become a started project under a signed agreement; the meeting decision is done; a resident sees the project', async () => {
  const tag = String(Date.now() % 100_000);
  const category = '助老助残';
  const chip = `.staff-choice--category-${COBUILD_CATEGORIES.indexOf(category)}`;
  const needTitle = `独居老人助浴 ${tag}`;
  const resourceTitle = `助浴志愿服务队 ${tag}`;
  const projectTitle = `银龄助浴共建 ${tag}`;
  const subject = `共建联席会议 ${tag}`;
  const topicTitle = `助浴服务排班 ${tag}`;
  const decisionTitle = `月底前排定助浴志愿者 ${tag}`;

  const me = await api<Me>('account', 'me', {}, UNIT_ADMIN);
  const grant = me.roles.find((g) => g.role === 'unitAdmin');
  if (!grant || grant.role !== 'unitAdmin') throw new Error('demo-unit-admin holds no unitAdmin grant');
  const unitId = grant.unitId;

  const { offsetMs } = await serverClock();
  const signIn = (openid: string) => app.signIn(openid, {}, clockScript(offsetMs));
  const secretary = await signIn(SECRETARY);
  const unitAdmin = await signIn(UNIT_ADMIN);

  // 1a. The secretary publishes a need: 需求清单 → 新增需求.
  await hubTile(secretary, 'needs');
  await tapShown(secretary, '.cobuild__add');
  await tapShown(secretary, chip);
  await fill(secretary, '.cobuild-form__title', needTitle);
  await fill(secretary, '.cobuild-form__description', '每两周一次，为行动不便的独居老人上门助浴');
  await fill(secretary, '.cobuild-form__quantity', '8');
  await fill(secretary, '.cobuild-form__unit', '户');
  await fill(secretary, '.cobuild-form__contact-name', '谢春梅');
  await fill(secretary, '.cobuild-form__contact-phone', '13800000001');
  await screenshot(secretary, 'cobuild-01-need-filled');
  const openNeeds = async () =>
    (await cb<NeedPage>('needs', { status: 'open' }, SECRETARY)).items.find((n) => n.title === needTitle);
  await saveOrSay(secretary, '.cobuild-form__save', () => eventually(openNeeds, 'the need'), 'the need');
  const need = (await openNeeds())!;
  expect(need).toMatchObject({ status: 'open', category, quantity: 8, communityId: 'c01' });
  // Back on 需求清单, the need is listed.
  await shownWith(secretary, `#need-${need.id}`, needTitle).waitFor();
  await screenshot(secretary, 'cobuild-02-need-listed');

  // 1b. The secretary calls a joint meeting: 联席会议 → 召集会议 (a week ahead, the form's default).
  await open(secretary, 'packages/cobuild/pages/index/index');
  await tapShown(secretary, '.cobuild__tile--meetings');
  await tapShown(secretary, '.cobuild-meetings__call');
  await fill(secretary, '.cobuild-call__input--place', '潋江社区党群服务中心三楼会议室');
  await fill(secretary, '.cobuild-call__input--subject', subject);
  const called = async () =>
    (await mt<MeetingPage>('meetings', {}, SECRETARY)).items.find((m) => m.subject === subject);
  await saveOrSay(secretary, '.cobuild-call__submit', () => eventually(called, 'the meeting'), 'calling the meeting');
  const meeting = (await called())!;
  expect(meeting.status).toBe('called');
  await secretary.waitForURL(/cobuild\/pages\/meeting\/index/);
  await shownWith(secretary, '.cobuild-meeting', subject).waitFor();
  await shown(secretary, '.cobuild-meeting__window--open').waitFor();
  await screenshot(secretary, 'cobuild-03-meeting-called');

  // 2a. The unit admin offers a resource of the need's category: 本单位资源清单 → 新增资源.
  await hubTile(unitAdmin, 'resources');
  await tapShown(unitAdmin, '.cobuild__add');
  await shown(unitAdmin, '.staff-choice--liaison-demo-member').waitFor();
  await tapShown(unitAdmin, chip);
  await fill(unitAdmin, '.cobuild-form__title', resourceTitle);
  await fill(unitAdmin, '.cobuild-form__description', '单位工会组织的志愿者，经过护理培训');
  await fill(unitAdmin, '.cobuild-form__amount', '8');
  await fill(unitAdmin, '.cobuild-form__unit', '户');
  await fill(unitAdmin, '.cobuild-form__frequency', '每两周一次');
  await fill(unitAdmin, '.cobuild-form__availability', '周六上午');
  await tapShown(unitAdmin, '.staff-choice--liaison-demo-member');
  await screenshot(unitAdmin, 'cobuild-04-resource-filled');
  const offered = async () =>
    (await cb<ResourcePage>('resources', {}, UNIT_ADMIN)).items.find((r) => r.title === resourceTitle);
  await saveOrSay(unitAdmin, '.cobuild-form__save', () => eventually(offered, 'the resource'), 'the resource');
  const resource = (await offered())!;
  expect(resource).toMatchObject({ status: 'offered', category, unitId });
  await shownWith(unitAdmin, `#resource-${resource.id}`, resourceTitle).waitFor();

  // 2b. …and submits a topic for the meeting (联席会议 → the meeting, topics open).
  await open(unitAdmin, 'packages/cobuild/pages/index/index');
  await tapShown(unitAdmin, '.cobuild__tile--meetings');
  await tapShown(unitAdmin, `#meeting-${meeting.id}`);
  await fill(unitAdmin, '.cobuild-meeting__topic-input', topicTitle);
  await fill(unitAdmin, '.cobuild-meeting__topic-description', '志愿者按户排班，社区提供老人名单');
  await tapShown(unitAdmin, '.cobuild-meeting__topic-submit');
  await shownWith(unitAdmin, '.cobuild-meeting', `已提交议题：${topicTitle}`).waitFor();
  await screenshot(unitAdmin, 'cobuild-05-topic-submitted');
  const withTopic = await mt<MeetingView>('meeting', { meetingId: meeting.id }, SECRETARY);
  expect(withTopic.topics.find((t) => t.title === topicTitle)).toMatchObject({ from: { kind: 'unit', id: unitId } });

  // 3a. The secretary sees the resource among the need's matches and makes a project of the two.
  await open(secretary, 'packages/cobuild/pages/index/index');
  await tapShown(secretary, '.cobuild__tile--needs');
  await tapShown(secretary, `#need-${need.id} .cobuild__matches-toggle`);
  await shownWith(secretary, `#match-${resource.id}`, resourceTitle).waitFor();
  await screenshot(secretary, 'cobuild-06-need-matches');
  await tapShown(secretary, `#match-${resource.id} .cobuild__plan`);
  await shown(secretary, `#pick-need-${need.id}.cobuild__check--on`).waitFor();
  await shown(secretary, `#pick-resource-${resource.id}.cobuild__check--on`).waitFor();
  await fill(secretary, '.cobuild-form__title', projectTitle);
  await fill(secretary, '.cobuild-form__goal', '全年为 8 户独居老人每两周上门助浴一次');
  await fill(secretary, '.cobuild-form__milestone-title', '完成第一轮上门助浴');
  await fill(secretary, '.cobuild-form__lead-unit', '肖国平');
  await saveOrSay(
    secretary,
    '.cobuild-form__save',
    () => secretary.waitForURL(/cobuild\/pages\/project\/index\?id=/, { timeout: 30_000 }),
    'the project',
  );
  await shownWith(secretary, '.cobuild__summary', '计划中').waitFor();
  const projectId = new URL(secretary.url().replace('/#/', '/')).searchParams.get('id')!;
  const planned = await cb<ProjectView>('project', { projectId }, SECRETARY);
  expect(planned).toMatchObject({ title: projectTitle, status: 'planned' });
  expect(planned.needs.map((n) => n.id)).toEqual([need.id]);
  expect(planned.resources.map((r) => r.id)).toEqual([resource.id]);
  await screenshot(secretary, 'cobuild-07-project-planned');

  // 3b. The unit admin starts it from 共建项目.
  await open(unitAdmin, 'packages/cobuild/pages/index/index');
  await tapShown(unitAdmin, '.cobuild__tile--projects');
  await tapShown(unitAdmin, `#project-${projectId}`);
  await tapShown(unitAdmin, '.cobuild__start');
  await tapShown(unitAdmin, '#staff-confirm-ok');
  await shownWith(unitAdmin, '.cobuild', '项目已启动').waitFor();
  await shownWith(unitAdmin, '.cobuild__summary', '进行中').waitFor();
  await screenshot(unitAdmin, 'cobuild-08-project-started');
  const started = await cb<ProjectView>('project', { projectId }, SECRETARY);
  expect(started.status).toBe('active');
  expect(started.needs[0].status).toBe('matched');
  expect(started.resources[0].status).toBe('committed');

  // 3c. The pair's agreement of the year, covering the project: 共建协议 → 起草协议 → the unit. The
  // seed may hold the pair's agreement already: then the form says so and opens it, where the
  // page offers 修改草稿 (nobody signed), 起草新版本 (signed), or only 签署 (one side signed).
  await open(secretary, 'packages/cobuild/pages/index/index');
  await tapShown(secretary, '.cobuild__tile--agreements');
  await tapShown(secretary, '.cobuild__add');
  await tapShown(secretary, `.staff-choice--unit-${unitId}`);
  await shown(secretary, `.cobuild-form__existing, #pick-project-${projectId}`).waitFor();
  if (await shown(secretary, '.cobuild-form__existing').isVisible()) {
    await screenshot(secretary, 'cobuild-09-agreement-exists');
    await tapShown(secretary, '.cobuild-form__open-existing');
    await secretary.waitForURL(/cobuild\/pages\/agreement\/index\?id=/);
    const existingId = agreementIdOf(secretary);
    await shown(secretary, '.cobuild__signatures').waitFor();
    await screenshot(secretary, 'cobuild-09b-agreement-existing');
    const offered = async (selector: string) => shown(secretary, selector).isVisible();
    if (!(await offered('.cobuild__edit')) && !(await offered('.cobuild__revise'))) {
      // A draft one side has signed cannot change: each side that has not signed signs it, then 新版本.
      if (await offered('.cobuild__sign')) {
        await tapShown(secretary, '.cobuild__sign');
        await tapShown(secretary, '#staff-confirm-ok');
        await shown(secretary, '.cobuild__sign').waitFor({ state: 'detached' });
      }
      const pending = (await cb<AgreementView[]>('agreements', {}, UNIT_ADMIN)).find((a) => a.id === existingId)!;
      if (pending.can.includes('sign')) {
        await open(unitAdmin, 'packages/cobuild/pages/index/index');
        await tapShown(unitAdmin, '.cobuild__tile--agreements');
        await tapShown(unitAdmin, `#agreement-${existingId}`);
        await tapShown(unitAdmin, '.cobuild__sign');
        await tapShown(unitAdmin, '#staff-confirm-ok');
        await shownWith(unitAdmin, '.cobuild', '双方均已签署').waitFor();
      }
      await open(secretary, `packages/cobuild/pages/agreement/index?id=${existingId}`);
    }
    await tapShown(secretary, '.cobuild__edit, .cobuild__revise');
  }
  const project = shown(secretary, `#pick-project-${projectId}`);
  await project.waitFor();
  if (!(await project.evaluate((el) => el.classList.contains('cobuild__check--on'))))
    await tapShown(secretary, `#pick-project-${projectId}`);
  await shown(secretary, `#pick-project-${projectId}.cobuild__check--on`).waitFor();
  await fill(secretary, '.cobuild-form__duties-community', '摸清独居老人需求，提供老人名单和联系人');
  await fill(secretary, '.cobuild-form__duties-unit', '每两周派志愿者上门助浴，做好安全防护');
  await screenshot(secretary, 'cobuild-10-agreement-filled');
  await saveOrSay(
    secretary,
    '.cobuild-form__save',
    () => secretary.waitForURL(/cobuild\/pages\/agreement\/index\?id=/, { timeout: 30_000 }),
    'the agreement',
  );
  const agreementId = agreementIdOf(secretary);
  const drafted = (await cb<AgreementView[]>('agreements', {}, SECRETARY)).find((a) => a.id === agreementId)!;
  expect(drafted).toMatchObject({ unitId, status: 'draft', signatures: { community: null, unit: null } });
  expect(drafted.projects.map((p) => p.id)).toContain(projectId);

  // Each side taps 签署: the secretary first, then the unit admin from 共建协议 (待我方签署).
  await shownWith(secretary, '.cobuild', projectTitle).waitFor();
  await tapShown(secretary, '.cobuild__sign');
  await tapShown(secretary, '#staff-confirm-ok');
  await shownWith(secretary, '.cobuild', '已签署，等待对方签署').waitFor();
  await screenshot(secretary, 'cobuild-11-agreement-community-signed');

  await open(unitAdmin, 'packages/cobuild/pages/index/index');
  await tapShown(unitAdmin, '.cobuild__tile--agreements');
  await shownWith(unitAdmin, `#agreement-${agreementId}`, '待我方签署').waitFor();
  await tapShown(unitAdmin, `#agreement-${agreementId}`);
  await shownWith(unitAdmin, '.cobuild__sign--community', '谢春梅').waitFor();
  await tapShown(unitAdmin, '.cobuild__sign');
  await tapShown(unitAdmin, '#staff-confirm-ok');
  await shownWith(unitAdmin, '.cobuild', '双方均已签署').waitFor();
  await shownWith(unitAdmin, '.cobuild__sign--unit', '肖国平').waitFor();
  await screenshot(unitAdmin, 'cobuild-12-agreement-signed');
  const signed = (await cb<AgreementView[]>('agreements', {}, UNIT_ADMIN)).find((a) => a.id === agreementId)!;
  expect(signed.status).toBe('signed');
  expect(signed.signatures.community?.openid).toBe(SECRETARY);
  expect(signed.signatures.unit?.openid).toBe(UNIT_ADMIN);
  expect(signed.projects.map((p) => p.id)).toContain(projectId);
  if (drafted.supersedes) {
    const previous = (await cb<AgreementView[]>('agreements', {}, SECRETARY)).find((a) => a.id === drafted.supersedes);
    expect(previous?.status).toBe('superseded');
  }

  // 4. The meeting's day comes (the emulator's clock moved to five minutes after its start); the
  // secretary records it: the unit present, minutes, a decision the unit owns.
  const res = await fetch(`${app.server.url}/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      advanceMs: Math.max(0, Date.parse(meeting.startAt) + 5 * 60_000 - Date.parse((await serverClock()).now)),
    }),
  });
  expect(res.ok).toBe(true);
  await open(secretary, 'packages/cobuild/pages/index/index');
  await tapShown(secretary, '.cobuild__tile--meetings');
  await tapShown(secretary, `#meeting-${meeting.id}`);
  await tapShown(secretary, '.cobuild-meeting__record');
  await tapShown(secretary, `.staff-choice--present-${unitId}`);
  await fill(
    secretary,
    '.cobuild-meeting__minutes-input',
    `会议通报了共建项目「${projectTitle}」的启动情况，讨论了助浴服务排班议题。`,
  );
  await tapShown(secretary, '.cobuild-meeting__add-decision');
  await fill(secretary, '.cobuild-decision-form__title', decisionTitle);
  await tapShown(secretary, `.staff-choice--owner-1-${unitId}`);
  await screenshot(secretary, 'cobuild-13-meeting-record-filled');
  await saveOrSay(
    secretary,
    '.cobuild-meeting__record-save',
    () => shownWith(secretary, '.cobuild-meeting', '会议已记录，1 项议定事项已通知责任单位').waitFor(),
    'recording the meeting',
  );
  await shownWith(secretary, '.cobuild-meeting', decisionTitle).waitFor();
  await screenshot(secretary, 'cobuild-14-meeting-held');
  const held = await mt<MeetingView>('meeting', { meetingId: meeting.id }, SECRETARY);
  expect(held.status).toBe('held');
  expect(held.present?.map((u) => u.id)).toEqual([unitId]);
  expect(held.decisions).toEqual([
    expect.objectContaining({
      title: decisionTitle,
      owner: expect.objectContaining({ kind: 'unit', id: unitId }),
      status: 'open',
    }),
  ]);
  const decisionId = held.decisions[0].id;

  // 5. The unit admin reports the decision done: 议定事项 → 报告进展或完成 → 已完成.
  await open(unitAdmin, 'packages/cobuild/pages/index/index');
  await tapShown(unitAdmin, '.cobuild__tile--decisions');
  await tapShown(unitAdmin, `#decision-${decisionId} .cobuild-decisions__report`);
  await tapShown(unitAdmin, '.staff-choice--outcome-done');
  await fill(unitAdmin, '.cobuild-decisions__note', '8 户老人的助浴志愿者已排定');
  await tapShown(unitAdmin, '.cobuild-decisions__send');
  await shownWith(unitAdmin, '.cobuild-decisions__notice', `「${decisionTitle}」已标记完成`).waitFor();
  await shown(unitAdmin, `#decision-${decisionId}`).waitFor({ state: 'detached' });
  await tapShown(unitAdmin, '.staff-segmented__item--done');
  await shownWith(unitAdmin, `#decision-${decisionId}`, '已完成').waitFor();
  await screenshot(unitAdmin, 'cobuild-15-decision-done');
  const done = await mt<DecisionPage>('decisions', { status: 'done' }, UNIT_ADMIN);
  expect(done.items.find((d) => d.id === decisionId)).toMatchObject({ status: 'done' });

  // 6. 张秀兰 finds the project in progress: home → 共建项目 → the project.
  const resident = await signIn(RESIDENT);
  await tapShown(resident, '.home__area--cobuild');
  // The page opens on 进行中 (tapped again here: the tab stays).
  await tapShown(resident, '.staff-segmented__item--ongoing');
  const card = shownWith(resident, `#public-project-${projectId}`, projectTitle);
  await card.waitFor();
  await shownWith(resident, `#public-project-${projectId}`, '进行中').waitFor();
  expect(await card.innerText()).toContain(resource.unitName);
  await screenshot(resident, 'cobuild-16-resident-projects');
  await card.tap();
  await shownWith(resident, '.cobuild', '全年为 8 户独居老人每两周上门助浴一次').waitFor();
  await screenshot(resident, 'cobuild-17-resident-project');
  const visible = await cb<PublicProjectPage>('publicProjects', { status: 'active' }, RESIDENT);
  expect(visible.items.find((p) => p.id === projectId)).toMatchObject({
    status: 'active',
    units: [{ name: resource.unitName }],
  });
});
