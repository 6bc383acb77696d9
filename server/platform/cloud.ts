import type { Cloud, Database } from './sdk-types';

// The real wx-server-sdk, typed with the promise-only subset in sdk-types.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk') as Cloud;

/**
 * The one wx-server-sdk instance. In CloudBase the current environment is the function's own;
 * locally the function host sets the same variables CloudBase does (SCF_NAMESPACE,
 * TCB_CONTEXT_CNFG …) so this line is identical in both.
 */
let initialised = false;

export function getCloud(): Cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    initialised = true;
  }
  return cloud;
}

export function getDb(): Database {
  return getCloud().database();
}

export type { Database };

/**
 * Which deployment this instance serves: its CloudBase environment and endpoint. What an
 * instance keeps between calls (the directory, the counters it knows exist) is kept per
 * deployment: one in production; a test's local CloudBase has its own.
 */
export const deploymentKey = (): string => `${process.env.TCB_ENV ?? ''}|${process.env.TCB_CONTEXT_CNFG ?? ''}`;
