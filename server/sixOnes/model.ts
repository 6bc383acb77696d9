import type { ActivityType } from '../../contract/sixOnes';

/** An activity a secretary publishes (六个一). Never deleted: cancellation is a state. */
export interface ActivityDoc {
  _id: string;
  communityId: string;
  communityName: string;
  type: ActivityType;
  title: string;
  description: string;
  startAt: Date;
  endAt: Date;
  signUpBy: Date;
  /** `address` and `phone` are absent on activities published before places had them. */
  place: { name: string; address?: string; phone?: string | null; lat: number; lng: number; radius: number };
  capacity: number;
  /** Active sign-ups, moved only by conditional increments (never above capacity). */
  signedUp: number;
  status: 'open' | 'cancelled';
  cancelReason: string | null;
  /**
   * The paired unit hosting it as the month's 轮值主席 (cobuild.planChairActivity); absent on the
   * secretary's own activities.
   */
  host?: { unitId: string; unitName: string; rotaMonth: string } | null;
  /** The rota a chair activity belongs to (`${communityId}-${year}`; cobuild.rota looks the month's activity up by it). */
  rotaId?: string;
  /** When the signed-up members were reminded the day before (remindActivities). */
  remindedAt?: Date;
  history: Array<{ at: Date; by: string; byName: string; action: string; note: string | null }>;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export interface AttendanceMark {
  at: Date;
  manual: boolean;
  /** The organiser who marked it by hand, and why. */
  by: string | null;
  reason: string | null;
  /** Metres from the activity's place, when the member sent a location. */
  distance: number | null;
}

/** A member's sign-up: `_id` is `${activityId}-${openid}`, so one member has one sign-up. */
export interface SignupDoc {
  _id: string;
  activityId: string;
  openid: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  communityId: string;
  status: 'active' | 'cancelled';
  signedUpAt: Date;
  checkIn: AttendanceMark | null;
  checkOut: AttendanceMark | null;
  minutes: number | null;
  updatedAt: Date;
}

export const signupId = (activityId: string, openid: string) => `${activityId}-${openid}`;
export const attendanceRecordId = (activityId: string, openid: string) => `act-${activityId}-${openid}`;

/** The id of a rota month's chair activity (cobuild.planChairActivity): at most one per month, whoever sends it twice. */
export const chairActivityId = (rotaMonth: string) => `chair-${rotaMonth}`;
