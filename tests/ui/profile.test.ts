/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The resident's profile form of the built weapp, through the real cloud functions (local
 * CloudBase): privacy first, checks on the phone before sending, WeChat's phone-number button,
 * the address cascade 社区 → 居民小组 → 小区/楼栋. Needs `npm run build:weapp` first.
 */
import { PRIVACY_VERSION, type Me } from '../../contract';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const PROFILE_PAGE = 'packages/resident/pages/profile/index';

const { open, invoke } = useLocalCloud();
const me = (openid: string) => invoke<Me>('account', 'me', {}, openid);
const acceptPrivacy = (openid: string) => invoke<Me>('account', 'acceptPrivacy', { version: PRIVACY_VERSION }, openid);
const openForm = (openid: string, calls?: CallEvent[]) => open(PROFILE_PAGE, openid, { calls });

/** Opens an OptionPicker once it can open (its options loaded, the choice before it made) and taps one option. */
async function choose(page: LoadedPage, picker: string, optionId: string): Promise<void> {
  const trigger = `.option-picker__trigger--${picker}`;
  const option = `.option-picker__option--${optionId}`;
  await page.waitFor(() => {
    const label = page.page.querySelector(trigger)?.dom.textContent ?? '';
    return !label.includes('加载中') && !label.includes('请先');
  });
  await page.tap(trigger);
  await page.waitFor(() => page.visible(option));
  await page.tap(option);
}

test('a resident who has not accepted the privacy guide is asked for consent, not for personal data', async () => {
  const page = await openForm('ui-profile-no-consent');
  await page.waitForText('请先同意隐私保护指引');

  for (const field of ['.profile__name', '.profile__phone-button', '.profile__phone', '.profile__submit']) {
    expect(page.visible(field)).toBe(false);
  }
  expect(page.visible('.nut-popup')).toBe(true);
});

test('a bad phone number is refused on the phone, before anything is sent', async () => {
  const openid = 'ui-profile-bad-phone';
  await acceptPrivacy(openid);
  const calls: CallEvent[] = [];
  const page = await openForm(openid, calls);
  await page.waitFor(() => page.visible('.profile__name'));

  page.type('.profile__name', '李明');
  // weapp offers WeChat's number first; typing is the way out.
  await page.tap('.profile__phone-manual');
  await page.waitFor(() => page.visible('.profile__phone'));
  page.type('.profile__phone', '1381234');
  await page.tap('.profile__submit');

  await page.waitFor(() => page.visible('.field__error--phone'));
  expect(page.text()).toContain('请输入 11 位手机号');
  expect(page.text()).toContain('请选择社区');
  expect(calls.map((c) => c.action)).not.toContain('updateProfile');
  expect((await me(openid)).phone).toBeNull();
});

test("a resident fills the profile with WeChat's phone button and the address cascade, and the server keeps it", async () => {
  const openid = 'ui-profile-valid';
  await acceptPrivacy(openid);
  const calls: CallEvent[] = [];
  const page = await openForm(openid, calls);
  await page.waitFor(() => page.visible('.profile__name'));

  page.type('.profile__name', '李明');
  // What WeChat hands the button after the resident allows it; the local openapi exchanges this form.
  page.page.querySelector('.profile__phone-button')!.dispatchEvent('getphonenumber', {
    detail: { errMsg: 'getPhoneNumber:ok', code: 'local-phone-13912345678' },
  });
  await page.waitForText('已获取微信绑定的手机号');

  await choose(page, 'community', 'c01');
  await choose(page, 'residentGroup', 'c01-r02');
  await choose(page, 'microGrid', 'c01-g01-m2');
  page.type('.profile__building', '3单元101室');
  await page.tap('.profile__submit');

  await page.waitFor(() => calls.some((c) => c.action === 'updateProfile') && !page.text().includes('加载中'));
  await page.waitFor(() => page.navigation.some((n) => n.api === 'switchTab' || n.api === 'navigateBack'));
  expect(calls.find((c) => c.action === 'updateProfile')?.payload).toEqual({
    name: '李明',
    phoneCode: 'local-phone-13912345678',
    address: { communityId: 'c01', residentGroupId: 'c01-r02', microGridId: 'c01-g01-m2', building: '3单元101室' },
  });

  const saved = await me(openid);
  expect(saved.name).toBe('李明');
  expect(saved.phone).toBe('13912345678');
  expect(saved.address).toEqual({
    communityId: 'c01',
    residentGroupId: 'c01-r02',
    gridId: 'c01-g01',
    microGridId: 'c01-g01-m2',
    building: '3单元101室',
  });
});

test("a resident's existing profile fills the form, and the server's field errors land on their fields", async () => {
  const page = await openForm('demo-resident');
  const resident = await me('demo-resident');
  // The phone on file, masked; kept unless the resident asks WeChat for another.
  await page.waitForText(`${resident.phone!.slice(0, 3)}****${resident.phone!.slice(7)}`);

  // A code WeChat never issued: the server refuses it on the phone field.
  page.page.querySelector('.profile__phone-button')!.dispatchEvent('getphonenumber', {
    detail: { errMsg: 'getPhoneNumber:ok', code: 'forged-code' },
  });
  await page.tap('.profile__submit');
  await page.waitFor(() => page.visible('.field__error--phone'));
  expect(page.text()).toContain('手机号授权已失效，请重新获取');
  expect((await me('demo-resident')).phone).toBe(resident.phone);
});
