/**
 * Conformance: failures — CloudBase error codes as the real wx-server-sdk maps them, updates
 * that do not fit the document, and the admin endpoint answering garbage with a CloudBase-shaped
 * `{ code, message }` on HTTP 200 without ever going down.
 */
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { adminRequest, freshCollection, rejectionOf, uniqueName, wxCloud, type Db } from '../helpers/sdk';

let tc: TestCloud;
let db: Db;
let _: any;

beforeAll(async () => {
  tc = await startLocalCloud({ seed: false });
  db = wxCloud().database();
  _ = db.command;
});

afterAll(async () => {
  await tc.stop();
});

describe('a collection that does not exist', () => {
  const missing = () => db.collection(uniqueName('missing'));

  test.each([
    ['get', () => missing().get(), 'collection.get'],
    ['where().get', () => missing().where({ a: 1 }).get(), 'collection.get'],
    ['count', () => missing().count(), 'collection.count'],
    ['add', () => missing().add({ data: { a: 1 } }), 'collection.add'],
    [
      'where().update',
      () =>
        missing()
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
      'collection.update',
    ],
    ['doc().get', () => missing().doc('x').get(), 'document.get'],
    [
      'doc().update',
      () =>
        missing()
          .doc('x')
          .update({ data: { a: 2 } }),
      'document.update',
    ],
    [
      'doc().set',
      () =>
        missing()
          .doc('x')
          .set({ data: { a: 2 } }),
      'document.set',
    ],
    ['doc().remove', () => missing().doc('x').remove(), 'document.remove'],
    ['where().remove', () => missing().where({ a: 1 }).remove(), 'collection.remove'],
  ])('%s rejects with errCode -502005', async (_label, call, api) => {
    const err = await rejectionOf(call());
    expect(err.errCode).toBe(-502005);
    expect(err.errMsg).toMatch(new RegExp(`^${api.replace('.', '\\.')}:fail -502005 database collection not exists`));
  });

  test('aggregate (whose errors the SDK does not map) rejects with the raw code DATABASE_COLLECTION_NOT_EXIST', async () => {
    const err = await rejectionOf(missing().aggregate().match({}).end());
    expect(err.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test('the collection is not created as a side effect', async () => {
    const name = uniqueName('missing');
    await rejectionOf(db.collection(name).add({ data: { a: 1 } }));
    expect((await rejectionOf(db.collection(name).count())).errCode).toBe(-502005);
  });

  test('createCollection makes it usable; creating it twice rejects with a raw TcbError code', async () => {
    const name = uniqueName('created');
    const res = await db.createCollection(name);
    expect(res.errMsg).toBe('createCollection:ok');
    expect((await db.collection(name).count()).total).toBe(0);
    const err = await rejectionOf(db.createCollection(name));
    expect(err.errCode).toBe(-1);
    expect(typeof err.code).toBe('string');
    expect(err.code.length).toBeGreaterThan(0);
  });
});

describe('updates that do not fit the document are rejected and change nothing', () => {
  let name: string;
  const original = { _id: 'd', s: 'text', n: 1, arr: [1, 2], obj: { k: 1 }, nil: null };

  beforeAll(async () => {
    name = await freshCollection(db, 'bad');
    await db.collection(name).add({ data: original });
  });

  afterEach(async () => {
    expect((await db.collection(name).doc('d').get()).data).toEqual(original);
  });

  test.each([
    ['inc on a string', () => ({ s: _.inc(1) })],
    ['inc on null', () => ({ nil: _.inc(1) })],
    ['mul on an array', () => ({ arr: _.mul(2) })],
    ['push onto a string', () => ({ s: _.push('x') })],
    ['addToSet onto an object', () => ({ obj: _.addToSet(1) })],
    ['pop on a number', () => ({ n: _.pop() })],
    ['pull from a string', () => ({ s: _.pull('t') })],
    ['a field created inside a number', () => ({ 'n.deeper': 1 })],
    ['a field created inside a string', () => ({ s: { inner: 1 } })],
    ['two operators on the same field', () => ({ n: _.inc(1), 'n.x': 2 })],
  ])('%s', async (_label, data) => {
    const err = await rejectionOf(db.collection(name).doc('d').update({ data: data() }));
    expect(typeof err.errCode).toBe('number');
    expect(err.errCode).not.toBe(0);
    expect(err.errMsg).toMatch(/^document\.update:fail/);
  });

  test('where().update fails the same way', async () => {
    const err = await rejectionOf(
      db
        .collection(name)
        .where({ _id: 'd' })
        .update({ data: { s: _.inc(1) } }),
    );
    expect(err.errMsg).toMatch(/^collection\.update:fail/);
  });

  test('the SDK itself refuses _id in update data (-501007) and operators in set data (-502001)', async () => {
    expect(
      (
        await rejectionOf(
          db
            .collection(name)
            .doc('d')
            .update({ data: { _id: 'other' } }),
        )
      ).errCode,
    ).toBe(-501007);
    expect(
      (
        await rejectionOf(
          db
            .collection(name)
            .doc('d')
            .set({ data: { n: _.inc(1) } }),
        )
      ).errCode,
    ).toBe(-502001);
  });
});

test('a multi-document update that fails on one document changes none of them', async () => {
  const name = await freshCollection(db, 'atomic');
  await db.collection(name).add({
    data: [
      { _id: 'a', g: 1, n: 1 },
      { _id: 'b', g: 1, n: 'not a number' },
      { _id: 'c', g: 1, n: 3 },
    ],
  });
  await rejectionOf(
    db
      .collection(name)
      .where({ g: 1 })
      .update({ data: { n: _.inc(10) } }),
  );
  const { data } = await db.collection(name).orderBy('_id', 'asc').get();
  expect(data.map((d: { n: unknown }) => d.n)).toEqual([1, 'not a number', 3]);
});

describe('the admin endpoint answers garbage with HTTP 200 and { code, message }', () => {
  async function admin(body: string, contentType = 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (contentType === 'application/json' && parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      // A request object: signed as the SDK signs it, so it gets past the signature check to the action's own.
      const signed = await adminRequest(tc.url, parsed as Record<string, unknown>);
      return { status: signed.status, json: signed.json };
    }
    const res = await fetch(`${tc.url}/admin?env=local&seqId=x`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const text = await res.text();
    return { status: res.status, json: JSON.parse(text) };
  }

  function expectCloudBaseError(reply: { status: number; json: any }) {
    expect(reply.status).toBe(200);
    expect(typeof reply.json.code).toBe('string');
    expect(reply.json.code.length).toBeGreaterThan(0);
    expect(typeof reply.json.message).toBe('string');
    expect(reply.json.code).not.toBe('SIGN_PARAM_INVALID');
  }

  test.each([
    ['a body that is not JSON', 'this is { not json'],
    ['an empty body', ''],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2]'],
    ['no action', '{"collectionName":"users"}'],
    ['an unknown action', '{"action":"database.dropEverything","collectionName":"users"}'],
    ['a database action without collectionName', '{"action":"database.getDocument","queryType":"WHERE"}'],
    [
      'a query that is not EJSON',
      '{"action":"database.getDocument","collectionName":"users","queryType":"WHERE","query":"{nope"}',
    ],
    [
      'a query that is not a string',
      '{"action":"database.getDocument","collectionName":"users","queryType":"WHERE","query":{"a":1}}',
    ],
    ['insert data that is not a list', '{"action":"database.insertDocument","collectionName":"users","data":"{}"}'],
    [
      'update data that is not EJSON',
      '{"action":"database.modifyDocument","collectionName":"users","query":"{}","data":"{{","multi":true}',
    ],
    [
      'aggregate stages that are not a list',
      '{"action":"database.aggregateDocuments","collectionName":"users","stages":"$match"}',
    ],
    [
      'an aggregate stage without a $ key',
      '{"action":"database.aggregateDocuments","collectionName":"users","stages":[{"stageKey":"match","stageValue":"{}"}]}',
    ],
    [
      'an unknown query operator',
      '{"action":"database.getDocument","collectionName":"users","queryType":"WHERE","query":"{\\"a\\":{\\"$nope\\":1}}"}',
    ],
    ['commit of an unknown transaction', '{"action":"database.commitTransaction","transactionId":"nope"}'],
    ['storage delete with a bad list', '{"action":"storage.batchDeleteFile","fileid_list":"x"}'],
  ])('%s', async (_label, body) => {
    expectCloudBaseError(await admin(body));
  });

  test('a wx.openApi multipart call whose requestData is not protobuf', async () => {
    const res = await adminRequest(tc.url, {
      action: 'wx.openApi',
      apiName: 'security.msgSecCheck',
      requestData: Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02]),
    });
    expectCloudBaseError(res);
  });

  test('a multipart body that cannot be parsed', async () => {
    expectCloudBaseError(await admin('garbage', 'multipart/form-data'));
  });

  test('a wx.openApi call without requestData is answered 200 with a protobuf system error, as the SDK reads it', async () => {
    const res = await adminRequest(
      tc.url,
      { action: 'wx.openApi', apiName: 'security.msgSecCheck' },
      { multipart: true },
    );
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/octet-stream');
    expect(res.bytes.byteLength).toBeGreaterThan(0);
  });

  test('the server is still up and still serves the SDK afterwards', async () => {
    const health = await fetch(`${tc.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const name = await freshCollection(db, 'alive');
    await db.collection(name).add({ data: { ok: true } });
    expect((await db.collection(name).count()).total).toBe(1);
  });
});
