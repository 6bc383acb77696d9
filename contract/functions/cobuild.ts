import { cobuildLists } from './cobuild/lists';
import { cobuildMeetings } from './cobuild/meetings';
import { cobuildProperty } from './cobuild/property';

export type * from './cobuild/lists';
export type * from './cobuild/meetings';
export type * from './cobuild/property';

/**
 * 结对共建 and 红色物业 (function `cobuild`): the three lists and the agreement (lists), property
 * companies' ratings (property).
 */
export const cobuild = { ...cobuildLists, ...cobuildProperty };

/**
 * 轮值主席 and 联席会议 (function `meeting`): the rota and its chair months, joint meetings, their
 * topics, agenda and decisions. A function of its own: with the lists it would outgrow the bundle
 * budget (300 KB).
 */
export const meeting = cobuildMeetings;
