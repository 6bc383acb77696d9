import type { ActionMap } from '../../action';

/** 结对共建 actions: property (see contract/functions/cobuild.ts). */
export const cobuildProperty = {} satisfies ActionMap;
