import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COBUILD_MEETING_PAGES } from '../../contract/functions/cobuild/meetings';
import { PAGES as COBUILD_LIST_PAGES } from '../../server/cobuild/model';
import { casePage } from '../../server/complaints/notices';
import { activityPage, sixOnesPage } from '../../server/sixOnes/shared';
import { wishPage } from '../../server/wishes/shared';

/** Every page a notification opens (the server's page builders), with an id where they take one. */
const OPENED = {
  wish: wishPage('abc'),
  case: casePage('abc'),
  activity: activityPage('abc'),
  sixOnes: sixOnesPage(),
  ...Object.fromEntries(Object.entries(COBUILD_LIST_PAGES).map(([k, page]) => [`cobuild.${k}`, page('abc')])),
  ...Object.fromEntries(
    Object.entries(COBUILD_MEETING_PAGES).map(([k, page]) => [
      `cobuild.${k}`,
      typeof page === 'string' ? page : page('abc'),
    ]),
  ),
};

test.each(Object.entries(OPENED))(
  'a notification about %s opens a page the mini-program has (app.config.ts)',
  (_, url) => {
    const config = readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8');
    const [route] = url.split('?');
    const [, root, page] = /^(packages\/[a-z]+)\/(.+)$/.exec(route)!;
    // The subpackage root and the page inside it are both declared, the page in that subpackage.
    const block = new RegExp(`root: '${root}',\\s*pages: \\[([^\\]]*)\\]`).exec(config);
    expect(block).not.toBeNull();
    expect(block![1]).toContain(`'${page}'`);
  },
);
