import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { emulatorClock } from './clock';
import { parseWire, toWire, type Doc } from './db/documents';
import { DbError, type DocumentStore } from './db/store';
import { BodyTooLarge, readBody, sendJson } from './http/respond';
import type { LocalCloud } from './local-cloud';
import { handleOpenApi } from './openapi/wx-openapi';

type Body = Record<string, unknown>;
type Reply = Record<string, unknown>;

const MAX_ADMIN_BODY = 50 * 1024 * 1024;
/** Server-side `get` caps, as CloudBase: 100 by default, 1000 at most. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** `aggregate` without a `$limit` stage returns 20 documents, as CloudBase. */
const AGGREGATE_DEFAULT_LIMIT = 20;

/**
 * The CloudBase admin endpoint (`POST /admin?env=…`) as wx-server-sdk 4.0.2 speaks it: JSON
 * bodies with `action`, answers always HTTP 200 with `{ requestId, data }` or
 * `{ requestId, code, message }`. `wx.openApi` arrives as multipart and is handled apart.
 */
export async function handleAdmin(cloud: LocalCloud, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID().replace(/-/g, '');
  const contentType = req.headers['content-type'] ?? '';
  // Whatever arrives, the answer is HTTP 200 with `{ code, message }`: the SDK turns any other status into -501001.
  if (contentType.startsWith('multipart/form-data')) {
    try {
      return await handleOpenApi(cloud, req, res, requestId);
    } catch (err) {
      if (res.headersSent) throw err;
      cloud.log(`[admin] wx.openApi request rejected: ${(err as Error)?.message ?? String(err)}`);
      return sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: 'malformed wx.openApi request' });
    }
  }

  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_ADMIN_BODY);
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) throw err;
    return sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: 'request body too large' });
  }
  let body: Body;
  try {
    body = JSON.parse(raw.toString('utf8')) as Body;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    return sendJson(res, 200, { requestId, code: 'INVALID_PARAM', message: 'request body is not a JSON object' });
  }
  const action = String(body.action ?? '');
  cloud.store.counters.set(action, (cloud.store.counters.get(action) ?? 0) + 1);
  try {
    const reply = dispatch(cloud, action, body);
    sendJson(res, 200, { requestId, ...reply });
  } catch (err) {
    if (err instanceof DbError) return sendJson(res, 200, { requestId, code: err.code, message: err.message });
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) {
      return sendJson(res, 200, { requestId, code, message: (err as Error).message });
    }
    cloud.log(`[admin] ${action} failed: ${(err as Error)?.stack ?? String(err)}`);
    sendJson(res, 200, { requestId, code: 'SYS_ERR', message: `internal error in ${action}` });
  }
}

function dispatch(cloud: LocalCloud, action: string, body: Body): Reply {
  const store = cloud.store;
  switch (action) {
    case 'database.getDocument':
      return { data: getDocument(store, body) };
    case 'database.insertDocument':
      return { data: insertDocument(store, body) };
    case 'database.modifyDocument':
      return { data: modifyDocument(store, body) };
    case 'database.removeDocument':
      return { data: removeDocument(store, body) };
    case 'database.calculateDocument':
      return { data: { total: store.count(collectionOf(body), query(body)) } };
    case 'database.aggregateDocuments':
      return { data: aggregateDocuments(store, body) };
    case 'database.addCollection': {
      if (!store.createCollection(collectionOf(body))) {
        throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${collectionOf(body)} already exists`);
      }
      return {};
    }
    case 'database.startTransaction':
      return { transactionId: store.startTransaction() };
    case 'database.commitTransaction':
      store.commitTransaction(String(body.transactionId ?? ''));
      return {};
    case 'database.abortTransaction':
      store.abortTransaction(String(body.transactionId ?? ''));
      return {};
    case 'storage.getUploadMetadata':
      return { data: cloud.storage.uploadMetadata(body.path) };
    case 'storage.batchGetDownloadUrl':
      return {
        data: {
          download_list: cloud.storage.downloadUrls(
            arrayOf(body.file_list) as Array<{ fileid?: unknown; max_age?: unknown }>,
          ),
        },
      };
    case 'storage.batchDeleteFile':
      return { data: { delete_list: cloud.storage.deleteFiles(arrayOf(body.fileid_list)) } };
    default:
      cloud.log(`[admin] unsupported action ${action || '(none)'}`);
      throw new DbError('INVALID_PARAM', `action ${action || '(none)'} is not supported by the local CloudBase`);
  }
}

// ------------------------------------------------------------------ helpers

function collectionOf(body: Body): string {
  if (typeof body.collectionName !== 'string' || body.collectionName === '') {
    throw new DbError('INVALID_PARAM', 'collectionName is required');
  }
  return body.collectionName;
}

function arrayOf(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new DbError('INVALID_PARAM', 'expected a list');
  return v;
}

function wire(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw new DbError('INVALID_PARAM', `${what} must be an EJSON string`);
  try {
    return parseWire(text, emulatorClock.nowMs());
  } catch (err) {
    throw new DbError('INVALID_PARAM', `${what} is not valid EJSON: ${(err as Error).message}`);
  }
}

function objectOf(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new DbError('INVALID_PARAM', `${what} must be an object`);
  return v as Record<string, unknown>;
}

/** `query` may be absent (no where), "" (remove without where) or an EJSON string. */
function query(body: Body): Record<string, unknown> {
  if (body.query === undefined || body.query === '') return {};
  return objectOf(wire(body.query, 'query'), 'query');
}

function txId(body: Body): string | undefined {
  return typeof body.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : undefined;
}

/** A DOC query inside a transaction addresses one document by `_id`. */
function docId(q: Record<string, unknown>): string {
  if (typeof q._id !== 'string')
    throw new DbError('INVALID_PARAM', 'transactions support single-document operations by _id only');
  return q._id;
}

// ------------------------------------------------------------------ database actions

function getDocument(store: DocumentStore, body: Body) {
  const collection = collectionOf(body);
  const q = query(body);
  const tx = txId(body);
  if (tx && body.queryType === 'DOC') {
    const doc = store.txGet(tx, collection, docId(q));
    return { list: doc ? [toWire(doc)] : [] };
  }
  const requested = Number(body.limit ?? DEFAULT_LIMIT);
  const limit = Math.min(Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_LIMIT, MAX_LIMIT);
  const offset = Math.max(0, Number(body.offset ?? 0) || 0);
  const order =
    body.order === undefined || body.order === ''
      ? undefined
      : (objectOf(wire(body.order, 'order'), 'order') as Record<string, 1 | -1>);
  const projection =
    body.projection === undefined || body.projection === ''
      ? undefined
      : objectOf(wire(body.projection, 'projection'), 'projection');
  const docs = store.find(collection, { query: q, sort: order, skip: offset, limit, projection });
  return { list: docs.map(toWire), limit, offset };
}

function insertDocument(store: DocumentStore, body: Body) {
  const collection = collectionOf(body);
  const docs = arrayOf(body.data).map((d, i) => objectOf(wire(d, `data[${i}]`), `data[${i}]`));
  const tx = txId(body);
  const insertedIds = tx ? docs.map((d) => store.txInsert(tx, collection, d)) : store.insert(collection, docs);
  return { insertedIds };
}

function modifyDocument(store: DocumentStore, body: Body) {
  const collection = collectionOf(body);
  const q = query(body);
  const data = objectOf(wire(body.data, 'data'), 'data');
  const opts = { multi: body.multi === true, merge: body.merge !== false, upsert: body.upsert === true };
  const tx = txId(body);
  const result =
    tx && body.queryType === 'DOC'
      ? store.txUpdate(tx, collection, docId(q), data, opts)
      : store.update(collection, q, data, opts);
  return result.upsertedId === undefined
    ? { updated: result.updated }
    : { updated: result.updated, upsert_id: result.upsertedId };
}

function removeDocument(store: DocumentStore, body: Body) {
  const collection = collectionOf(body);
  const q = query(body);
  const tx = txId(body);
  const deleted =
    tx && body.queryType === 'DOC'
      ? store.txRemove(tx, collection, docId(q))
      : store.remove(collection, q, body.multi !== false);
  return { deleted };
}

function aggregateDocuments(store: DocumentStore, body: Body) {
  const collection = collectionOf(body);
  const pipeline = arrayOf(body.stages).map((s, i) => {
    const stage = objectOf(s, `stages[${i}]`);
    if (typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$'))
      throw new DbError('INVALID_PARAM', `stages[${i}].stageKey is invalid`);
    return { [stage.stageKey]: wire(stage.stageValue, `stages[${i}].stageValue`) };
  });
  if (!pipeline.some((s) => '$limit' in s)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
  const list = store.aggregate(collection, pipeline as Record<string, unknown>[]);
  return { list: list.map((d) => toWire(d as Doc)) };
}
