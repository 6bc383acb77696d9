/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 适老化 in the built weapp: large mode follows WeChat's font setting until the user sets the
 * 大字模式 switch (their choice is stored and wins), the main pages render under the large root,
 * and the built styles hold the sizes the rules ask for (text ≥ 18px, line height ≥ 1.3, main
 * actions ≥ 60px; 375px design, so 2 rpx make 1 px). jsdom has no layout: sizes on screen and
 * contrast are measured in the browser by the page sweep (tests/helpers/readability.ts).
 * Needs `npm run build:weapp` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, type LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud } from '../helpers/weapp-cloud';

const ui = useLocalCloud();
const LARGE_KEY = 'txy.largeText';
const HOME = 'pages/index/index';
const MINE = 'pages/mine/index';

/** WeChat's answer to getAppBaseInfo for a user whose font setting is `px` (17 standard, 关怀模式 ≈ 23.8). */
const wechatFont = (px: number) => ({
  getAppBaseInfo: () => ({ SDKVersion: '3.5.0', language: 'zh_CN', fontSizeSetting: px, fontSizeScaleFactor: px / 17 }),
});

const root = (page: LoadedPage) => page.page.querySelector('.txy-screen');
const isLarge = (page: LoadedPage) => page.has('.txy-screen--large');

test('with 大字模式 on, the home page, 我的, the wish hall and the wish form render under the large root', async () => {
  const pages: [string, string][] = [
    [HOME, '您好'],
    [MINE, '大字模式'],
    ['pages/wishes/index', '许个心愿'],
    ['packages/resident/pages/wish-submit/index', '提交心愿'],
  ];
  for (const [route, text] of pages) {
    const page = await ui.open(route, 'demo-resident', { storage: { [LARGE_KEY]: true } });
    await page.waitForText(text, 5000);
    expect({ route, large: isLarge(page) }).toEqual({ route, large: true });
    page.close();
  }
});

test("with no choice stored, large mode follows WeChat: on at a 24px font setting, at WeChat's own size; off at 17px", async () => {
  const large = await ui.open(HOME, 'demo-resident', { wx: wechatFont(24) });
  await large.waitForText('您好', 5000);
  expect(isLarge(large)).toBe(true);
  // Inline px (Taro leaves them px, not rpx): the body size WeChat uses, up to 24px.
  expect(root(large)?.dom.getAttribute('style') ?? '').toMatch(/font-size:\s*24px/);
  expect(large.storage.has(LARGE_KEY)).toBe(false);
  large.close();

  const care = await ui.open(HOME, 'demo-resident', { wx: wechatFont(23.8) });
  await care.waitForText('您好', 5000);
  expect(isLarge(care)).toBe(true);
  expect(root(care)?.dom.getAttribute('style') ?? '').toMatch(/font-size:\s*23\.8px/);
  care.close();

  const standard = await ui.open(HOME, 'demo-resident', { wx: wechatFont(17) });
  await standard.waitForText('您好', 5000);
  expect(isLarge(standard)).toBe(false);
  expect(root(standard)?.dom.getAttribute('style') ?? '').not.toMatch(/font-size/);
});

test("a stored choice overrides WeChat's setting, both ways", async () => {
  const off = await ui.open(HOME, 'demo-resident', { wx: wechatFont(24), storage: { [LARGE_KEY]: false } });
  await off.waitForText('您好', 5000);
  expect(isLarge(off)).toBe(false);
  off.close();

  const on = await ui.open(HOME, 'demo-resident', { wx: wechatFont(17), storage: { [LARGE_KEY]: true } });
  await on.waitForText('您好', 5000);
  expect(isLarge(on)).toBe(true);
  // The large mode's own 22px (the stylesheet's, in rpx) is at least WeChat's: no inline size needed above it.
  expect(root(on)?.dom.getAttribute('style') ?? '').toMatch(/font-size:\s*22px/);
});

test("the 大字模式 switch in 我的 turns large mode off over WeChat's setting, and the choice is stored", async () => {
  const mine = await ui.open(MINE, 'demo-resident', { wx: wechatFont(24) });
  await mine.waitForText('大字模式', 5000);
  expect(isLarge(mine)).toBe(true);
  await mine.tap('.nut-switch');
  await mine.waitFor(() => !isLarge(mine));
  expect(mine.storage.get(LARGE_KEY)).toBe(false);
});

describe('the built styles', () => {
  const rules = wxssRules();
  /** The declarations of the rules whose selector is exactly `selector`. */
  const declarations = (selector: string): Record<string, string> => {
    const found = rules.filter((r) => r.selector === selector);
    expect(found.length).toBeGreaterThan(0);
    return Object.assign({}, ...found.map((r) => r.body));
  };
  const px = (value: string | undefined): number => {
    const m = /^([\d.]+)(rpx|px)$/.exec((value ?? '').trim());
    if (!m) throw new Error(`not a length: ${value}`);
    return m[2] === 'rpx' ? Number(m[1]) / 2 : Number(m[1]);
  };

  test('large mode: root text ≥ 18px with line height ≥ 1.3, NutUI text ≥ 18px, main actions ≥ 60px', () => {
    const large = declarations('.txy-screen--large');
    expect(px(large['font-size'])).toBeGreaterThanOrEqual(18);
    expect(Number(large['line-height'])).toBeGreaterThanOrEqual(1.3);
    const fonts = Object.entries(large).filter(([n]) => /^--nutui-.*font-size/.test(n));
    expect(fonts.length).toBeGreaterThan(5);
    for (const [name, value] of fonts) expect({ name, atLeast18: px(value) >= 18 }).toEqual({ name, atLeast18: true });
    for (const name of ['--nutui-cell-line-height', '--nutui-cell-group-title-line-height'])
      expect(Number(large[name])).toBeGreaterThanOrEqual(1.3);
    expect(px(large['--nutui-button-large-height'])).toBeGreaterThanOrEqual(60);
    for (const main of ['.nut-button-primary', '.nut-button-large', '.nut-button-block']) {
      const button = declarations(`.txy-screen--large ${main}`);
      expect(px(button['min-height'])).toBeGreaterThanOrEqual(60);
      expect(px(button['min-width'])).toBeGreaterThanOrEqual(60);
    }
  });

  test("the app's own text colours read at 4.5:1 on white; status tags carry white text at 4.5:1", () => {
    const own = rules.filter((r) => !r.selector.includes('nut-'));
    /** Lone symbols (★, ›) are graphics: 3:1 (WCAG 1.4.11). */
    const symbols = ['.wish-stars__star', '.wish-stars__star--on', '.staff-home__tool-arrow', '.staff-overview__arrow'];
    const low: string[] = [];
    for (const r of own) {
      const color = r.body.color;
      // Light text sits on a coloured ground (tags, headers): checked with the ground below.
      if (!color || !isHex(color) || luminance(color) > 0.5) continue;
      const least = symbols.includes(r.selector) ? 3 : 4.5;
      if (contrast(color, '#ffffff') < least) low.push(`${r.selector} { color: ${color} }`);
    }
    expect(low).toEqual([]);

    const grounds = own.filter(
      (r) =>
        /^\.(case-status|wish-status|activity-phase|six-ones-record__status)/.test(r.selector) &&
        isHex(r.body.background ?? ''),
    );
    expect(grounds.length).toBeGreaterThan(10);
    expect(
      grounds
        .filter((r) => contrast(r.body.background, '#ffffff') < 4.5)
        .map((r) => `${r.selector} ${r.body.background}`),
    ).toEqual([]);
  });

  test('every text box is drawn with an edge at 3:1 on white (WCAG 1.4.11: an input is known by its border)', () => {
    const boxes = rules.filter(
      (r) =>
        /(__input|__note|__reason|__text|__description|__trigger|__date|__day|__pick|__households|\.nut-input|\.nut-textarea)$/.test(
          r.selector,
        ) && /solid/.test(r.body.border ?? ''),
    );
    expect(boxes.length).toBeGreaterThan(8);
    const faint = boxes
      .map((r) => ({ r, color: (r.body.border.match(/#[0-9a-f]{3,6}\b/i) ?? [''])[0] }))
      .filter(({ color }) => !isHex(color) || contrast(color, '#ffffff') < 3)
      .map(({ r }) => `${r.selector} { border: ${r.body.border} }`);
    expect(faint).toEqual([]);
  });
});

const isHex = (c: string) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c);

/** WCAG relative luminance of a #rgb / #rrggbb colour. */
function luminance(hex: string): number {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const s = parseInt(h.slice(i, i + 2), 16) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

interface Rule {
  selector: string;
  body: Record<string, string>;
}

/** Every style rule of the built weapp (all .wxss), selectors split, declarations by name. */
function wxssRules(): Rule[] {
  const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.wxss'));
  const out: Rule[] = [];
  for (const f of files) {
    const css = readFileSync(path.join(DIST, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of css.matchAll(/([^{}@]+)\{([^{}]*)\}/g)) {
      const body: Record<string, string> = {};
      for (const decl of m[2].split(';')) {
        const i = decl.indexOf(':');
        if (i > 0) body[decl.slice(0, i).trim()] = decl.slice(i + 1).trim();
      }
      for (const selector of m[1].split(',')) out.push({ selector: selector.trim().replace(/\s+/g, ' '), body });
    }
  }
  return out;
}
