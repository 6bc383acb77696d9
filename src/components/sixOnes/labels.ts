import type { ActivityView, Attendance } from '../../../contract';
import { formatTime, timeRange } from '../../utils/date';

/** Where an activity is in its day, in words. */
export const PHASE_LABELS: Record<ActivityView['phase'], string> = {
  signUp: '报名中',
  closed: '报名已截止',
  checkIn: '签到中',
  ended: '已结束',
  cancelled: '已取消',
};

/** The member's own state with an activity: 已签退, 已签到, 已报名, or '' (not signed up). */
export function attendanceText(mine: Attendance | null): string {
  if (!mine) return '';
  if (mine.checkedOutAt) return '已签退';
  if (mine.checkedInAt) return '已签到';
  return mine.signedUp ? '已报名' : '';
}

/** Service time: under an hour in minutes (`45 分钟`), else hours with one decimal at most (`1.5 小时`, `4 小时`). */
export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  return `${String(Math.round((minutes / 60) * 10) / 10)} 小时`;
}

/** Times as shown in the county: the app's one way (utils/date.ts). */
export { formatTime, timeRange };
