/**
 * The ui tests' environment: jsdom (for miniprogram-simulate) plus what the in-process local
 * cloud needs, which is Node code — Node export conditions (bson's browser build is ESM-only)
 * and the Node globals jsdom leaves out. Select it per file with a `@jest-environment` docblock.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-jsdom';

const NODE_GLOBALS = [
  'structuredClone',
  'setImmediate',
  'clearImmediate',
  'TextEncoder',
  'TextDecoder',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'ReadableStream',
  'queueMicrotask',
  'performance',
] as const;

export default class WeappUiEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    const projectConfig = {
      ...config.projectConfig,
      testEnvironmentOptions: {
        ...config.projectConfig.testEnvironmentOptions,
        customExportConditions: ['node', 'node-addons'],
      },
    };
    super({ ...config, projectConfig }, context);
    const target = this.global as unknown as Record<string, unknown>;
    const source = globalThis as unknown as Record<string, unknown>;
    for (const name of NODE_GLOBALS) {
      if (source[name] !== undefined) target[name] = source[name];
    }
  }
}
