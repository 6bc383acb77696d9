import { meeting } from '../../contract/functions/cobuild';
import { meetingsHandlers } from '../../server/cobuild/meetings';
import { createFunction } from '../../server/platform/router';

/** 轮值主席 and 联席会议: the rota and its chair months, joint meetings, topics, agenda, decisions. */
export const main = createFunction('meeting', meeting, meetingsHandlers);
