import type { ActionMap } from '../../action';

/** 结对共建 actions: meetings (see contract/functions/cobuild.ts). */
export const cobuildMeetings = {} satisfies ActionMap;
