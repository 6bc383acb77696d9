import { cobuildLists } from './cobuild/lists';
import { cobuildMeetings } from './cobuild/meetings';
import { cobuildProperty } from './cobuild/property';

export type * from './cobuild/lists';
export type * from './cobuild/meetings';
export type * from './cobuild/property';

/**
 * 结对共建 and 红色物业 (function `cobuild`): the three lists and the agreement (lists), the rota
 * and joint meetings (meetings), property companies' ratings (property).
 */
export const cobuild = { ...cobuildLists, ...cobuildMeetings, ...cobuildProperty };
