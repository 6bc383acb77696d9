import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { COLLECTIONS, type IndexSpec } from '../server/platform/collections';
import { emulatorClock } from './clock';
import { PathWatch } from './data-dir';
import { DocumentStore } from './db/store';
import { handleAdmin, isSystemError } from './admin';
import { LOCAL_CREDENTIALS, type AdminCredentials } from './admin-signature';
import { FunctionError, FunctionHost, type FunctionHostOptions } from './functions/host';
import { handleDev } from './http/dev';
import { callerOpenid, foreignRequest } from './http/guard';
import { BodyTooLarge, envelopeError, readBody, sendJson } from './http/respond';
import { serveStatic } from './http/static';
import { handleSubscribe } from './http/subscribe';
import { Outbox } from './openapi/outbox';
import { SubscriptionGrants } from './openapi/subscriptions';
import { FileStorage } from './storage/files';
import { imageTypeOf } from './storage/images';
import { Scheduler } from './scheduler';

export interface LocalCloudOptions {
  dataDir: string;
  port?: number;
  host?: string;
  envId?: string;
  functions: FunctionHostOptions;
  /** Built h5 app to serve at `/`; omitted in tests. */
  staticRoot?: string;
  /** Fills an empty database (used by `POST /dev/reset`). */
  seed?: (cloud: LocalCloud) => Promise<void>;
  /** Fire timer triggers on the wall clock (npm start) — tests fire them by hand. */
  runTimers?: boolean;
  /**
   * The key pair the admin endpoint checks the SDK's TC3 signature with; the functions get the
   * same pair as TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY. Default `local` / `local`.
   */
  credentials?: AdminCredentials;
  /**
   * The database's network latency: every `database.*` request to the admin endpoint waits this
   * long, half before it executes and half after, as a round trip to CloudBase's database does.
   * Default: `TXY_DB_LATENCY_MS`, else 0. Can be changed later through `dbLatencyMs`.
   */
  dbLatencyMs?: number;
  /**
   * Up to this many milliseconds more, drawn for each leg of each database request: requests sent
   * together arrive, execute and answer in any order, as over a real network. Default:
   * `TXY_DB_JITTER_MS`, else 0. Can be changed later through `dbJitterMs`.
   */
  dbJitterMs?: number;
  /** Indexes of further collections (tests), besides those of server/platform/collections.ts. */
  indexes?: Record<string, IndexSpec[]>;
  log?: (line: string) => void;
}

/**
 * The local CloudBase: database, storage and openapi behind the admin endpoint that the real
 * wx-server-sdk talks to, the function host, the h5 gateway, the scheduler and dev endpoints,
 * on one HTTP port.
 */
export class LocalCloud {
  readonly store: DocumentStore;
  readonly storage: FileStorage;
  readonly outbox: Outbox;
  readonly subscriptions: SubscriptionGrants;
  readonly functions: FunctionHost;
  readonly scheduler: Scheduler;
  readonly envId: string;
  readonly credentials: AdminCredentials;
  /** Milliseconds each database request takes on the way there and back (see `LocalCloudOptions.dbLatencyMs`). */
  dbLatencyMs: number;
  /** Up to this many milliseconds more on each leg of each database request (see `LocalCloudOptions.dbJitterMs`). */
  dbJitterMs: number;
  private readonly dataDir: PathWatch;
  private dataDirGone = false;
  private server?: Server;
  private port = 0;

  constructor(readonly opts: LocalCloudOptions) {
    mkdirSync(opts.dataDir, { recursive: true });
    this.envId = opts.envId ?? 'local';
    this.credentials = opts.credentials ?? LOCAL_CREDENTIALS;
    this.dbLatencyMs = latencyMs(opts.dbLatencyMs ?? process.env.TXY_DB_LATENCY_MS ?? 0);
    this.dbJitterMs = latencyMs(opts.dbJitterMs ?? process.env.TXY_DB_JITTER_MS ?? 0, 'TXY_DB_JITTER_MS / dbJitterMs');
    const indexes = {
      ...Object.fromEntries(Object.entries(COLLECTIONS).map(([name, c]) => [name, c.indexes])),
      ...opts.indexes,
    };
    this.store = new DocumentStore(path.join(opts.dataDir, 'db.sqlite'), indexes);
    this.dataDir = new PathWatch([opts.dataDir, path.join(opts.dataDir, 'db.sqlite')]);
    for (const name of Object.keys(COLLECTIONS)) this.store.createCollection(name);
    this.storage = new FileStorage(path.join(opts.dataDir, 'storage'), this.envId, () => this.url);
    this.outbox = new Outbox(path.join(opts.dataDir, 'outbox.jsonl'));
    this.subscriptions = new SubscriptionGrants(path.join(opts.dataDir, 'subscriptions.json'));
    this.functions = new FunctionHost(opts.functions);
    this.scheduler = new Scheduler(this.functions, emulatorClock.nowMs, (l) => this.log(l));
  }

  get url(): string {
    return `http://${this.opts.host ?? '127.0.0.1'}:${this.port}`;
  }

  log(line: string): void {
    (this.opts.log ?? ((l: string) => console.log(l)))(line);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        this.log(`[emulator] ${req.method} ${req.url} failed: ${(err as Error)?.stack ?? String(err)}`);
        if (res.headersSent) return void res.destroy();
        const message = isSystemError(err)
          ? `本地云开发存储出错：${(err as Error).message}`
          : `本地云开发内部错误：${(err as Error)?.message ?? String(err)}`;
        // The SDK reads CloudBase's shape on HTTP 200; everything else gets the project's envelope.
        if ((req.url ?? '').startsWith('/admin')) return sendJson(res, 200, { code: 'SYS_ERR', message });
        sendJson(res, 500, envelopeError('INTERNAL', message));
      });
    });
    this.server.keepAliveTimeout = 10_000; // longer than the SDK's 4.8 s idle-socket reuse
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.opts.port ?? 8787, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.pointSdkHere();
    this.scheduler.list(); // arm the timers now: a clock moved forward later (POST /dev/clock) finds them due
    if (this.opts.runTimers) this.scheduler.start();
    return this.url;
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.functions.stop();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.store.close();
  }

  /**
   * The variables CloudBase sets in a function's environment, pointing the real wx-server-sdk
   * at this endpoint: SCF_NAMESPACE resolves DYNAMIC_CURRENT_ENV, TCB_CONTEXT_CNFG the URL,
   * `TENCENTCLOUD` skips the SDK's cloud-metadata probe, SILENCE its slow-query warnings.
   * (TENCENTCLOUD_RUNENV=SCF would turn keep-alive off and log noise: not set.) Set in this
   * process (`source` mode runs the functions here) and in every `bundle` instance's environment.
   */
  private pointSdkHere(): void {
    const vars = {
      TCB_ENV: this.envId,
      SCF_NAMESPACE: this.envId,
      TENCENTCLOUD: 'true',
      SILENCE: 'true',
      TENCENTCLOUD_SECRETID: this.credentials.secretId,
      TENCENTCLOUD_SECRETKEY: this.credentials.secretKey,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.url}/admin` }),
    };
    Object.assign(process.env, vars);
    this.functions.setPlatformEnv(vars);
  }

  /** Empties the database, storage and outbox, resets the clock, and seeds again. */
  async reset(): Promise<void> {
    this.store.truncateAll();
    this.storage.clear();
    this.outbox.clear();
    this.subscriptions.clear();
    emulatorClock.reset();
    if (this.opts.seed) await this.opts.seed(this);
  }

  /** Calls a function as a mini-program user would (tests and the ui harness use this). */
  invoke(name: string, event: { action: string; payload?: unknown }, openid: string): Promise<unknown> {
    return this.functions.invoke(name, { ...event, userInfo: { appId: 'wx-local-app', openId: openid } }, { openid });
  }

  /**
   * Why the data folder can no longer be used (deleted or replaced under the running server), or
   * null. Said loudly once; every request that would read or write it is refused from then on.
   */
  private dataProblem(): string | null {
    const problem = this.dataDir.problem();
    if (problem && !this.dataDirGone) {
      this.dataDirGone = true;
      const line = `[emulator] DATA_DIR PROBLEM: ${problem}. Nothing more is read or written; restart the server (an empty DATA_DIR is seeded anew).`;
      this.log(line);
    }
    return problem;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const foreign = foreignRequest(req, this.port);
    if (foreign) {
      this.log(`[emulator] refused ${req.method} ${req.url}: ${foreign}`);
      return sendJson(res, 403, envelopeError('FORBIDDEN', `本地云开发只接受本机、同源的请求（${foreign}）`));
    }
    const url = new URL(req.url ?? '/', 'http://local');
    const p = url.pathname;
    let decoded: string;
    try {
      decoded = decodeURIComponent(p);
    } catch {
      return sendJson(res, 400, envelopeError('INVALID_INPUT', '请求地址的百分号编码有误'));
    }
    const isStatic = !['/admin', '/healthz', '/api/', '/storage/', '/dev/'].some((r) => p === r || p.startsWith(r));
    const problem = isStatic ? null : this.dataProblem();
    if (problem) {
      const message = `本地云开发的数据目录已不可用：${problem}`;
      if (p === '/admin') return sendJson(res, 200, { code: 'SYS_ERR', message });
      return sendJson(res, 503, envelopeError('INTERNAL', message));
    }
    if (req.method === 'GET' && p === '/healthz') return sendJson(res, 200, { ok: true, env: this.envId });
    if (req.method === 'POST' && p === '/admin') return handleAdmin(this, req, res);
    if (p === '/api/upload') return this.upload(req, res, url);
    if (p.startsWith('/api/subscribe')) return handleSubscribe(this.subscriptions, req, res, url);
    if (p.startsWith('/api/functions/')) return this.gateway(req, res, decoded.slice('/api/functions/'.length));
    if (p.startsWith('/storage/')) return this.storage.handle(req, res, url);
    if (p.startsWith('/dev/')) return handleDev(this, req, res, url);
    if (req.method === 'GET' && this.opts.staticRoot && serveStatic(this.opts.staticRoot, p, res)) return;
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${p}` });
  }

  /**
   * The h5 build's stand-in for `wx.cloud.uploadFile`: the raw body is stored under the caller's
   * folder `uploads/<openid>/` (as the weapp client names its cloudPath) → `{ fileID }`.
   */
  private async upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '只支持 POST 上传'));
    const openid = callerOpenid(req);
    if (!openid) return sendJson(res, 401, envelopeError('UNAUTHENTICATED', '无法识别您的身份'));
    const ext = (/\.(jpe?g|png|gif|webp)$/i.exec(url.searchParams.get('name') ?? '')?.[1] ?? '').toLowerCase();
    if (!ext) return sendJson(res, 400, envelopeError('INVALID_INPUT', '只能上传 jpg、png、gif、webp 图片'));
    let body: Buffer;
    try {
      body = await readBody(req, 10 * 1024 * 1024);
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendJson(res, 413, envelopeError('INVALID_INPUT', '图片不能超过 10 MB'));
      throw err;
    }
    if (body.length === 0) return sendJson(res, 400, envelopeError('INVALID_INPUT', '图片为空'));
    // The bytes must be the image the name claims (an HTML page named x.png is not an image).
    if (imageTypeOf(body) !== (ext === 'jpeg' ? 'jpg' : ext))
      return sendJson(res, 400, envelopeError('INVALID_INPUT', '文件内容不是所选格式的图片'));
    const fileID = this.storage.put(`uploads/${openid}/${randomUUID().replace(/-/g, '')}.${ext}`, body);
    sendJson(res, 200, { ok: true, data: { fileID }, requestId: 'upload' });
  }

  /** The h5 build's stand-in for `wx.cloud.callFunction`: same event, identity from `x-openid`. */
  private async gateway(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '只支持 POST 调用云函数'));
    // A malformed identity is refused before anything runs; none at all is the function's to answer.
    const openid = callerOpenid(req);
    if (openid === null) return sendJson(res, 401, envelopeError('UNAUTHENTICATED', '无法识别您的身份'));
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendJson(res, 413, envelopeError('INVALID_INPUT', '请求内容超过 100 KB'));
      throw err;
    }
    let event: unknown;
    try {
      event = JSON.parse(raw.toString('utf8') || 'null');
    } catch {
      return sendJson(res, 400, envelopeError('INVALID_INPUT', '请求内容不是合法的 JSON'));
    }
    if (!this.functions.has(name)) return sendJson(res, 404, envelopeError('NOT_FOUND', `云函数 ${name} 不存在`));
    const withUser =
      event && typeof event === 'object' && !Array.isArray(event)
        ? { ...event, userInfo: { appId: 'wx-local-app', openId: openid } }
        : event;
    try {
      const result = await this.functions.invoke(name, withUser, { openid });
      sendJson(res, 200, result);
    } catch (err) {
      if (err instanceof FunctionError) {
        this.log(`[gateway] ${name}: ${err.code} ${err.message}`);
        const status = err.code === 'FUNCTION_TIMEOUT' ? 504 : 500;
        return sendJson(
          res,
          status,
          envelopeError('INTERNAL', err.code === 'FUNCTION_TIMEOUT' ? '云函数执行超时' : '云函数执行失败'),
        );
      }
      throw err;
    }
  }
}

/** A latency in milliseconds: a finite number ≥ 0 (from the option or its variable). */
function latencyMs(value: number | string, name = 'TXY_DB_LATENCY_MS / dbLatencyMs'): number {
  const ms = typeof value === 'string' && value.trim() === '' ? 0 : Number(value);
  if (!Number.isFinite(ms) || ms < 0 || ms > 60_000)
    throw new Error(`${name}: expected milliseconds from 0 to 60000, got ${String(value)}`);
  return ms;
}
