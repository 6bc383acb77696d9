import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PAGES as COBUILD_PAGES } from '../../server/cobuild/model';
import { wishPage } from '../../server/wishes/shared';

test('notifications about a wish open a page the mini-program has (app.config.ts)', () => {
  const config = readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8');
  const [route] = wishPage('abc').split('?');
  const [, root, page] = /^(packages\/[a-z]+)\/(.+)$/.exec(route)!;
  // The subpackage root and the page inside it are both declared.
  expect(config).toContain(`'${root}'`);
  expect(config).toContain(`'${page}'`);
});

test('notifications about co-building open pages the mini-program has (app.config.ts)', () => {
  const config = readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8');
  for (const link of Object.values(COBUILD_PAGES)) {
    const [route] = link('x1').split('?');
    const [, root, page] = /^(packages\/[a-z]+)\/(.+)$/.exec(route)!;
    expect({ route, declared: config.includes(`'${root}'`) && config.includes(`'${page}'`) }).toEqual({
      route,
      declared: true,
    });
  }
});
