import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/**
 * 适老化: the selected tab must differ by more than its colour (WCAG 1.4.1: colour is not the only
 * visual means). The selected icon is drawn filled, the others in outline, so the selected one
 * covers far more of its square than the same icon unselected.
 */
const inked = (file: string): number => {
  const png = PNG.sync.read(readFileSync(path.resolve(__dirname, '../../src', file)));
  let count = 0;
  for (let i = 3; i < png.data.length; i += 4) if (png.data[i] > 128) count += 1;
  return count;
};

describe('tab bar icons', () => {
  // The config is Taro's macro call; read it as the plain object it wraps.
  (globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  const config = require('../../src/app.config').default as {
    tabBar: { list: { text: string; iconPath: string; selectedIconPath: string }[] };
  };
  const tabs = config.tabBar.list;

  test.each(tabs.map((t) => [t.text, t] as const))('%s: the selected icon is filled, not only red', (_text, tab) => {
    const normal = inked(tab.iconPath);
    const selected = inked(tab.selectedIconPath);
    expect(normal).toBeGreaterThan(0);
    expect(selected / normal).toBeGreaterThanOrEqual(1.6);
  });
});
