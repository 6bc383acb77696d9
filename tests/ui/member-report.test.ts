/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 党员双报到 in the built weapp, through the real cloud functions: a member who has reported sees
 * their status and history whatever their profile lacks; a first report asks for the profile
 * first. Needs `npm run build:weapp` first.
 */
import { PRIVACY_VERSION, type Me } from '../../contract';
import { useLocalCloud } from '../helpers/weapp-cloud';

const REPORT = 'packages/member/pages/report/index';
const { open, invoke } = useLocalCloud();

test('a verified member without an address sees 已报到 and the report history, not 请先完善个人信息', async () => {
  const me = await invoke<Me>('account', 'me', {}, 'demo-member');
  expect(me.address).toBeNull(); // the seed's member has no registered address
  const page = await open(REPORT, 'demo-member');
  await page.waitForText('报到记录', 5000);
  await page.waitFor(() => page.has('.report-history__item') || page.text().includes('已通过'), 5000);
  expect(page.text()).toContain('已报到');
  expect(page.text()).not.toContain('请先完善个人信息');
  // A move to another community does need the profile: asked for in place of the button.
  expect(page.has('.report__move-button')).toBe(false);
  expect(page.text()).toContain('去填写');
});

test('someone who never reported, without a profile, is asked for it first', async () => {
  const openid = `ui-report-${Date.now().toString(36)}`;
  await invoke<Me>('account', 'me', {}, openid);
  await invoke('account', 'acceptPrivacy', { version: PRIVACY_VERSION }, openid);
  const page = await open(REPORT, openid);
  await page.waitForText('请先完善个人信息', 5000);
  expect(page.text()).not.toContain('报到记录');
});
