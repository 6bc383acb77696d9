/**
 * Readability of the page on screen, as the 适老化 rules ask (MIIT 2021 App 适老化 rules, WeChat's
 * 适老化 design guide): text contrast at least 4.5:1 in both modes (3:1 for a lone symbol such as
 * ★ or ›, a graphic under WCAG 1.4.11; disabled controls and placeholders exempt); in large mode
 * also text at least 18 px with a line height at least 1.3 times its size, and the main actions
 * (primary, large and block buttons) at least 60 px high and wide. Runs in the page:
 * `page.evaluate(readabilityInPage, [rootSelector, large])`; the page sweep calls it on every
 * page it visits. Self-contained (nothing from module scope is used inside), so Playwright can
 * serialise it; nested helpers are arrow functions (`__name`, which some TypeScript runners wrap
 * them in, is defined by the sweep's init script).
 */

/** Findings on the last visible element matching `rootSelector` (the page on screen), deduplicated. */
export function readabilityInPage([rootSelector, large]: [string, boolean]): string[] {
  const MIN_CONTRAST = 4.5;
  const MIN_SYMBOL_CONTRAST = 3;
  const MIN_FONT_PX = 18;
  const MIN_LINE_HEIGHT = 1.3;
  const MIN_TARGET_PX = 60;
  const MAIN_ACTIONS = '.nut-button-primary, .nut-button-large, .nut-button-block';

  const found: string[] = [];
  const all = [...document.querySelectorAll<HTMLElement>(rootSelector)].filter((p) => p.checkVisibility());
  const root = all[all.length - 1];
  if (!root) return ['no page on screen'];

  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba | null => {
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(css.trim());
    if (!m) return null;
    const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
    return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
  };
  /** `top` (with its alpha) over the opaque `bottom`. */
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba;
  };
  const luminance = (c: Rgba): number => {
    const [r, g, b] = [c[0], c[1], c[2]].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: Rgba, b: Rgba): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c: Rgba): string =>
    '#' + [c[0], c[1], c[2]].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const firstClass = (el: Element): string => {
    const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/)[0];
    return cls ? `.${cls}` : el.tagName.toLowerCase();
  };
  const label = (el: Element, text: string): string =>
    `「${text.replace(/\s+/g, ' ').slice(0, 30)}」 ${firstClass(el)}`;

  /**
   * The background the element's text is drawn on: the ancestors' background colours blended down
   * to the first opaque one (white below all), and the opacity on the way; null when a gradient or
   * image is behind the text (not measured).
   */
  const backdrop = (el: HTMLElement): { bg: Rgba; opacity: number } | null => {
    const layers: Rgba[] = [];
    let opacity = 1;
    for (let e: HTMLElement | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none') return null;
      const bg = parse(s.backgroundColor);
      if (bg && bg[3] > 0) layers.push(bg);
      if (bg && bg[3] >= 1) break;
      opacity *= Number(s.opacity) || 1;
    }
    let bg: Rgba = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return { bg, opacity };
  };

  /** Not held to the contrast rule (WCAG 1.4.3: inactive controls, placeholders). */
  const exempt = (el: HTMLElement): boolean =>
    Boolean(el.closest('[disabled], [aria-disabled="true"], [class*="disabled"], [class*="placeholder"]'));

  const shown = (el: HTMLElement): boolean => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  const check = (el: HTMLElement, text: string) => {
    const s = getComputedStyle(el);
    const color = parse(s.color);
    // Symbols alone (★, ＋, ›) are graphics, not words: 3:1 (WCAG 1.4.11), no text size.
    const symbol = !/[\p{L}\p{N}]/u.test(text);
    const least = symbol ? MIN_SYMBOL_CONTRAST : MIN_CONTRAST;
    if (color && !exempt(el)) {
      const behind = backdrop(el);
      if (behind) {
        const fg = over([color[0], color[1], color[2], color[3] * behind.opacity], behind.bg);
        const r = ratio(fg, behind.bg);
        if (r < least)
          found.push(`contrast ${r.toFixed(2)}:1 < ${least}:1 (${hex(fg)} on ${hex(behind.bg)}): ${label(el, text)}`);
      }
    }
    if (!large || symbol) return;
    const size = parseFloat(s.fontSize);
    if (size < MIN_FONT_PX) found.push(`font ${size}px < ${MIN_FONT_PX}px: ${label(el, text)}`);
    const lh = s.lineHeight === 'normal' ? 1.2 * size : parseFloat(s.lineHeight);
    // Half a pixel of rounding (a 1.3 line height of 19px text computes to 24.7px).
    if (lh + 0.5 < MIN_LINE_HEIGHT * size)
      found.push(`line height ${Math.round(lh * 10) / 10}px < ${MIN_LINE_HEIGHT} × ${size}px: ${label(el, text)}`);
  };

  for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      // What was typed reads like text; the placeholder is exempt.
      if (el.value && el.type !== 'hidden' && !el.disabled && shown(el)) check(el, el.value);
      continue;
    }
    const own = [...el.childNodes]
      .filter((c) => c.nodeType === Node.TEXT_NODE)
      .map((c) => c.textContent ?? '')
      .join('')
      .trim();
    if (!own || !shown(el)) continue;
    check(el, own);
  }

  if (large) {
    for (const el of root.querySelectorAll<HTMLElement>(MAIN_ACTIONS)) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height + 0.5 < MIN_TARGET_PX || r.width + 0.5 < MIN_TARGET_PX)
        found.push(
          `main action ${Math.round(r.width)}×${Math.round(r.height)}px < ${MIN_TARGET_PX}×${MIN_TARGET_PX}px: ${label(el, (el.innerText ?? '').trim())}`,
        );
    }
  }
  return [...new Set(found)];
}
