import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { withWxContext, type WxIdentity } from './context';

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

export interface FunctionHostOptions {
  /** Folder holding one sub-folder per function (each with config.json). */
  root: string;
  /**
   * `bundle` loads `index.js` as `npm run build:functions` writes it (what CloudBase runs);
   * `source` loads `index.ts` (tests under jest or tsx).
   */
  mode: 'bundle' | 'source';
}

/**
 * Runs the project's cloud functions in this process the way CloudBase runs them: `main(event,
 * context)` with the caller's WeChat context in the environment, the configured timeout, and a
 * request id per call.
 */
export class FunctionHost {
  private readonly modules = new Map<string, Main>();

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

  async invoke(name: string, event: unknown, identity: WxIdentity): Promise<unknown> {
    if (!this.has(name)) throw new FunctionError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    const main = this.load(name);
    const requestId = randomUUID();
    const timeoutMs = (this.config(name).timeout ?? 3) * 1000;
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new FunctionError('FUNCTION_TIMEOUT', `Invoking task timed out after ${timeoutMs / 1000} seconds`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([withWxContext(identity, () => main(event, context)), timeout]);
    } catch (err) {
      if (err instanceof FunctionError) throw err;
      throw new FunctionError('FUNCTION_CRASHED', `function ${name} threw: ${(err as Error)?.message ?? String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(name: string): Main {
    let main = this.modules.get(name);
    if (!main) {
      const file = path.join(this.opts.root, name, this.opts.mode === 'bundle' ? 'index.js' : 'index.ts');
      if (!existsSync(file)) {
        throw new FunctionError(
          'FUNCTION_NOT_FOUND',
          `${file} is missing${this.opts.mode === 'bundle' ? ' (run npm run build:functions)' : ''}`,
        );
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as { main?: Main };
      if (typeof mod.main !== 'function') throw new FunctionError('FUNCTION_NOT_FOUND', `${file} exports no main`);
      main = mod.main;
      this.modules.set(name, main);
    }
    return main;
  }
}
