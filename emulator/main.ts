/**
 * `npm run serve`: the local CloudBase on PORT (default 8787) with data in DATA_DIR (default
 * .data), serving the built h5 app at `/`. Seeds demo data when the database is empty, and says
 * so loudly (a data folder deleted by mistake comes back as demo data, not as what it held).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LocalCloud } from './local-cloud';
import { emulatorClock } from './clock';
import { localFunctionEnv } from './functions/env';
import { isEmpty, seedStore, today } from './seed';

const ROOT = path.resolve(__dirname, '..');

export async function serve(): Promise<LocalCloud> {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');
  const why = !existsSync(dataDir)
    ? 'the folder did not exist'
    : !existsSync(path.join(dataDir, 'db.sqlite'))
      ? 'it held no database (first run, or its db.sqlite was deleted)'
      : 'its database was empty';
  const cloud = new LocalCloud({
    dataDir,
    port,
    functions: { root: path.join(ROOT, 'cloudfunctions'), mode: 'bundle', env: localFunctionEnv() },
    staticRoot: path.join(ROOT, 'dist-h5'),
    runTimers: true,
    seed: async (c) => void seedStore(c.store, 'demo', today(emulatorClock.nowMs()), { storage: c.storage }),
  });
  if (isEmpty(cloud.store)) {
    const counts = seedStore(cloud.store, 'demo', today(emulatorClock.nowMs()), { storage: cloud.storage });
    console.log(
      `*** SEEDED ${dataDir} WITH DEMO DATA because ${why}: ${Object.entries(counts)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}`,
    );
  }
  const url = await cloud.start();
  console.log(
    'This is the LOCAL CloudBase, for development and demos only: its h5 gateway (/api/*), /dev/*, /admin and the ' +
      'x-openid header let anyone who reaches it act as any user. It listens on 127.0.0.1 only; never expose it or ' +
      'put it behind a proxy (docs/deployment.md "The local CloudBase is not for deployment").',
  );
  console.log(`ready ${url} (data ${dataDir})`);
  const shutdown = () => void cloud.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return cloud;
}

if (require.main === module) {
  serve().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
