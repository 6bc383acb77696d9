import Database from 'better-sqlite3';
import { Aggregator, Query, update as applyOperators } from 'mingo';
import type { IndexSpec } from '../../server/platform/collections';
import { PathWatch } from '../data-dir';
import { clone, deserialize, newId, serialize, type Doc } from './documents';

/** CloudBase-shaped failure: the wire layer answers `{ code, message }`. */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export interface FindOptions {
  query?: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export interface UpdateOptions {
  multi: boolean;
  /** true: `data` holds update operators (update); false: `data` replaces the document (set). */
  merge: boolean;
  upsert: boolean;
}

/** A write buffered by a transaction, applied at commit. `doc: null` deletes. */
interface TxWrite {
  collection: string;
  id: string;
  doc: Doc | null;
}

interface Transaction {
  id: string;
  startedAt: number;
  /** Version seen for every document the transaction read or wrote; 0 = did not exist. */
  seen: Map<string, number>;
  writes: Map<string, TxWrite>;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const TX_TTL_MS = 30_000;
const key = (collection: string, id: string) => `${collection}\u0000${id}`;
const table = (collection: string) => `"col_${collection}"`;

/**
 * The document database behind the local CloudBase: one SQLite table per collection, documents
 * as relaxed EJSON, matching/updating/aggregating with mingo, every read-modify-write inside
 * `BEGIN IMMEDIATE`. Transactions are optimistic: reads are versioned, writes buffered, and the
 * commit fails with DATABASE_TRANSACTION_CONFLICT when anything seen has changed since.
 */
export class DocumentStore {
  private readonly sql: Database.Database;
  private readonly collections = new Set<string>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly indexes: Record<string, IndexSpec[]>;
  /** Every request served, by action: the bench reads it to count round trips. */
  readonly counters = new Map<string, number>();

  /** The database file as opened: a write after it was deleted or replaced fails (see guardFile). */
  private readonly file: PathWatch;
  /**
   * Per collection, per field path: whether some document holds an array along the path (or, at
   * its end, an object that is not a date). SQLite's expression indexes compare scalars, so such
   * a path must not narrow a query (MongoDB matches `{ tags: 'a' }` against `tags: ['a', 'b']`).
   * Learnt from the table on first use, kept up to date by every write.
   */
  private readonly awkward = new Map<string, Map<string, boolean>>();

  constructor(file: string, indexes: Record<string, IndexSpec[]>) {
    this.indexes = indexes;
    this.sql = new Database(file);
    this.file = new PathWatch([file]);
    this.sql.pragma('journal_mode = WAL');
    this.sql.pragma('synchronous = NORMAL');
    this.sql.pragma('busy_timeout = 5000');
    this.sql.exec('CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL)');
    for (const row of this.sql.prepare('SELECT name FROM _collections').all() as { name: string }[]) {
      this.collections.add(row.name);
    }
  }

  close(): void {
    this.sql.close();
  }

  // ---------------------------------------------------------------- collections

  createCollection(name: string): boolean {
    if (!NAME.test(name)) throw new DbError('INVALID_PARAM', `invalid collection name: ${name}`);
    if (this.collections.has(name)) return false;
    this.immediate(() => {
      this.sql.exec(
        `CREATE TABLE IF NOT EXISTS ${table(name)} (_id TEXT PRIMARY KEY, ver INTEGER NOT NULL, doc TEXT NOT NULL)`,
      );
      for (const spec of this.indexes[name] ?? []) {
        const cols = spec.fields.map((f) => `json_extract(doc, '$.${f}')`).join(', ');
        const idx = `"idx_${name}_${spec.fields.join('_').replace(/\./g, '_')}"`;
        this.sql.exec(`CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${idx} ON ${table(name)} (${cols})`);
      }
      this.sql.prepare('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(name, Date.now());
    });
    this.collections.add(name);
    return true;
  }

  listCollections(): string[] {
    return [...this.collections].sort();
  }

  /** Empties every collection (dev reset); collections and indexes stay. */
  truncateAll(): void {
    this.immediate(() => {
      for (const name of this.collections) this.sql.exec(`DELETE FROM ${table(name)}`);
    });
    this.transactions.clear();
    this.awkward.clear();
  }

  private requireCollection(name: string): void {
    if (!this.collections.has(name)) {
      throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    }
  }

  // ---------------------------------------------------------------- reads

  find(collection: string, opts: FindOptions): Doc[] {
    this.requireCollection(collection);
    const page = this.indexedPage(collection, opts);
    if (page) return opts.projection ? new Query({}).find<Doc>(page, opts.projection as never).all() : page;
    let cursor = new Query(opts.query ?? {}).find<Doc>(
      this.candidates(collection, opts.query ?? {}),
      opts.projection as never,
    );
    if (opts.sort && Object.keys(opts.sort).length > 0) cursor = cursor.sort(opts.sort);
    if (opts.skip) cursor = cursor.skip(opts.skip);
    if (opts.limit !== undefined) cursor = cursor.limit(opts.limit);
    return cursor.all();
  }

  /**
   * A sorted page answered by SQLite alone, as a database with the index would: when the query
   * is only equalities that a declared index answers (as its leading fields), SQLite filters,
   * sorts and pages, and only the page's documents are parsed. Anything else: null (mingo does it).
   * Dates (stored as `{"$date":"<ISO>"}`) sort by that text, i.e. in time order; missing values
   * first, as in MongoDB's ascending order. A declared index ending with the sort fields lets
   * SQLite walk it instead of sorting.
   */
  private indexedPage(collection: string, opts: FindOptions): Doc[] | null {
    const sort = Object.entries(opts.sort ?? {});
    if (sort.length === 0) return null;
    const query = opts.query ?? {};
    const eq: Record<string, string | number> = {};
    const conjuncts = [query, ...(Array.isArray(query.$and) ? (query.$and as Record<string, unknown>[]) : [])];
    for (const c of conjuncts) {
      for (const [k, v] of Object.entries(c)) {
        if (c === query && k === '$and') continue;
        if (k.startsWith('$') || !/^[A-Za-z0-9_.]+$/.test(k)) return null;
        if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) return null;
        if (k in eq && eq[k] !== v) return null;
        eq[k] = v;
      }
    }
    const keys = Object.keys(eq);
    if (keys.length === 0) return null;
    const covered = (this.indexes[collection] ?? []).some((spec) => {
      const lead = spec.fields.slice(0, keys.length);
      return lead.length === keys.length && keys.every((k) => lead.includes(k));
    });
    if (!covered || sort.some(([k]) => !/^[A-Za-z0-9_.]+$/.test(k))) return null;
    // SQLite compares and sorts the stored JSON text: exact only where every value is a scalar or a date.
    if ([...keys, ...sort.map(([k]) => k)].some((k) => this.isAwkward(collection, k))) return null;
    const where = keys.map((k) => `json_extract(doc, '$.${k}') = ?`).join(' AND ');
    const order = sort.map(([k, dir]) => `${sortKey(k)} ${dir === -1 ? 'DESC' : 'ASC'}`).join(', ');
    const rows = this.sql
      .prepare(`SELECT doc FROM ${table(collection)} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...keys.map((k) => eq[k]), opts.limit ?? -1, opts.skip ?? 0) as { doc: string }[];
    return rows.map((r) => deserialize(r.doc));
  }

  count(collection: string, query: Record<string, unknown>): number {
    this.requireCollection(collection);
    if (Object.keys(query).length === 0) {
      return (this.sql.prepare(`SELECT COUNT(*) AS n FROM ${table(collection)}`).get() as { n: number }).n;
    }
    return new Query(query).find(this.candidates(collection, query)).all().length;
  }

  aggregate(collection: string, pipeline: Record<string, unknown>[]): Record<string, unknown>[] {
    this.requireCollection(collection);
    const paged = this.indexedAggregate(collection, pipeline);
    if (paged) return paged.rest.length > 0 ? this.aggregator(paged.rest).run(paged.page) : paged.page;
    const first = pipeline[0]?.$match as Record<string, unknown> | undefined;
    return this.aggregator(pipeline).run(this.candidates(collection, first ?? {})) as Record<string, unknown>[];
  }

  private aggregator(pipeline: Record<string, unknown>[]): Aggregator {
    return new Aggregator(pipeline, {
      collectionResolver: (name: string) => (this.collections.has(name) ? this.all(name) : []),
    });
  }

  /**
   * An aggregate that begins by filtering, sorting and paging has that beginning answered by
   * SQLite, as `indexedPage` answers a sorted `get`: `$match` of scalar equalities, one of them
   * on the first field of a declared index; any `$addFields` of `{ $cond: [{ $eq: ['$path',
   * constant] }, a, b] }` (a computed sort key, e.g. the wish hall's own community first); `$sort`
   * on those keys and on scalar fields; an optional `$skip`; `$limit`. SQLite filters, sorts and
   * pages reading the rows' fields natively — like MongoDB it still looks at every matching
   * document, the key being computed, but none is parsed in JavaScript — and only the page's
   * documents are parsed; `rest` (the `$addFields` again, then every stage after `$limit`) is
   * mingo's, on the page. Ties keep the order mingo gives (the table's). Anything else: null.
   */
  private indexedAggregate(
    collection: string,
    pipeline: Record<string, unknown>[],
  ): { page: Doc[]; rest: Record<string, unknown>[] } | null {
    const stage = (i: number, name: string): unknown => {
      const s = pipeline[i];
      return s && Object.keys(s).length === 1 && name in s ? s[name] : undefined;
    };
    const match = stage(0, '$match');
    if (!isPlainObject(match) || Object.keys(match).length === 0) return null;
    const where: string[] = [];
    const params: Array<string | number> = [];
    for (const [path, value] of Object.entries(match)) {
      if (!PATH.test(path) || this.isAwkward(collection, path)) return null;
      const test = scalarTest(path, value);
      if (!test) return null;
      where.push(test.sql);
      params.push(...test.params);
    }
    if (!(this.indexes[collection] ?? []).some((spec) => spec.fields[0] in match)) return null;
    let i = 1;
    const computed = new Map<string, { sql: string; params: Array<string | number> }>();
    for (let added = stage(i, '$addFields'); added !== undefined; added = stage(++i, '$addFields')) {
      if (!isPlainObject(added)) return null;
      for (const [name, expr] of Object.entries(added)) {
        const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? condOnEq(expr) : null;
        // mingo's `$eq` matches an array holding the value (MongoDB's does not): such a path stays mingo's.
        if (!key || computed.has(name) || this.isAwkward(collection, key.path)) return null;
        computed.set(name, key);
      }
    }
    const addFieldsEnd = i;
    const sort = stage(i++, '$sort');
    if (!isPlainObject(sort) || Object.keys(sort).length === 0) return null;
    const order: string[] = [];
    for (const [k, dir] of Object.entries(sort)) {
      if (dir !== 1 && dir !== -1) return null;
      const key = computed.get(k);
      if (key) {
        order.push(`${key.sql} ${dir === -1 ? 'DESC' : 'ASC'}`);
        params.push(...key.params);
        continue;
      }
      if (!PATH.test(k) || computed.has(k.split('.')[0]) || this.isAwkward(collection, k)) return null;
      order.push(`${sortKey(k)} ${dir === -1 ? 'DESC' : 'ASC'}`);
    }
    const skip = stage(i, '$skip') ?? 0;
    if (stage(i, '$skip') !== undefined) i++;
    const limit = stage(i++, '$limit');
    if (!Number.isSafeInteger(skip) || (skip as number) < 0 || !Number.isSafeInteger(limit) || (limit as number) < 1)
      return null;
    const ids = this.sql
      .prepare(
        `SELECT rowid AS r FROM ${table(collection)} WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')}, rowid LIMIT ? OFFSET ?`,
      )
      .all(...params, limit as number, skip as number) as { r: number }[];
    const docs = new Map<number, Doc>();
    for (let n = 0; n < ids.length; n += 500) {
      const chunk = ids.slice(n, n + 500).map((row) => row.r);
      const rows = this.sql
        .prepare(`SELECT rowid AS r, doc FROM ${table(collection)} WHERE rowid IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk) as { r: number; doc: string }[];
      for (const row of rows) docs.set(row.r, deserialize(row.doc));
    }
    return {
      page: ids.map((row) => docs.get(row.r)!),
      rest: [...pipeline.slice(1, addFieldsEnd), ...pipeline.slice(i)],
    };
  }

  /** Reads one document with its version (0 when it does not exist). */
  getVersioned(collection: string, id: string): { doc: Doc | null; ver: number } {
    this.requireCollection(collection);
    const row = this.sql.prepare(`SELECT ver, doc FROM ${table(collection)} WHERE _id = ?`).get(id) as
      | { ver: number; doc: string }
      | undefined;
    return row ? { doc: deserialize(row.doc), ver: row.ver } : { doc: null, ver: 0 };
  }

  private all(collection: string): Doc[] {
    return (this.sql.prepare(`SELECT doc FROM ${table(collection)}`).all() as { doc: string }[]).map((r) =>
      deserialize(r.doc),
    );
  }

  /**
   * Narrows the rows mingo must look at with what SQLite can answer from an index: `_id`
   * equality or `$in`, or equality on a declared (scalar) index field. Always a superset of the
   * matches; mingo decides.
   */
  private candidates(collection: string, query: Record<string, unknown>): Doc[] {
    // The conjuncts: the query's own fields and those of a top-level $and (as the SDK sends
    // `where(_.and([...]))`); any one of them that SQLite can answer narrows the scan.
    const conjuncts = [query, ...(Array.isArray(query.$and) ? (query.$and as Record<string, unknown>[]) : [])];
    for (const c of conjuncts) {
      const rows = this.lookup(collection, c);
      if (rows) return rows.map((r) => deserialize(r.doc));
    }
    return this.all(collection);
  }

  /** Rows for `_id` equality or `$in`, or equality on a declared index field; null if none applies. */
  private lookup(collection: string, c: Record<string, unknown>): { doc: string }[] | null {
    const id = c._id;
    if (typeof id === 'string') {
      return this.sql.prepare(`SELECT doc FROM ${table(collection)} WHERE _id = ?`).all(id) as { doc: string }[];
    }
    const list = id && typeof id === 'object' ? (id as { $in?: unknown }).$in : undefined;
    if (Array.isArray(list) && list.length <= 500 && list.every((v) => typeof v === 'string')) {
      if (list.length === 0) return [];
      return this.sql
        .prepare(`SELECT doc FROM ${table(collection)} WHERE _id IN (${list.map(() => '?').join(',')})`)
        .all(...list) as { doc: string }[];
    }
    // The declared index with the longest prefix of equality conditions (a compound index
    // answers `communityId = ? AND status = ?` at once; its first field alone also narrows).
    let best: string[] = [];
    for (const spec of this.indexes[collection] ?? []) {
      const prefix: string[] = [];
      for (const field of spec.fields) {
        const value = c[field];
        const scalar = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
        if (scalar && !this.isAwkward(collection, field)) prefix.push(field);
        else break;
      }
      if (prefix.length > best.length) best = prefix;
    }
    if (best.length === 0) {
      // `field: { $in: [...] }` on the first field of an index (a grid worker's several grids).
      for (const spec of this.indexes[collection] ?? []) {
        if (this.isAwkward(collection, spec.fields[0])) continue;
        const v = c[spec.fields[0]];
        const list = v && typeof v === 'object' ? (v as { $in?: unknown }).$in : undefined;
        if (
          Array.isArray(list) &&
          list.length <= 500 &&
          list.every((x) => typeof x === 'string' || typeof x === 'number')
        ) {
          if (list.length === 0) return [];
          return this.sql
            .prepare(
              `SELECT doc FROM ${table(collection)} WHERE json_extract(doc, '$.${spec.fields[0]}') IN (${list.map(() => '?').join(',')})`,
            )
            .all(...(list as Array<string | number>)) as { doc: string }[];
        }
      }
    }
    if (best.length > 0) {
      const where = best.map((f) => `json_extract(doc, '$.${f}') = ?`).join(' AND ');
      return this.sql
        .prepare(`SELECT doc FROM ${table(collection)} WHERE ${where}`)
        .all(...best.map((f) => c[f] as string | number)) as { doc: string }[];
    }
    return null;
  }

  // ---------------------------------------------------------------- writes

  insert(collection: string, docs: Record<string, unknown>[]): string[] {
    this.requireCollection(collection);
    return this.immediate(() => docs.map((d) => this.insertOne(collection, d)));
  }

  private insertOne(collection: string, data: Record<string, unknown>): string {
    const id = data._id === undefined ? newId() : data._id;
    if (typeof id !== 'string' || id.length === 0) throw new DbError('INVALID_PARAM', '_id must be a non-empty string');
    const doc = { ...clone(data), _id: id } as Doc;
    this.noteShape(collection, doc);
    try {
      this.sql.prepare(`INSERT INTO ${table(collection)} (_id, ver, doc) VALUES (?, 1, ?)`).run(id, serialize(doc));
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw duplicate(collection, id);
      throw err;
    }
    return id;
  }

  update(collection: string, query: Record<string, unknown>, data: Record<string, unknown>, opts: UpdateOptions) {
    this.requireCollection(collection);
    return this.immediate(() => {
      const matches = new Query(query).find<Doc>(this.candidates(collection, query)).all();
      const targets = opts.multi ? matches : matches.slice(0, 1);
      let updated = 0;
      for (const current of targets) {
        const next = this.applyChange(current, data, opts.merge);
        if (serialize(next) !== serialize(current)) {
          this.writeDoc(collection, next);
          updated++;
        }
      }
      let upsertedId: string | undefined;
      if (targets.length === 0 && opts.upsert) {
        const base: Record<string, unknown> = typeof query._id === 'string' ? { _id: query._id } : {};
        const created = opts.merge ? this.applyChange({ ...base } as Doc, data, true) : { ...data, ...base };
        upsertedId = this.insertOne(collection, created);
      }
      return { matched: targets.length, updated, upsertedId };
    });
  }

  remove(collection: string, query: Record<string, unknown>, multi: boolean): number {
    this.requireCollection(collection);
    return this.immediate(() => {
      const matches = new Query(query).find<Doc>(this.candidates(collection, query)).all();
      const targets = multi ? matches : matches.slice(0, 1);
      const del = this.sql.prepare(`DELETE FROM ${table(collection)} WHERE _id = ?`);
      for (const d of targets) del.run(d._id);
      return targets.length;
    });
  }

  /** Update operators (merge) or whole-document replacement (set); `_id` never changes. */
  private applyChange(current: Doc, data: Record<string, unknown>, merge: boolean): Doc {
    if (!merge) {
      const { _id: _ignored, ...rest } = data;
      return { ...clone(rest), _id: current._id } as Doc;
    }
    const next = clone(current);
    const ops = Object.keys(data);
    if (ops.length === 0 || ops.some((k) => !k.startsWith('$'))) {
      throw new DbError('INVALID_PARAM', 'update data must consist of update operators');
    }
    for (const op of ops) {
      const fields = data[op] as Record<string, unknown>;
      if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
        throw new DbError('INVALID_PARAM', 'cannot update _id');
      }
      for (const [f, operand] of Object.entries(fields)) checkOperandFits(next, op, f, operand);
    }
    try {
      applyOperators(next, data as never, undefined, undefined, { cloneMode: 'deep' });
    } catch (err) {
      throw new DbError('INVALID_PARAM', `invalid update: ${(err as Error).message}`);
    }
    return next;
  }

  private writeDoc(collection: string, doc: Doc): void {
    this.noteShape(collection, doc);
    this.sql
      .prepare(`UPDATE ${table(collection)} SET ver = ver + 1, doc = ? WHERE _id = ?`)
      .run(serialize(doc), doc._id);
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    this.expireTransactions();
    const id = newId();
    this.transactions.set(id, { id, startedAt: Date.now(), seen: new Map(), writes: new Map() });
    return id;
  }

  private tx(id: string): Transaction {
    this.expireTransactions();
    const tx = this.transactions.get(id);
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} not found or expired`);
    return tx;
  }

  /** A read inside a transaction sees its own buffered writes, else the committed document. */
  txGet(txId: string, collection: string, id: string): Doc | null {
    const tx = this.tx(txId);
    const k = key(collection, id);
    const buffered = tx.writes.get(k);
    if (buffered) return buffered.doc ? clone(buffered.doc) : null;
    const { doc, ver } = this.getVersioned(collection, id);
    if (!tx.seen.has(k)) tx.seen.set(k, ver);
    return doc;
  }

  txInsert(txId: string, collection: string, data: Record<string, unknown>): string {
    const id = data._id === undefined ? newId() : String(data._id);
    if (this.txGet(txId, collection, id)) throw duplicate(collection, id);
    this.tx(txId).writes.set(key(collection, id), { collection, id, doc: { ...clone(data), _id: id } as Doc });
    return id;
  }

  /** Update (merge) or set (replace, creating when `upsert`) one document by id. */
  txUpdate(txId: string, collection: string, id: string, data: Record<string, unknown>, opts: UpdateOptions) {
    const current = this.txGet(txId, collection, id);
    if (!current) {
      if (!opts.upsert) return { updated: 0, upsertedId: undefined as string | undefined };
      const created = opts.merge ? this.applyChange({ _id: id }, data, true) : ({ ...data, _id: id } as Doc);
      this.tx(txId).writes.set(key(collection, id), { collection, id, doc: created });
      return { updated: 0, upsertedId: id };
    }
    const next = this.applyChange(current, data, opts.merge);
    this.tx(txId).writes.set(key(collection, id), { collection, id, doc: next });
    return { updated: 1, upsertedId: undefined };
  }

  txRemove(txId: string, collection: string, id: string): number {
    if (!this.txGet(txId, collection, id)) return 0;
    this.tx(txId).writes.set(key(collection, id), { collection, id, doc: null });
    return 1;
  }

  commitTransaction(txId: string): void {
    const tx = this.tx(txId);
    this.transactions.delete(txId);
    this.immediate(() => {
      for (const [k, ver] of tx.seen) {
        const [collection, id] = k.split('\u0000');
        if (this.getVersioned(collection, id).ver !== ver) {
          throw new DbError(
            'DATABASE_TRANSACTION_CONFLICT',
            'Transaction is conflict, maybe resource operated by others',
          );
        }
      }
      for (const w of tx.writes.values()) {
        if (w.doc) this.noteShape(w.collection, w.doc);
        if (w.doc === null) this.sql.prepare(`DELETE FROM ${table(w.collection)} WHERE _id = ?`).run(w.id);
        else
          this.sql
            .prepare(
              `INSERT INTO ${table(w.collection)} (_id, ver, doc) VALUES (?, 1, ?) ON CONFLICT(_id) DO UPDATE SET ver = ver + 1, doc = excluded.doc`,
            )
            .run(w.id, serialize(w.doc));
      }
    });
  }

  abortTransaction(txId: string): void {
    this.tx(txId);
    this.transactions.delete(txId);
  }

  private expireTransactions(): void {
    const limit = Date.now() - TX_TTL_MS;
    for (const [id, tx] of this.transactions) if (tx.startedAt < limit) this.transactions.delete(id);
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * A write to a database file that was deleted (or replaced) while the server runs would go to
   * an unlinked file and vanish: refused, loudly.
   */
  private guardFile(): void {
    const problem = this.file.problem();
    if (problem) throw new DbError('SYS_ERR', `the local database is gone: ${problem}; restart the server`);
  }

  /** Whether `path` may hold, in some document, an array along it or a non-date object at its end. */
  private isAwkward(collection: string, path: string): boolean {
    let paths = this.awkward.get(collection);
    if (!paths) this.awkward.set(collection, (paths = new Map()));
    let known = paths.get(path);
    if (known === undefined) {
      const parts = path.split('.');
      const at = (n: number) => `'$.${parts.slice(0, n).join('.')}'`;
      const arrays = parts.map((_p, i) => `json_type(doc, ${at(i + 1)}) = 'array'`);
      const object = `(json_type(doc, ${at(parts.length)}) = 'object' AND json_type(doc, '$.${path}."$date"') IS NULL)`;
      known = Boolean(
        this.sql.prepare(`SELECT 1 FROM ${table(collection)} WHERE ${[...arrays, object].join(' OR ')} LIMIT 1`).get(),
      );
      paths.set(path, known);
    }
    return known;
  }

  /** Keeps `awkward` true for the paths this document makes awkward (before it is written). */
  private noteShape(collection: string, doc: Doc): void {
    const paths = this.awkward.get(collection);
    if (!paths) return;
    for (const [path, known] of paths) if (!known && awkwardAt(doc, path)) paths.set(path, true);
  }

  /** Runs `fn` inside BEGIN IMMEDIATE (the write lock first), committing or rolling back. */
  private immediate<T>(fn: () => T): T {
    this.guardFile();
    if (this.sql.inTransaction) return fn();
    return this.sql.transaction(fn).immediate();
  }
}

/**
 * A field as SQLite sorts it: a date (`{"$date": "<ISO>"}`, whose text drops `.000` when the
 * milliseconds are 0, so `…:12Z` would sort after `…:12.558Z`) as a fixed-width ISO string;
 * anything else as stored.
 */
const sortKey = (k: string) =>
  `COALESCE(strftime('%Y-%m-%dT%H:%M:%f', json_extract(doc, '$.${k}."$date"')), json_extract(doc, '$.${k}'))`;

/** A field path SQLite's json_extract can address as `$.<path>`. */
const PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
}

/**
 * SQL true exactly where the field at `path` (a scalar path: no array along it) equals `value`
 * as MongoDB compares: a string only a string, a number only a number, a boolean only that
 * boolean (json_extract alone would make `true` equal 1 and a date's JSON text a string). Null
 * for any other value (null matches missing fields too; objects and operators: mingo's).
 */
function scalarTest(path: string, value: unknown): { sql: string; params: Array<string | number> } | null {
  const at = `'$.${path}'`;
  if (typeof value === 'string')
    return { sql: `(json_extract(doc, ${at}) = ? AND json_type(doc, ${at}) = 'text')`, params: [value] };
  if (typeof value === 'number' && Number.isFinite(value))
    return {
      sql: `(json_extract(doc, ${at}) = ? AND json_type(doc, ${at}) IN ('integer', 'real'))`,
      params: [value],
    };
  if (typeof value === 'boolean') return { sql: `json_type(doc, ${at}) = '${value ? 'true' : 'false'}'`, params: [] };
  return null;
}

/**
 * `{ $cond: [{ $eq: ['$path', constant] }, a, b] }` (or `$cond: { if, then, else }`; `$eq`'s
 * operands either way round), constant a string or number, a and b numbers, as SQL — exact
 * where no array lies along the path (the caller checks): a date, an object or a missing field
 * never equals a string or number, and json_type tells those apart.
 */
function condOnEq(expr: unknown): { sql: string; params: Array<string | number>; path: string } | null {
  if (!isPlainObject(expr) || Object.keys(expr).length !== 1) return null;
  const cond = expr.$cond;
  const [test, then, otherwise] = Array.isArray(cond)
    ? cond
    : isPlainObject(cond)
      ? [cond.if, cond.then, cond.else]
      : [];
  const number = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!number(then) || !number(otherwise) || !isPlainObject(test) || Object.keys(test).length !== 1) return null;
  const operands = test.$eq;
  if (!Array.isArray(operands) || operands.length !== 2) return null;
  const isPath = (v: unknown): v is string => typeof v === 'string' && v.startsWith('$') && !v.startsWith('$$');
  const [ref, constant] = isPath(operands[0]) ? operands : [operands[1], operands[0]];
  if (!isPath(ref) || !PATH.test(ref.slice(1)) || isPath(constant)) return null;
  if (!(typeof constant === 'string' && !constant.startsWith('$')) && !number(constant)) return null;
  const at = `'$.${ref.slice(1)}'`;
  const type = typeof constant === 'string' ? `= 'text'` : `IN ('integer', 'real')`;
  return {
    sql: `CASE WHEN json_extract(doc, ${at}) = ? AND json_type(doc, ${at}) ${type} THEN ? ELSE ? END`,
    params: [constant, then, otherwise],
    path: ref.slice(1),
  };
}

/** An array along `path` in `doc`, or an object other than a Date at its end. */
function awkwardAt(doc: Doc, path: string): boolean {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) return true;
    if (cur === null || typeof cur !== 'object' || cur instanceof Date) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return Array.isArray(cur) || (cur !== null && typeof cur === 'object' && !(cur instanceof Date));
}

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
const CREATING_OPS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet']);

/**
 * MongoDB (and so CloudBase) rejects an update that does not fit the document — `$inc` on a
 * string, `$push` on a non-array, a field created inside a scalar — where mingo would skip it
 * silently and report nothing changed.
 */
function checkOperandFits(doc: Doc, op: string, path: string, operand: unknown): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length && cur !== undefined; i++) {
    const seg = parts[i];
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && !(cur instanceof Date))
      cur = (cur as Record<string, unknown>)[seg];
    else if (CREATING_OPS.has(op))
      throw new DbError(
        'INVALID_PARAM',
        `invalid update: cannot create field '${seg}' in element ${parts.slice(0, i).join('.')}`,
      );
    else return;
  }
  const kind = cur === null ? 'null' : Array.isArray(cur) ? 'array' : cur instanceof Date ? 'date' : typeof cur;
  if (NUMERIC_OPS.has(op) && (typeof operand !== 'number' || (cur !== undefined && kind !== 'number'))) {
    throw new DbError(
      'INVALID_PARAM',
      `invalid update: cannot apply ${op} to ${path} (${kind}) with a ${typeof operand} operand`,
    );
  }
  if (ARRAY_OPS.has(op) && cur !== undefined && kind !== 'array') {
    throw new DbError('INVALID_PARAM', `invalid update: cannot apply ${op} to ${path}, a non-array value (${kind})`);
  }
}

function duplicate(collection: string, id: string): DbError {
  // CloudBase reports a duplicate key as a generic DATABASE_REQUEST_FAILED (errCode -502001) carrying MongoDB's E11000 message.
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`,
  );
}
