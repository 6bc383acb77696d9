/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 许个心愿 of the built weapp through the real cloud functions (local CloudBase): a description
 * of 4 characters is refused on the phone, nothing sent; a valid wish with a photo — chosen with
 * wx.chooseMedia and uploaded with wx.cloud.uploadFile into the real local storage under
 * `uploads/<openid>/` — is submitted and waits for review; without an address the form is not
 * shown. Needs `npm run build:weapp` first.
 */
import type { WishView } from '../../contract';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const SUBMIT = 'packages/resident/pages/wish-submit/index';
const RESIDENT = 'demo-resident';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const ui = useLocalCloud();
const { invoke } = ui;
const openForm = (openid: string, calls: CallEvent[] = []) => ui.open(SUBMIT, openid, { calls });

type WxCallbacks<R> = { success?: (r: R) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

/**
 * The weapp photo flow on this app's wx: chooseMedia answers one temporary image, and
 * wx.cloud.uploadFile writes it through the real local storage at the cloudPath the app chose.
 */
function stubPhotoFlow(): { uploads: Array<{ cloudPath: string; filePath: string; fileID: string }> } {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> & { cloud: Record<string, unknown> } }).wx;
  const uploads: Array<{ cloudPath: string; filePath: string; fileID: string }> = [];
  wx.chooseMedia = (options: { count?: number; mediaType?: string[] } & WxCallbacks<unknown>) => {
    const res = {
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: [{ tempFilePath: 'http://tmp/wish-photo.png', size: PNG.length, fileType: 'image' }],
    };
    setTimeout(() => {
      options.success?.(res);
      options.complete?.(res);
    }, 0);
  };
  wx.cloud.uploadFile = async ({ cloudPath, filePath }: { cloudPath: string; filePath: string }) => {
    const fileID = ui.local.cloud.storage.put(cloudPath, PNG);
    uploads.push({ cloudPath, filePath, fileID });
    return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
  return { uploads };
}

test('a description of 4 characters is refused on the phone and nothing is sent', async () => {
  const calls: CallEvent[] = [];
  const page = await openForm(RESIDENT, calls);
  await page.waitFor(() => page.visible('.wish-submit__submit'), 5000);

  await page.tap('.wish-chips__chip--c3'); // 维修
  page.type('.wish-submit__description .nut-textarea-textarea', '换个灯泡');
  await page.waitForText('已写 4/500 字');
  await page.tap('.wish-submit__submit');

  await page.waitFor(() => page.visible('.field__error--description'));
  expect(page.text()).toContain('至少 5 个字');
  expect(calls.map((c) => c.action)).not.toContain('submit');
  const mine = await invoke<WishView[]>('wish', 'mine', {}, RESIDENT);
  expect(mine.map((w) => w.description)).not.toContain('换个灯泡');
});

test('a valid wish with a photo is uploaded to the resident’s folder, submitted, and waits for review', async () => {
  const description = '楼道的声控灯坏了一个多月，晚上上下楼看不见，想请人帮忙修一下';
  const calls: CallEvent[] = [];
  const page = await openForm(RESIDENT, calls);
  await page.waitFor(() => page.visible('.wish-submit__submit'), 5000);
  const { uploads } = stubPhotoFlow();

  await page.tap('.wish-chips__chip--c3'); // 维修
  page.type('.wish-submit__description .nut-textarea-textarea', description);
  await page.tap('.wish-photos__add');
  await page.waitFor(() => page.visible('.wish-photos__item--done'));
  expect(page.text()).toContain('1/3');
  expect(uploads).toHaveLength(1);
  expect(uploads[0].cloudPath).toMatch(/^uploads\/demo-resident\/[A-Za-z0-9]+\.png$/);
  expect(uploads[0].filePath).toBe('http://tmp/wish-photo.png');

  await page.tap('.wish-submit__submit');
  await page.waitForText('已提交，等待网格员审核', 5000);

  const submitted = calls.filter((c) => c.action === 'submit');
  expect(submitted).toEqual([
    { action: 'submit', payload: { category: '维修', description, photos: [uploads[0].fileID] } },
  ]);
  const [newest] = await invoke<WishView[]>('wish', 'mine', {}, RESIDENT);
  expect(newest).toMatchObject({ description, category: '维修', status: 'submitted' });
  expect(newest.photos).toEqual([{ fileId: uploads[0].fileID, url: expect.any(String) }]);
  expect(newest.photos[0].fileId).toMatch(/^cloud:\/\/[^/]+\/uploads\/demo-resident\//);
  expect(newest.beneficiary).toMatchObject({ name: '张秀兰', masked: false });
  expect(page.text()).toContain('待审核');
});

test('a wish for a family member checks the name before sending and submits it with the family member as beneficiary', async () => {
  const description = '母亲腿脚不便，想请人陪同去县医院复查';
  const calls: CallEvent[] = [];
  const page = await openForm(RESIDENT, calls);
  await page.waitFor(() => page.visible('.wish-submit__submit'), 5000);

  await page.tap('.wish-chips__chip--c2'); // 就医陪护
  page.type('.wish-submit__description .nut-textarea-textarea', description);
  await page.tap('.wish-chips__chip--family');
  await page.waitFor(() => page.visible('.wish-submit__name'));
  await page.tap('.wish-submit__submit');
  await page.waitForText('请填写姓名');
  expect(calls.map((c) => c.action)).not.toContain('submit');

  page.type('.wish-submit__name', '刘桂英');
  page.type('.wish-submit__phone', '13907971234');
  await page.tap('.wish-submit__submit');
  await page.waitForText('已提交，等待网格员审核', 5000);

  const [newest] = await invoke<WishView[]>('wish', 'mine', {}, RESIDENT);
  expect(newest).toMatchObject({ description, category: '就医陪护', status: 'submitted' });
  expect(newest.beneficiary).toMatchObject({ name: '刘桂英', phone: '13907971234' });
});

test('without an address the form is not shown: the resident is sent to fill the profile first', async () => {
  const calls: CallEvent[] = [];
  const page = await openForm('ui-wish-no-address', calls);
  await page.waitForText('请先完善个人信息', 5000);
  expect(page.visible('.wish-submit__submit')).toBe(false);

  await page.tap('.prompt__action--wish-profile');
  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/resident/pages/profile/index' }),
  });
  // Nothing but the launch's reads (who the user is, the unread count on 我的).
  expect(calls.map((c) => c.action)).toEqual(['me', 'unreadCount']);
});

test('what was typed survives leaving the page: the form opens on it, says so, and 清空 starts afresh', async () => {
  const first = await openForm(RESIDENT);
  await first.waitFor(() => first.visible('.wish-submit__submit'), 5000);
  await first.tap('.wish-chips__chip--c3'); // 维修
  first.type('.wish-submit__description .nut-textarea-textarea', '卫生间的水管一直在滴水，想请人来看看');
  // Kept a moment after the change, in the phone's storage.
  await first.waitFor(() => first.storage.has('txy.draft.wish'), 3000);
  const kept = first.storage.get('txy.draft.wish');
  expect(kept).toMatchObject({ category: '维修', description: '卫生间的水管一直在滴水，想请人来看看' });

  // Back later (the same phone's storage): the text is there, and the page says it was kept.
  const again = await ui.open(SUBMIT, RESIDENT, { storage: { 'txy.draft.wish': kept } });
  await again.waitForText('已恢复您上次未提交的内容', 5000);
  expect(again.text()).toContain('已写 18/500 字');
  await again.tap('.draft-note__clear');
  await again.waitFor(() => !again.has('.draft-note'));
  expect(again.text()).toContain('已写 0/500 字');
  expect(again.storage.has('txy.draft.wish')).toBe(false);
});

test('a wish sent from a kept draft leaves no draft behind', async () => {
  const kept = {
    category: '维修',
    description: '楼道的灯坏了三天了，晚上看不见路',
    forFamily: false,
    name: '',
    phone: '',
  };
  const calls: CallEvent[] = [];
  const page = await ui.open(SUBMIT, RESIDENT, { calls, storage: { 'txy.draft.wish': kept } });
  await page.waitForText('已恢复您上次未提交的内容', 5000);
  await page.tap('.wish-submit__submit');
  await page.waitForText('已提交，等待网格员审核', 5000);
  expect(calls.map((c) => c.action)).toContain('submit');
  await new Promise((r) => setTimeout(r, 400));
  expect(page.storage.has('txy.draft.wish')).toBe(false);
});
