import { readFileSync } from 'node:fs';
import path from 'node:path';
import { wishPage } from '../../server/wishes/shared';

test('notifications about a wish open a page the mini-program has (app.config.ts)', () => {
  const config = readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8');
  const [route] = wishPage('abc').split('?');
  const [, root, page] = /^(packages\/[a-z]+)\/(.+)$/.exec(route)!;
  // The subpackage root and the page inside it are both declared.
  expect(config).toContain(`'${root}'`);
  expect(config).toContain(`'${page}'`);
});
