/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The home page of the built weapp, driven through the real cloud functions (local CloudBase).
 * Needs `npm run build:weapp` first; builds nothing itself.
 */
import { PRIVACY_VERSION, type Envelope, type Me } from '../../contract';
import { ROLE_LABELS } from '../../contract/roles';
import { useLocalCloud } from '../helpers/weapp-cloud';

const ui = useLocalCloud();
const openHome = (openid: string) => ui.open('pages/index/index', openid);

test('a community secretary opening the app sees their name and roles on the home page', async () => {
  const me = await ui.invoke<Me>('account', 'me', {}, 'demo-secretary');
  expect(me.roles).toContainEqual(expect.objectContaining({ role: 'secretary', communityId: 'c01' }));

  const home = await openHome('demo-secretary');
  await home.waitForText(me.displayName);

  expect(home.text()).toContain('同心圆');
  for (const grant of me.roles) expect(home.text()).toContain(ROLE_LABELS[grant.role]);
  expect(home.text()).toContain(ROLE_LABELS.secretary);
  // Every registered user is also a resident, granted or not.
  expect(home.text()).toContain(ROLE_LABELS.resident);
  // The seeded secretary accepted the current privacy guide: not asked again.
  expect(home.visible('.nut-popup')).toBe(false);
});

test('the 红色驿站 and 网格联系卡 tiles open their pages', async () => {
  const home = await openHome('demo-secretary');
  await home.waitForText(ROLE_LABELS.secretary);

  await home.tap('.home__area--station');
  await home.tap('.home__area--gridCard');

  const opened = home.navigation.filter((n) => n.api === 'navigateTo').map((n) => (n.options as { url: string }).url);
  expect(opened).toEqual(['/packages/resident/pages/stations/index', '/packages/resident/pages/grid/index']);
});

test('六个一 shows to a verified member only, not to one whose report is still pending', async () => {
  const verified = await openHome('demo-member');
  await verified.waitForText(ROLE_LABELS.member);
  expect(verified.visible('.home__area--sixOnes')).toBe(true);

  const pending = await openHome('demo-member-pending');
  await pending.waitForText('您好');
  expect(pending.visible('.home__area--sixOnes')).toBe(false);
  expect(pending.text()).not.toContain(ROLE_LABELS.member);
});

test("a verified member's 六个一 tile tells the year's progress and opens 我的六个一, not the rules", async () => {
  const year = await ui.invoke<{ doneCount: number }>('sixOnes', 'myYear', {}, 'demo-member');
  const home = await openHome('demo-member');
  await home.waitForText(`今年已完成 ${year.doneCount}/6`);
  await home.tap('.home__area--sixOnes');
  const opened = home.navigation.filter((n) => n.api === 'navigateTo').map((n) => (n.options as { url: string }).url);
  expect(opened).toEqual(['/packages/member/pages/six-ones/index']);
});

test('a first-time visitor is asked to accept the privacy guide, and 同意 records it', async () => {
  const openid = 'ui-first-visit';
  const home = await openHome(openid);
  await home.waitForText('阅读完整的《用户隐私保护指引》');
  expect(home.visible('.nut-popup')).toBe(true);

  await home.tap('#txy-privacy-agree');
  await home.waitFor(() => !home.visible('.nut-popup'));

  expect((await ui.invoke<Me>('account', 'me', {}, openid)).privacyAcceptedVersion).toBe(PRIVACY_VERSION);
});

test('a caller without a WeChat identity sees why the app cannot load', async () => {
  const reply = (await ui.local.invoke('account', { action: 'me', payload: {} }, '')) as Envelope<Me>;
  if (reply.ok) throw new Error('account.me unexpectedly succeeded without an openid');
  expect(reply.error.code).toBe('UNAUTHENTICATED');

  const home = await openHome('');
  await home.waitForText(reply.error.message);

  expect(home.text()).toContain('重试');
  expect(home.text()).not.toContain(ROLE_LABELS.secretary);
});

test('a first-time user, without a name yet, is greeted plainly (never by a tail of the openid)', async () => {
  const openid = `ui-new-${Date.now().toString(36)}`;
  const me = await ui.invoke<Me>('account', 'me', {}, openid);
  expect(me.name).toBeNull();
  const home = await openHome(openid);
  await home.waitForText('您好', 5000);
  expect(home.text()).not.toContain(me.displayName);
  expect(home.text()).not.toContain(openid.slice(-4));
});
