import cloud from 'wx-server-sdk';

/**
 * The one wx-server-sdk instance. In CloudBase the current environment is the function's own;
 * locally the function host sets the same variables CloudBase does (TCB_ENV, TCB_CONTEXT_CNFG …)
 * so this line is identical in both.
 */
let initialised = false;

export function getCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    initialised = true;
  }
  return cloud;
}

export function getDb() {
  return getCloud().database();
}

export type Database = ReturnType<typeof getDb>;
