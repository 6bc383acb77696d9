/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 代居民提交心愿 of the built weapp as the grid worker of 潋江社区第一网格 (demo-grid-worker),
 * through the real cloud functions (local CloudBase): the form checks the resident's name,
 * building and door before sending; the buildings offered are those of the worker's own grid; a
 * wish for a resident without a phone, with a photo uploaded into the worker's folder, is
 * submitted and waits in 心愿审核 as submitted by the worker for the named resident. 心愿审核
 * leads grid workers (not secretaries) to the form. Needs `npm run build:weapp` first.
 */
import type { CommunityDetail, WishView } from '../../contract';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const ON_BEHALF = 'packages/staff/pages/wish-on-behalf/index';
const QUEUE = 'packages/staff/pages/wish-review/index';
const GRID_WORKER = 'demo-grid-worker';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const ui = useLocalCloud();
// These walk through several pages against the real functions: more than jest's default 5 s under load.
jest.setTimeout(30_000);

type WxCallbacks<R> = { success?: (r: R) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

/** wx.chooseMedia answers one temporary image; wx.cloud.uploadFile writes it through the real local storage. */
function stubPhotoFlow(): { uploads: Array<{ cloudPath: string; fileID: string }> } {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> & { cloud: Record<string, unknown> } }).wx;
  const uploads: Array<{ cloudPath: string; fileID: string }> = [];
  wx.chooseMedia = (options: WxCallbacks<unknown>) => {
    const res = {
      errMsg: 'chooseMedia:ok',
      type: 'image',
      tempFiles: [{ tempFilePath: 'http://tmp/resident-photo.png', size: PNG.length, fileType: 'image' }],
    };
    setTimeout(() => {
      options.success?.(res);
      options.complete?.(res);
    }, 0);
  };
  wx.cloud.uploadFile = async ({ cloudPath }: { cloudPath: string }) => {
    const fileID = ui.local.cloud.storage.put(cloudPath, PNG);
    uploads.push({ cloudPath, fileID });
    return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
  return { uploads };
}

test('a wish for a resident without a phone is checked, submitted, and waits in 心愿审核 as the worker’s for the named resident', async () => {
  const c01 = await ui.invoke<CommunityDetail>('directory', 'community', { communityId: 'c01' }, GRID_WORKER);
  const own = c01.grids.find((g) => g.id === 'c01-g01')!.microGrids;
  const others = c01.grids.filter((g) => g.id !== 'c01-g01').flatMap((g) => g.microGrids);
  const building = own[1] ?? own[0];

  const calls: CallEvent[] = [];
  const page = await ui.open(ON_BEHALF, GRID_WORKER, { calls });
  await page.waitFor(() => page.visible('.wish-on-behalf__submit'), 5000);

  // Nothing filled: every required field says so, nothing is sent.
  await page.tap('.wish-on-behalf__submit');
  await page.waitFor(() => page.visible('.field__error--name'));
  for (const message of ['请填写姓名', '请选择受助人所在的小区或楼栋', '请填写单元、门牌号', '请选择心愿类别'])
    expect(page.text()).toContain(message);
  expect(calls.map((c) => c.action)).not.toContain('submit');

  // The buildings offered: those of the worker's own grid, and no other.
  await page.waitFor(() => !page.text().includes('加载中'), 5000);
  await page.tap('.option-picker__trigger--building');
  await page.waitFor(() => page.has(`.option-picker__option--${own[0].id}`));
  for (const m of own) expect(page.has(`.option-picker__option--${m.id}`)).toBe(true);
  for (const m of others) expect(page.has(`.option-picker__option--${m.id}`)).toBe(false);
  await page.tap(`.option-picker__option--${building.id}`);

  page.type('.wish-on-behalf__name', '刘桂英');
  page.type('.wish-on-behalf__door', '3单元201室');
  await page.tap('.wish-chips__chip--c0'); // 生活物资
  const description = '独居老人家里的米和油都吃完了，想请人帮忙送一袋大米和一桶油';
  page.type('.wish-on-behalf__description .nut-textarea-textarea', description);
  const { uploads } = stubPhotoFlow();
  await page.tap('.wish-photos__add');
  await page.waitFor(() => page.visible('.wish-photos__item--done'));
  expect(uploads[0].cloudPath).toMatch(/^uploads\/demo-grid-worker\/[A-Za-z0-9]+\.png$/);

  await page.tap('.wish-on-behalf__submit');
  await page.waitForText('已代居民提交，等待审核', 5000);
  expect(page.text()).toContain(`受助人：刘桂英（${c01.name} ${building.name} 3单元201室）`);
  expect(calls.filter((c) => c.action === 'submit')).toEqual([
    {
      action: 'submit',
      payload: {
        category: '生活物资',
        description,
        photos: [uploads[0].fileID],
        beneficiary: { name: '刘桂英', address: '3单元201室' },
        onBehalf: { microGridId: building.id },
      },
    },
  ]);
  const [mine] = await ui.invoke<WishView[]>('wish', 'mine', {}, GRID_WORKER);
  expect(mine).toMatchObject({
    description,
    status: 'submitted',
    gridId: 'c01-g01',
    onBehalf: { byName: '钟晓燕' },
    beneficiary: { name: '刘桂英', phone: '' },
  });

  // In the review queue: submitted by the worker, for the resident.
  const queue = await ui.open(QUEUE, GRID_WORKER);
  await queue.waitFor(() => queue.has(`#wish-${mine.id}`), 5000);
  const card = queue.page.querySelector(`#wish-${mine.id}`)!.dom.textContent ?? '';
  expect(card).toContain('网格员 钟晓燕 代居民提交');
  expect(card).toContain('受助人：刘桂英');
  expect(card).toContain(`住址：${c01.name} ${building.name} 3单元201室`);
  // Submitted by this worker: a colleague reviews it (the server refuses theirs).
  expect(queue.has(`#wish-publish-${mine.id}`)).toBe(false);
  expect(card).toContain('这是您代居民提交的心愿，由其他工作人员审核');
});

test('a phone, when given, must be a mobile number; the wish can be for a resident who has one', async () => {
  const calls: CallEvent[] = [];
  const page = await ui.open(ON_BEHALF, GRID_WORKER, { calls });
  await page.waitFor(() => page.visible('.wish-on-behalf__submit'), 5000);
  await page.waitFor(() => !page.text().includes('加载中'), 5000);

  page.type('.wish-on-behalf__name', '赖德明');
  page.type('.wish-on-behalf__phone', '1390797');
  await page.tap('.option-picker__trigger--building');
  await page.waitFor(() => page.has('.option-picker__option--c01-g01-m1'));
  await page.tap('.option-picker__option--c01-g01-m1');
  page.type('.wish-on-behalf__door', '1单元102室');
  await page.tap('.wish-chips__chip--c3'); // 维修
  page.type('.wish-on-behalf__description .nut-textarea-textarea', '家里的电灯开关坏了，想请人帮忙换一个');
  await page.tap('.wish-on-behalf__submit');
  await page.waitForText('请输入 11 位手机号');
  expect(calls.map((c) => c.action)).not.toContain('submit');

  page.type('.wish-on-behalf__phone', '13907971234');
  await page.tap('.wish-on-behalf__submit');
  await page.waitForText('已代居民提交，等待审核', 5000);
  const [mine] = await ui.invoke<WishView[]>('wish', 'mine', {}, GRID_WORKER);
  expect(mine.beneficiary).toMatchObject({ name: '赖德明', phone: '13907971234' });
});

test('心愿审核 leads a grid worker to 代居民提交; a secretary is not offered it', async () => {
  const worker = await ui.open(QUEUE, GRID_WORKER);
  await worker.waitFor(() => worker.visible('.wish-review__on-behalf'), 5000);
  await worker.tap('.wish-review__on-behalf');
  expect(worker.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/wish-on-behalf/index' }),
  });

  const secretary = await ui.open(QUEUE, 'demo-secretary');
  await secretary.waitFor(() => secretary.has('.wish-list'), 5000);
  expect(secretary.has('.wish-review__on-behalf')).toBe(false);
});

test('someone who is no grid worker is told the form is not for them', async () => {
  const page = await ui.open(ON_BEHALF, 'demo-secretary');
  await page.waitForText('只有网格员可以代居民提交心愿', 5000);
  expect(page.has('.wish-on-behalf__submit')).toBe(false);
});
