/**
 * Conformance: the local CloudBase keeps its data in its data folder — a cloud stopped and a new
 * one started on the same folder serves the same collections, documents and files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { rejectionOf, uniqueName, wxCloud } from '../helpers/sdk';

let dataDir: string;
let running: TestCloud | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'txy-conformance-persist-'));
});

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('documents, collections and files survive a restart on the same data folder', async () => {
  const orders = uniqueName('orders');
  const empty = uniqueName('empty');
  const bytes = Buffer.from('persisted file content');

  running = await startLocalCloud({ dataDir, seed: false });
  const first = wxCloud();
  const db1 = first.database();
  await db1.createCollection(orders);
  await db1.createCollection(empty);
  await db1.collection(orders).add({
    data: [
      { _id: 'o1', total: 12.5, at: new Date('2024-06-01T00:00:00Z'), lines: [{ sku: 'a', qty: 2 }] },
      { _id: 'o2', total: 3 },
    ],
  });
  await db1
    .collection(orders)
    .doc('o2')
    .update({ data: { total: db1.command.inc(1), note: 'edited' } });
  await db1
    .collection(orders)
    .doc('gone')
    .set({ data: { v: 1 } });
  await db1.collection(orders).doc('gone').remove();
  const { fileID } = await first.uploadFile({ cloudPath: 'persist/receipt.txt', fileContent: bytes });
  const firstUrl = running.url;
  await running.stop();
  running = undefined;

  // Nothing answers on the old port any more.
  await expect(fetch(`${firstUrl}/healthz`)).rejects.toThrow();

  running = await startLocalCloud({ dataDir, seed: false });
  const second = wxCloud();
  const db2 = second.database();

  const { data } = await db2.collection(orders).orderBy('_id', 'asc').get();
  expect(data).toEqual([
    { _id: 'o1', total: 12.5, at: new Date('2024-06-01T00:00:00Z'), lines: [{ sku: 'a', qty: 2 }] },
    { _id: 'o2', total: 4, note: 'edited' },
  ]);
  expect(data[0].at).toBeInstanceOf(Date);
  expect((await db2.collection(empty).count()).total).toBe(0);
  // the collections exist: creating one again is refused
  expect((await rejectionOf(db2.createCollection(orders))).errCode).toBe(-1);

  const download = await second.downloadFile({ fileID });
  expect(Buffer.compare(download.fileContent, bytes)).toBe(0);
});
