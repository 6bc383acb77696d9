/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 督导评分规则: the county admin edits the next version of the scoring rules on the built weapp,
 * through the real cloud functions (local CloudBase). Needs `npm run build:weapp` first. The
 * tests run in order on one seeded cloud: the first saves version 2.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SupervisionRulesView } from '../../contract';
import { nextQuarter, quarterWords } from '../../contract/quarters';
import { DEFAULT_RULES, indicatorsOf, type SupervisionRules, type TargetRule } from '../../contract/supervision';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';
import { DIST, type LoadedPage } from '../helpers/weapp-harness';

const ADMIN = 'demo-county-admin';
const ROUTE = 'packages/supervision/pages/rules/index';

const input = (name: string) => `.rules-form__input--${name} .nut-input-native`;

jest.setTimeout(30_000);

const ui = useLocalCloud();

const rulesNow = () => ui.invoke<SupervisionRulesView>('supervision', 'rules', {}, ADMIN);

/** The key of an input's value in Taro's page data (dist/base.wxml: `<input value="{{i.p25}}"`). */
let valueKey: string | undefined;
function inputValueKey(): string {
  valueKey ??= /<input value="\{\{i\.(\w+)\}\}"/.exec(readFileSync(path.join(DIST, 'base.wxml'), 'utf8'))?.[1];
  if (!valueKey) throw new Error('dist/base.wxml binds no input value');
  return valueKey;
}

/** Taro's data of the node rendered as `sid` (the page's data is its tree of nodes). */
function nodeData(tree: unknown, sid: string): Record<string, unknown> | null {
  if (!tree || typeof tree !== 'object') return null;
  if ((tree as { sid?: unknown }).sid === sid) return tree as Record<string, unknown>;
  for (const child of Object.values(tree)) {
    const found = nodeData(child, sid);
    if (found) return found;
  }
  return null;
}

/** The value an input shows (the native input of a NutUI Input), by its form path's class name. */
function valueOf(page: LoadedPage, name: string): string {
  const node = page.page.querySelector(input(name));
  const sid = node?.dom.getAttribute('data-sid');
  if (!sid) throw new Error(`no input ${name}; the page shows: «${page.text()}»`);
  const value = nodeData(page.page.data, sid)?.[inputValueKey()];
  return value === undefined || value === null ? '' : String(value);
}

const errorOf = (page: LoadedPage, name: string) =>
  page.page.querySelector(`.field__error--${name}`)?.dom.textContent ?? null;

const toasts = (page: LoadedPage) =>
  page.navigation.filter((n) => n.api === 'showToast').map((n) => (n.options as { title: string }).title);

async function openAs(openid = ADMIN, calls?: CallEvent[]): Promise<LoadedPage> {
  return ui.open(ROUTE, openid, { calls });
}

test('the county admin sees 第 1 版 in force and the community indicators with the default rules', async () => {
  const page = await openAs();
  await page.waitForText('当前执行：第 1 版（自 2026年一季度起）');
  await page.waitFor(() => page.has(input('community-dualReport-weight')));
  const text = page.text();
  expect(text).toContain('保存为第 2 版');
  for (const spec of indicatorsOf('community')) expect(text).toContain(spec.label);
  // Not the other tabs' indicators.
  expect(text).not.toContain('按时报到率');

  const community = DEFAULT_RULES.scopes.community;
  const dual = community.indicators.dualReport as TargetRule;
  expect(valueOf(page, 'community-dualReport-weight')).toBe(String(dual.weight));
  expect(valueOf(page, 'community-dualReport-target')).toBe(String(dual.target));
  expect(valueOf(page, 'community-dualReport-deduction')).toBe(String(dual.deduction));
  expect(valueOf(page, 'community-dualReport-floor')).toBe(String(dual.floor));
  const whistle = community.indicators.whistleRate!;
  expect(valueOf(page, 'community-whistleRate-low')).toBe(String('low' in whistle ? whistle.low : ''));
  expect(valueOf(page, 'community-whistleRate-high')).toBe(String('high' in whistle ? whistle.high : ''));
  expect(page.has(input('community-whistleRate-target'))).toBe(false);
  expect(valueOf(page, 'community-bands-good')).toBe(String(community.bands.good));
  expect(valueOf(page, 'community-bands-watch')).toBe(String(community.bands.watch));
  expect(text).toContain('每差1个百分点扣');
  expect(text).toContain('先进（红）分数线');
  expect(text).toContain('关注（黄）分数线');
  expect(text).toContain('权重合计 100');

  // The other tabs are the defaults too.
  await page.tap('.staff-segmented__item--department');
  await page.waitFor(() => page.has(input('department-onTimeReportRate-weight')));
  expect(valueOf(page, 'department-onTimeReportRate-weight')).toBe(
    String(DEFAULT_RULES.scopes.department.indicators.onTimeReportRate!.weight),
  );
  expect(page.text()).toContain('每差1个百分点扣');
});

test('a floor above the weight is said next to that field, and nothing is saved', async () => {
  const calls: CallEvent[] = [];
  const page = await openAs(ADMIN, calls);
  await page.waitFor(() => page.has(input('community-dualReport-floor')));
  page.type(input('community-dualReport-floor'), '12');
  // An empty and a non-numeric field on another tab (the digit keyboard's input keeps only digits, a point and a minus).
  await page.tap('.staff-segmented__item--unit');
  await page.waitFor(() => page.has(input('unit-wishDays-weight')));
  page.type(input('unit-wishDays-weight'), '');
  page.type(input('unit-projectsDone-target'), '.');
  await page.tap('.staff-segmented__item--community');
  await page.waitFor(() => page.has(input('community-dualReport-floor')));
  await page.tap('.rules-form__save');

  await page.waitFor(() => errorOf(page, 'community-dualReport-floor') !== null);
  expect(errorOf(page, 'community-dualReport-floor')).toBe('「双报到率」的最低得分不能高于权重');
  expect(page.text()).toContain('“结对单位”中有 2 处需要修改');
  // What was typed stays.
  expect(valueOf(page, 'community-dualReport-floor')).toBe('12');

  await page.tap('.rules-form__go--unit');
  await page.waitFor(() => errorOf(page, 'unit-wishDays-weight') !== null);
  expect(errorOf(page, 'unit-wishDays-weight')).toBe('请填写权重');
  expect(errorOf(page, 'unit-projectsDone-target')).toBe('目标值应为数字');
  expect(valueOf(page, 'unit-projectsDone-target')).toBe('.');
  expect(page.text()).toContain('“社区”中有 1 处需要修改');

  expect(calls.some((c) => c.action === 'saveRules')).toBe(false);
  expect((await rulesNow()).versions.map((v) => v.version)).toEqual([1]);
});

test('saving: 双报到率’s weight, the 先进 line and the quarter picked are version 2 on the server, exactly', async () => {
  const before = await rulesNow();
  const quarter = nextQuarter(before.earliest);
  const page = await openAs();
  await page.waitFor(() => page.has(input('community-dualReport-weight')));
  page.type(input('community-dualReport-weight'), '12.5');
  await page.waitForText('权重合计 102.5');
  page.type(input('community-bands-good'), '88');
  await page.tap(`.staff-choice--effectiveFrom-${quarter}`);
  await page.waitFor(() => page.has(`.staff-choice--effectiveFrom-${quarter}.staff-choice--on`));
  await page.tap('.rules-form__save');

  const words = `已保存，自${quarterWords(quarter)}起生效`;
  await page.waitFor(() => toasts(page).includes(words));
  // Reloaded: version 2 is listed, and the form is the next one's.
  await page.waitForText('保存为第 3 版');
  expect(page.text()).toContain(`第 2 版自${quarterWords(quarter)}起待生效`);
  expect(page.text()).toContain('当前执行：第 1 版');

  const after = await rulesNow();
  const expected: SupervisionRules = JSON.parse(JSON.stringify(DEFAULT_RULES)) as SupervisionRules;
  expected.version = 2;
  expected.effectiveFrom = quarter;
  expected.scopes.community.indicators.dualReport!.weight = 12.5;
  expected.scopes.community.bands.good = 88;
  expect(after.versions.map((v) => v.version)).toEqual([2, 1]);
  expect(after.versions[0]).toEqual(expected);
  expect(after.current.version).toBe(1);
});

test('a CONFLICT: someone saved meanwhile — the server’s message, 刷新 keeps what was typed on the latest', async () => {
  const calls: CallEvent[] = [];
  const page = await openAs(ADMIN, calls);
  await page.waitForText('保存为第 3 版');
  await page.waitFor(() => page.has(input('community-meetingsHeld-weight')));
  page.type(input('community-meetingsHeld-weight'), '8');

  // Another admin saves version 3 first (from version 2, with 满意率's target changed).
  const latest = (await rulesNow()).versions[0];
  const theirs: SupervisionRules = JSON.parse(JSON.stringify(latest)) as SupervisionRules;
  theirs.version = 3;
  (theirs.scopes.community.indicators.satisfactionRate as TargetRule).target = 92;
  await ui.invoke('supervision', 'saveRules', { rules: theirs }, ADMIN);

  await page.tap('.rules-form__save');
  // The server's words, with 刷新.
  await page.waitForText('评分规则已更新为第 3 版，请刷新后在最新版本上修改');
  expect(page.has('.rules-form__refresh')).toBe(true);
  expect(calls.filter((c) => c.action === 'saveRules')).toHaveLength(1);
  expect(valueOf(page, 'community-meetingsHeld-weight')).toBe('8');

  await page.tap('.rules-form__refresh');
  await page.waitForText('保存为第 4 版');
  expect(page.text()).toContain('你改过的 1 处仍是你填写的值');
  expect(valueOf(page, 'community-meetingsHeld-weight')).toBe('8');
  expect(valueOf(page, 'community-satisfactionRate-target')).toBe('92');
  expect(page.text()).not.toContain('请刷新后在最新版本上修改');

  await page.tap('.rules-form__save');
  await page.waitForText('保存为第 5 版');
  const saved = (await rulesNow()).versions[0];
  expect(saved.version).toBe(4);
  expect(saved.scopes.community.indicators.meetingsHeld!.weight).toBe(8);
  expect((saved.scopes.community.indicators.satisfactionRate as TargetRule).target).toBe(92);
});

test('anyone else is refused by the server, and the page says so plainly', async () => {
  const page = await openAs('demo-secretary');
  await page.waitFor(() => page.has('.error-notice'));
  expect(page.has('.rules-form__save')).toBe(false);
  expect(page.has('.error-notice__retry')).toBe(false);
  expect(page.text()).toContain('您的身份无权进行此操作');
});
