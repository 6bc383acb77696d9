import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { emulatorClock } from './clock';
import { parseWire, toWire, type Doc } from './db/documents';
import { DbError, type DocumentStore } from './db/store';
import { BodyTooLarge, readBody, sendJson } from './http/respond';
import type { LocalCloud } from './local-cloud';
import { handleOpenApi, readForm, type AdminForm } from './openapi/wx-openapi';
import { verifyAdminSignature } from './admin-signature';

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
 *
 * As CloudBase, nothing is served without the SDK's TC3-HMAC-SHA256 signature made with the
 * environment's key (admin-signature.ts): a missing, stale or wrong one answers
 * `SIGN_PARAM_INVALID`. A request from a function call that has timed out (identified by the
 * call's session token, a signed parameter) is refused too: the call is over.
 */
export async function handleAdmin(cloud: LocalCloud, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID().replace(/-/g, '');
  const contentType = req.headers['content-type'] ?? '';
  const refuse = (code: string, message: string) => sendJson(res, 200, { requestId, code, message });
  // Whatever arrives, the answer is HTTP 200 with `{ code, message }`: the SDK turns any other status into -501001.
  const multipart = contentType.startsWith('multipart/form-data');
  let params: Body;
  let form: AdminForm | undefined;
  if (multipart) {
    try {
      form = await readForm(req);
    } catch (err) {
      cloud.log(`[admin] wx.openApi request rejected: ${(err as Error)?.message ?? String(err)}`);
      return refuse('INVALID_PARAM', 'malformed wx.openApi request');
    }
    if (form.duplicate) return refuse('INVALID_PARAM', `parameter ${form.duplicate} given twice`);
    params = { ...form.fields, ...form.files };
  } else {
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_ADMIN_BODY);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      return refuse('INVALID_PARAM', 'request body too large');
    }
    try {
      params = JSON.parse(raw.toString('utf8')) as Body;
      if (!params || typeof params !== 'object' || Array.isArray(params)) throw new Error('not an object');
    } catch {
      return refuse('INVALID_PARAM', 'request body is not a JSON object');
    }
  }

  const verdict = verifyAdminSignature(
    { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, params, multipart },
    cloud.credentials,
  );
  if (!verdict.ok) {
    cloud.log(`[admin] refused an unsigned or badly signed request: ${verdict.message}`);
    return refuse('SIGN_PARAM_INVALID', verdict.message);
  }
  if (typeof params.sessionToken === 'string' && cloud.functions.timedOut(params.sessionToken)) {
    cloud.log(`[admin] refused a request from a function call that timed out (${String(params.action)})`);
    return refuse('SIGN_PARAM_INVALID', 'token expired: the function call that sent this request has timed out');
  }

  const action = String(params.action ?? '');
  if (form) {
    try {
      return await handleOpenApi(cloud, form, res, requestId);
    } catch (err) {
      if (res.headersSent) throw err;
      cloud.log(`[admin] wx.openApi request failed: ${(err as Error)?.stack ?? String(err)}`);
      if (isSystemError(err)) return refuse('SYS_ERR', `internal error in wx.openApi: ${(err as Error).message}`);
      return refuse('INVALID_PARAM', 'malformed wx.openApi request');
    }
  }
  // The database's network round trip (TXY_DB_LATENCY_MS): half on the way there, half on the
  // way back. The request executes in between, synchronously — no SQLite lock is held while it
  // waits, and concurrent requests wait side by side, as round trips do.
  // With jitter (TXY_DB_JITTER_MS), each leg takes up to that much more, drawn apart: requests
  // sent together arrive and answer in any order, as over the network.
  const database = action.startsWith('database.');
  const leg = () => (database ? cloud.dbLatencyMs / 2 + Math.random() * cloud.dbJitterMs : 0);
  if (database) startTrip(cloud);
  try {
    const there = leg();
    if (there > 0) await sleep(there);
    let answer: Reply;
    try {
      cloud.store.counters.set(action, (cloud.store.counters.get(action) ?? 0) + 1);
      answer = { requestId, ...dispatch(cloud, action, params) };
    } catch (err) {
      answer = { requestId, ...failure(cloud, action, err) };
    }
    const back = leg();
    if (back > 0) await sleep(back);
    sendJson(res, 200, answer);
  } finally {
    if (database) inFlight.set(cloud, (inFlight.get(cloud) ?? 1) - 1);
  }
}

/**
 * Database requests on their way at this moment, per local CloudBase. A request sent while
 * none is under way starts a round trip (`roundTrips.database`): requests a function sends side
 * by side share one, as they share the network's latency. Counted apart from the requests
 * (`database.*`); the bench reads both for one call at a time.
 */
const inFlight = new WeakMap<LocalCloud, number>();
function startTrip(cloud: LocalCloud): void {
  const n = inFlight.get(cloud) ?? 0;
  if (n === 0)
    cloud.store.counters.set('roundTrips.database', (cloud.store.counters.get('roundTrips.database') ?? 0) + 1);
  inFlight.set(cloud, n + 1);
}

/** CloudBase's `{ code, message }` for a request that failed. */
function failure(cloud: LocalCloud, action: string, err: unknown): { code: string; message: string } {
  if (err instanceof DbError) return { code: err.code, message: err.message };
  const code = (err as { code?: unknown }).code;
  if (!isSystemError(err) && typeof code === 'string' && /^[A-Z_]+$/.test(code)) {
    return { code, message: (err as Error).message };
  }
  cloud.log(`[admin] ${action} failed: ${(err as Error)?.stack ?? String(err)}`);
  return {
    code: 'SYS_ERR',
    message: `internal error in ${action || 'the request'}: ${(err as Error)?.message ?? String(err)}`,
  };
}

/** Waits at least `ms` (a timer may fire up to a millisecond early: waited out). */
async function sleep(ms: number): Promise<void> {
  const end = performance.now() + ms;
  for (let left = ms; left > 0; left = end - performance.now()) {
    await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}

/** A failure of the machine (disk, file system, SQLite), not of the request: answered SYS_ERR, logged. */
export function isSystemError(err: unknown): boolean {
  // No instanceof: better-sqlite3's errors may come from another realm (its native part is loaded once per process).
  if (!err || typeof err !== 'object') return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  return (
    name === 'SqliteError' ||
    (typeof code === 'string' && code.startsWith('SQLITE_')) ||
    'errno' in err ||
    'syscall' in err
  );
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
