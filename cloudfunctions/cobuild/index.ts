import { cobuild } from '../../contract/functions/cobuild';
import { cobuildHandlers } from '../../server/cobuild';
import { createFunction } from '../../server/platform/router';

/** 结对共建 (三清单一协议, 轮值主席, 联席会议) and 红色物业 ratings. */
export const main = createFunction('cobuild', cobuild, cobuildHandlers);
