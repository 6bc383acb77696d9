import type { cobuildMeetings } from '../../contract/functions/cobuild/meetings';
import type { Handlers } from '../platform/router';
import {
  callMeeting,
  cancelMeeting,
  decisions,
  meeting,
  meetings,
  recordMeeting,
  setAgenda,
  submitTopic,
  updateDecision,
} from './jointMeetings';
import { planChairActivity, proposeTheme, rota, setRota } from './rota';

/** 轮值主席 (rota.ts) and 联席会议 (jointMeetings.ts); their reminders: reminders.ts (scheduler). */
export const meetingsHandlers: Handlers<typeof cobuildMeetings> = {
  rota,
  setRota,
  proposeTheme,
  planChairActivity,
  callMeeting,
  meetings,
  meeting,
  submitTopic,
  setAgenda,
  recordMeeting,
  cancelMeeting,
  decisions,
  updateDecision,
};
