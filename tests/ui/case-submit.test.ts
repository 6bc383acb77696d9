/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 我要反映 (packages/resident/pages/case-submit) of the built weapp through the real cloud
 * functions (local CloudBase): a description of 4 characters is refused on the phone with the
 * field's message and nothing is sent; a valid report at the resident's registered address is
 * submitted, assigned to the grid of that address, and shows on the 诉求 tab with its status; a
 * building picked community → building places the case there; the server's refusal (content
 * check) is shown on the form. Needs `npm run build:weapp` first.
 */
import type { CaseView } from '../../contract';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const SUBMIT = 'packages/resident/pages/case-submit/index';
const CASES_TAB = 'pages/cases/index';
const RESIDENT = 'demo-resident';

const ui = useLocalCloud();
const mine = () => ui.invoke<CaseView[]>('complaint', 'mine', {}, RESIDENT);
let seq = 0;

async function openForm(calls: CallEvent[]): Promise<LoadedPage> {
  const page = await ui.open(SUBMIT, RESIDENT, { calls });
  await page.waitFor(() => page.visible('.case-submit__submit'), 5000);
  return page;
}

/** Opens an OptionPicker once it can open and taps one option. */
async function choose(page: LoadedPage, picker: string, optionId: string): Promise<void> {
  await page.waitFor(() => page.has(`.option-picker__trigger--${picker}`) && !page.text().includes('加载中…'), 5000);
  await page.tap(`.option-picker__trigger--${picker}`);
  await page.waitFor(() => page.has(`.option-picker__option--${optionId}`), 5000);
  await page.tap(`.option-picker__option--${optionId}`);
}

test('a description of 4 characters is refused with the field’s message, and nothing is sent', async () => {
  const calls: CallEvent[] = [];
  const page = await openForm(calls);

  await page.tap('.wish-chips__chip--c0'); // 环境卫生
  page.type('.case-submit__description .nut-textarea-textarea', '垃圾很多');
  await page.waitForText('已写 4/500 字');
  await page.tap('.case-submit__submit');

  await page.waitFor(() => page.visible('.field__error--description'));
  expect(page.text()).toContain('至少 5 个字');
  expect(calls.map((c) => c.action)).not.toContain('submit');
  expect((await mine()).map((c) => c.description)).not.toContain('垃圾很多');
});

test('a report at the registered address is assigned to its grid and appears on the 诉求 tab as 等待受理', async () => {
  const description = `小区东门口的垃圾桶满了三天没人清理，气味很大（${++seq}）`;
  const calls: CallEvent[] = [];
  const page = await openForm(calls);
  // The registered address is the place by default, named from the directory.
  expect(page.has('.wish-chips__chip--address.wish-chips__chip--on')).toBe(true);
  await page.waitForText('潋江社区');

  await page.tap('.wish-chips__chip--c0'); // 环境卫生
  page.type('.case-submit__description .nut-textarea-textarea', description);
  await page.tap('.wish-chips__chip--urgent');
  await page.tap('.case-submit__switch');
  await page.waitForText('已开启匿名');
  await page.tap('.case-submit__submit');
  await page.waitForText('已提交，由', 5000);

  expect(calls.filter((c) => c.action === 'submit')).toEqual([
    {
      action: 'submit',
      payload: {
        category: '环境卫生',
        description,
        photos: [],
        location: { kind: 'address' },
        urgency: 'urgent',
        anonymous: true,
      },
    },
  ]);
  const [newest] = await mine();
  expect(newest).toMatchObject({
    description,
    status: 'assigned',
    level: 'grid',
    urgency: 'urgent',
    anonymous: true,
    grid: { id: 'c01-g01' },
  });
  expect(page.text()).toContain(`已提交，由${newest.grid!.name}的网格员办理`);
  expect(page.text()).not.toContain('已派给');
  expect(page.text()).toContain('紧急诉求 2 小时内响应');

  const tab = await ui.open(CASES_TAB, RESIDENT);
  await tab.waitForText(description, 5000);
  const card = tab.page.querySelector(`#case-${newest.id}`);
  // The complainant's plain state, not the handlers' 待响应.
  expect(card?.dom.textContent).toContain('等待受理');
  expect(card?.dom.textContent).toContain('环境卫生');
  await tab.tap(`#case-${newest.id}`);
  expect(tab.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/packages/resident/pages/case-detail/index?id=${newest.id}` }),
  });
});

test('a building picked community → building places the case in that building’s grid', async () => {
  const description = `二号楼楼道堆满杂物，影响通行（${++seq}）`;
  const calls: CallEvent[] = [];
  const page = await openForm(calls);

  await page.tap('.wish-chips__chip--c4'); // 设施维修
  page.type('.case-submit__description .nut-textarea-textarea', description);
  await page.tap('.wish-chips__chip--building');
  await choose(page, 'case-community', 'c01');
  await choose(page, 'case-building', 'c01-g01-m2');
  await page.tap('.case-submit__submit');
  await page.waitForText('已提交，由', 5000);

  expect(calls.find((c) => c.action === 'submit')?.payload).toMatchObject({
    category: '设施维修',
    location: { kind: 'building', microGridId: 'c01-g01-m2' },
    urgency: 'normal',
    anonymous: false,
  });
  const [newest] = await mine();
  expect(newest).toMatchObject({ description, status: 'assigned', grid: { id: 'c01-g01' } });
});

test('the server’s refusal is shown on the form: a description the content check holds is not submitted', async () => {
  const calls: CallEvent[] = [];
  const page = await openForm(calls);

  await page.tap('.wish-chips__chip--c7'); // 其他
  page.type('.case-submit__description .nut-textarea-textarea', '想反映一下违禁测试词相关的事情');
  await page.tap('.case-submit__submit');
  await page.waitForText('未通过内容安全检测', 5000);

  expect(calls.map((c) => c.action)).toContain('submit');
  expect(page.visible('.case-submit__submit')).toBe(true);
  expect((await mine()).map((c) => c.description)).not.toContain('想反映一下违禁测试词相关的事情');
});

test('a complaint left unsent is kept: the form opens on it (what, how urgent) and sends it; then no draft is left', async () => {
  const first = await openForm([]);
  await first.tap('.wish-chips__chip--c0'); // 环境卫生
  first.type('.case-submit__description .nut-textarea-textarea', '小区东门的垃圾桶满了两天没人清理');
  await first.waitFor(() => first.storage.has('txy.draft.case'), 3000);
  const kept = first.storage.get('txy.draft.case');
  expect(kept).toMatchObject({
    category: '环境卫生',
    description: '小区东门的垃圾桶满了两天没人清理',
    urgency: 'normal',
  });

  const calls: CallEvent[] = [];
  const again = await ui.open(SUBMIT, RESIDENT, { calls, storage: { 'txy.draft.case': kept } });
  await again.waitForText('已恢复您上次未提交的内容', 5000);
  await again.waitFor(() => again.visible('.case-submit__submit'), 5000);
  expect(again.text()).toContain('已写 16/500 字');
  await again.tap('.case-submit__submit');
  await again.waitFor(() => calls.some((c) => c.action === 'submit'), 5000);
  await again.waitFor(() => !again.has('.case-submit__submit'), 5000);
  await new Promise((r) => setTimeout(r, 400));
  expect(again.storage.has('txy.draft.case')).toBe(false);
  expect((await mine()).map((c) => c.description)).toContain('小区东门的垃圾桶满了两天没人清理');
});
