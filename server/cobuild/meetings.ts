import type { cobuildMeetings } from '../../contract/functions/cobuild/meetings';
import type { Handlers } from '../platform/router';

export const meetingsHandlers: Handlers<typeof cobuildMeetings> = {} as Handlers<typeof cobuildMeetings>; // filled next
