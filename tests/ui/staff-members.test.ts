/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 社区党员 (secretary) in the built weapp, through the real cloud functions: members by unit and
 * by name in pinyin order, phones masked on screen, and 拨打 calls the member's full number.
 * Needs `npm run build:weapp` first.
 */
import type { MemberView } from '../../contract';
import { useLocalCloud } from '../helpers/weapp-cloud';

const ui = useLocalCloud();
const PAGE = 'packages/staff/pages/members/index';

test('a secretary sees members masked and can call one with 拨打', async () => {
  const members = await ui.invoke<MemberView[]>('account', 'communityMembers', {}, 'demo-secretary');
  const withPhone = members.find((m) => m.phone)!;
  expect(withPhone).toBeDefined();
  const page = await ui.open(PAGE, 'demo-secretary');
  await page.waitForText(withPhone.name, 5000);
  // Masked on screen, never the whole number.
  expect(page.text()).not.toContain(withPhone.phone);
  expect(page.text()).toContain(`${withPhone.phone.slice(0, 3)}****${withPhone.phone.slice(-4)}`);
  // Names within a unit in the order the server gives (pinyin): the screen keeps it.
  const shown = page.page.querySelectorAll('.staff-members__name').map((n) => n.dom.textContent);
  const firstUnit = members.filter((m) => m.unit.id === members[0].unit.id).map((m) => m.name);
  expect(shown.filter((n) => firstUnit.includes(n ?? ''))).toEqual(firstUnit);

  // One 拨打 per member with a phone, in the same order; the first is `withPhone`'s.
  const calls = page.page.querySelectorAll('.staff-members__call');
  expect(calls.length).toBe(members.filter((m) => m.phone).length);
  await page.tap('.staff-members__call');
  await page.waitFor(() => page.navigation.some((n) => n.api === 'makePhoneCall'));
  expect(page.navigation.find((n) => n.api === 'makePhoneCall')!.options).toMatchObject({
    phoneNumber: withPhone.phone,
  });
});
