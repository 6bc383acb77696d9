/**
 * The subset of wx-server-sdk 4.0.2 this project uses, typed promise-only. The package's own
 * typings return `Promise | void | string` (callback support), which would force a cast at every
 * call; server/platform/cloud.ts loads the real package and gives it these types.
 */
export type AnyObject = Record<string, unknown>;

export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
  CLIENTIP?: string;
}

/** A query/update command value built with `db.command` (opaque to callers). */
export interface Command {
  readonly __command?: never;
}

export interface DbCommand {
  eq(v: unknown): Command;
  neq(v: unknown): Command;
  gt(v: unknown): Command & QueryChain;
  gte(v: unknown): Command & QueryChain;
  lt(v: unknown): Command & QueryChain;
  lte(v: unknown): Command & QueryChain;
  in(v: unknown[]): Command;
  nin(v: unknown[]): Command;
  exists(v: boolean): Command;
  size(n: number): Command;
  all(v: unknown[]): Command;
  elemMatch(v: AnyObject): Command;
  and(...v: unknown[]): Command;
  or(...v: unknown[]): Command;
  nor(...v: unknown[]): Command;
  not(v: unknown): Command;
  mod(divisor: number, remainder: number): Command;
  expr(v: unknown): Command;
  set(v: unknown): Command;
  remove(): Command;
  inc(n: number): Command;
  mul(n: number): Command;
  min(v: unknown): Command;
  max(v: unknown): Command;
  rename(name: string): Command;
  push(v: unknown): Command;
  pop(): Command;
  shift(): Command;
  unshift(v: unknown): Command;
  pull(v: unknown): Command;
  pullAll(v: unknown[]): Command;
  addToSet(v: unknown): Command;
  aggregate: Record<string, (...args: unknown[]) => unknown>;
}

export interface QueryChain {
  and(v: unknown): Command & QueryChain;
  or(v: unknown): Command & QueryChain;
}

export interface Stats {
  updated?: number;
  removed?: number;
  created?: number;
}

export interface Query {
  where(q: AnyObject): Query;
  orderBy(field: string, dir: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(p: Record<string, boolean | 0 | 1>): Query;
  get<T = AnyObject>(): Promise<{ data: T[]; errMsg: string }>;
  count(): Promise<{ total: number; errMsg: string }>;
  update(opts: { data: object }): Promise<{ stats: Stats; errMsg: string }>;
  remove(): Promise<{ stats: Stats; errMsg: string }>;
}

export interface DocumentRef {
  get<T = AnyObject>(): Promise<{ data: T; errMsg: string }>;
  set(opts: { data: object }): Promise<{ _id: string; stats: Stats; errMsg: string }>;
  update(opts: { data: object }): Promise<{ stats: Stats; errMsg: string }>;
  remove(): Promise<{ stats: Stats; errMsg: string }>;
}

export interface Aggregate {
  match(q: AnyObject): Aggregate;
  lookup(spec: AnyObject): Aggregate;
  group(spec: AnyObject): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  project(spec: AnyObject): Aggregate;
  addFields(spec: AnyObject): Aggregate;
  unwind(spec: string | AnyObject): Aggregate;
  count(field: string): Aggregate;
  end<T = AnyObject>(): Promise<{ list: T[]; errMsg: string }>;
}

export interface Collection extends Query {
  doc(id: string): DocumentRef;
  add(opts: { data: object }): Promise<{ _id: string; errMsg: string }>;
  aggregate(): Aggregate;
}

export interface TxCollection {
  doc(id: string): DocumentRef;
  add(opts: { data: object }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection(name: string): TxCollection;
  rollback(reason?: unknown): Promise<void>;
  commit(): Promise<void>;
}

export interface Database {
  collection(name: string): Collection;
  command: DbCommand;
  serverDate(opts?: { offset?: number }): unknown;
  RegExp(opts: { regexp: string; options?: string }): unknown;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>;
  startTransaction(): Promise<Transaction>;
}

export interface InitOptions {
  env?: string | symbol;
  secretId?: string;
  secretKey?: string;
  serviceUrl?: string;
  traceUser?: boolean;
}

export interface Cloud {
  DYNAMIC_CURRENT_ENV: symbol;
  init(opts?: InitOptions): void;
  getWXContext(): WXContext;
  database(): Database;
  uploadFile(opts: { cloudPath: string; fileContent: Buffer | NodeJS.ReadableStream }): Promise<{ fileID: string }>;
  getTempFileURL(opts: { fileList: Array<string | { fileID: string; maxAge?: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg: string }>;
  }>;
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(opts: {
    fileList: string[];
  }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg: string }> }>;
  openapi: Record<string, Record<string, (args: AnyObject) => Promise<AnyObject>>>;
}
