import type { ActionMap } from '../../action';

/** 结对共建 actions: lists (see contract/functions/cobuild.ts). */
export const cobuildLists = {} satisfies ActionMap;
