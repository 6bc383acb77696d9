import { sixOnes } from '../../contract/functions/sixOnes';
import type { Handlers } from '../platform/router';
import {
  activities,
  activity,
  attendees,
  cancelActivity,
  cancelSignUp,
  publishActivity,
  signUp,
  updateActivity,
} from './activities';
import { checkIn, checkInCode, checkOut, manualAttendance } from './checkin';
import { fileRecord, recordQueue, refileRecord, reviewRecords } from './records';
import { myYear, overview, progress, tally } from './tallies';

export const sixOnesHandlers: Handlers<typeof sixOnes> = {
  publishActivity,
  updateActivity,
  cancelActivity,
  activities,
  activity,
  attendees,
  signUp,
  cancelSignUp,
  checkInCode,
  checkIn,
  checkOut,
  manualAttendance,
  fileRecord,
  refileRecord,
  recordQueue,
  reviewRecords,
  myYear,
  tally,
  overview,
  progress,
};
