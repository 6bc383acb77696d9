import { z } from 'zod';
import { defineAction } from '../action';
import { checkInCode, fileId, id, instant, latLng, personName, phone, queueQuery, text } from '../fields';
import { REASON, RECORD_NOTE, RECORD_PHOTOS, RECORD_TITLE, REVIEW_BATCH_MAX } from '../limits';
import { ACTIVITY_TYPES, type ActivityType, type RecordKind, type RecordStatus, type SixOnesItem } from '../sixOnes';

export type { ActivityType, RecordKind, RecordStatus, SixOnesItem } from '../sixOnes';

const year = z.number().int().min(2020).max(2100);

/** Where a member stands with one activity. */
export interface Attendance {
  signedUp: boolean;
  signedUpAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  /** Checked in or out by the organiser by hand (with their reason). */
  manual: boolean;
  /** Volunteer minutes (check-out − check-in, capped at the activity's length); null without check-out. */
  minutes: number | null;
}

export interface ActivityView {
  id: string;
  communityId: string;
  type: ActivityType;
  title: string;
  description: string;
  startAt: string;
  endAt: string;
  signUpBy: string;
  /** Where, for people: name, address ('' when none was given) and a phone where the directory has one. */
  place: { name: string; address: string; phone: string | null; lat: number; lng: number; radius: number };
  capacity: number;
  signedUp: number;
  status: 'open' | 'cancelled';
  cancelReason: string | null;
  /** Where the activity is in its day: sign-up open, sign-up closed, check-in open, ended. */
  phase: 'signUp' | 'closed' | 'checkIn' | 'ended' | 'cancelled';
  /** The caller's own sign-up and attendance (members); null if they never signed up. */
  mine: Attendance | null;
  /** The paired unit that hosts it as the month's 轮值主席 (planned by its admin); null for the secretary's own. */
  host: { unitId: string; unitName: string } | null;
  can: Array<'signUp' | 'cancelSignUp' | 'checkIn' | 'checkOut' | 'edit' | 'cancel' | 'runCheckIn'>;
}

export interface ActivityPage {
  items: ActivityView[];
  next: number | null;
}

/** A signed-up member as the organiser sees them. */
export interface AttendeeView extends Attendance {
  openid: string;
  name: string;
  unitName: string | null;
  status: 'active' | 'cancelled';
  manualReason: string | null;
}

/** The organiser's current check-in code (the QR code shows `qrText`; h5 members type `code`). */
export interface CheckInCode {
  activityId: string;
  code: string;
  qrText: string;
  /** When this code stops being the current one (it is accepted for another 30 s after). */
  rotatesAt: string;
}

export interface RecordView {
  id: string;
  item: SixOnesItem;
  kind: RecordKind;
  status: RecordStatus;
  title: string;
  note: string | null;
  photos: Array<{ fileId: string; url: string | null }>;
  minutes: number | null;
  year: number;
  /** The filer; full name for the member and staff in scope. */
  member: { openid: string; name: string; unitName: string | null };
  activity: { id: string; title: string; startAt: string; manual: boolean } | null;
  wishId: string | null;
  pairingId: string | null;
  household: { name: string; address: string } | null;
  rejectReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
  history: Array<{ at: string; byName: string; action: string; note: string | null }>;
  /** What the viewer may do now: the member `refile`s a rejected record; staff `review` a pending one that is not their own. */
  can: Array<'refile' | 'review'>;
}

export interface RecordPage {
  items: RecordView[];
  next: number | null;
}

/** 我的六个一: the year's items, done or not, each with the records that prove it. */
export interface MemberYearView {
  year: number;
  doneCount: number;
  volunteerMinutes: number;
  volunteerTarget: number;
  items: Array<{ item: SixOnesItem; done: boolean; records: RecordView[] }>;
  /** Records awaiting approval or rejected (they do not count yet). */
  pendingCount: number;
  /** The member's pairings of the year (pending or approved) they may add visits to. */
  pairings: Array<{ id: string; title: string }>;
}

export interface TallyView {
  scope: 'county' | 'community' | 'unit';
  scopeId: string;
  year: number;
  /** Members currently reported (verified) to the community / of the unit / in the county. */
  reported: number;
  /** Members with all six items done. */
  complete: number;
  itemsDone: Record<SixOnesItem, number>;
  /**
   * Members by items done: `byDone[k]` have k of the six done (k = 0…6; `byDone[6]` is `complete`).
   * Counted as the tally counts (each member-year in the community and unit of its first approved
   * record); `byDone[0]` is the reported members without any item done there.
   */
  byDone: number[];
  volunteerHours: number;
}

export interface CountyOverview {
  year: number;
  county: TallyView;
  communities: TallyView[];
  units: TallyView[];
}

export interface ProgressRow {
  openid: string;
  name: string;
  unitName: string;
  communityName: string;
  doneCount: number;
  done: Record<SixOnesItem, boolean>;
  missing: SixOnesItem[];
  volunteerMinutes: number;
}

export interface ProgressPage {
  items: ProgressRow[];
  next: number | null;
}

export interface ReviewOutcome {
  /** Records this call moved (approved or rejected). */
  changed: string[];
  /** Records already reviewed (approving twice counts once). */
  unchanged: string[];
  /** Records that cannot be approved yet, with the reason (a volunteer attendance without check-out). */
  skipped: Array<{ id: string; reason: string }>;
  records: RecordView[];
}

const place = z
  .object({
    name: text(2, 60),
    /** What people read to find it (the directory's address, or the one WeChat's map gave). */
    address: text(0, 100).default(''),
    /** The contact number of the place, copied from the directory entry picked. */
    phone: phone.nullable().default(null),
    lat: latLng.shape.lat,
    lng: latLng.shape.lng,
    radius: z.number().int().min(20, '签到范围至少 20 米').max(5000, '签到范围最多 5000 米'),
  })
  .strict();

/** An activity's fields (sixOnes.publishActivity; cobuild.planChairActivity for a chair unit). */
export const activityFields = {
  type: z.enum(ACTIVITY_TYPES),
  title: text(RECORD_TITLE.min, RECORD_TITLE.max),
  description: text(0, 1000),
  startAt: instant,
  endAt: instant,
  signUpBy: instant,
  place,
  capacity: z.number().int().min(1, '名额至少为 1').max(2000),
};

export const timesInOrder = <T extends { startAt?: string; endAt?: string; signUpBy?: string }>(p: T) =>
  p.startAt === undefined || p.endAt === undefined || Date.parse(p.endAt) > Date.parse(p.startAt);
export const signUpBeforeEnd = <T extends { startAt?: string; endAt?: string; signUpBy?: string }>(p: T) =>
  p.signUpBy === undefined || p.endAt === undefined || Date.parse(p.signUpBy) <= Date.parse(p.endAt);

const photos = (min: number, max: number) => z.array(fileId).min(min, '请上传照片作为凭证').max(max);

export const sixOnes = {
  publishActivity: defineAction<ActivityView>()({
    summary:
      'A secretary publishes an activity of their community: type, title, time, place (GCJ-02 point and radius), capacity, sign-up deadline.',
    input: z
      .object(activityFields)
      .strict()
      .refine(timesInOrder, { message: '结束时间须晚于开始时间', path: ['endAt'] })
      .refine(signUpBeforeEnd, { message: '报名截止须早于活动结束', path: ['signUpBy'] }),
    roles: ['secretary'],
  }),
  updateActivity: defineAction<ActivityView>()({
    summary:
      'The secretary edits an activity before it ends (capacity never below those signed up); signed-up members are notified.',
    input: z
      .object({ activityId: id, ...activityFields })
      .partial()
      .required({ activityId: true })
      .strict()
      .refine(timesInOrder, { message: '结束时间须晚于开始时间', path: ['endAt'] })
      .refine(signUpBeforeEnd, { message: '报名截止须早于活动结束', path: ['signUpBy'] }),
    roles: ['secretary'],
  }),
  cancelActivity: defineAction<ActivityView>()({
    summary: 'The secretary cancels an activity with a reason; signed-up members are notified.',
    input: z.object({ activityId: id, reason: text(REASON.min, REASON.max) }).strict(),
    roles: ['secretary'],
  }),
  activities: defineAction<ActivityPage>()({
    summary:
      "Activities of the caller's community (a member's verified one, a secretary's own): upcoming soonest first, or past newest first; 20 a page.",
    input: z
      .object({
        when: z.enum(['upcoming', 'past']).default('upcoming'),
        from: z.number().int().min(0).max(10_000).default(0),
      })
      .strict(),
    roles: ['member', 'secretary'],
  }),
  activity: defineAction<ActivityView>()({
    summary: 'One activity with the caller’s sign-up and what they may do now.',
    input: z.object({ activityId: id }).strict(),
    roles: ['member', 'secretary'],
  }),
  attendees: defineAction<AttendeeView[]>()({
    summary: 'The organiser’s list of sign-ups with check-in and check-out times.',
    input: z.object({ activityId: id }).strict(),
    roles: ['secretary'],
  }),
  signUp: defineAction<ActivityView>()({
    summary: 'A verified member of the community signs up before the deadline; never above capacity.',
    input: z.object({ activityId: id }).strict(),
    roles: ['member'],
  }),
  cancelSignUp: defineAction<ActivityView>()({
    summary: 'The member cancels their sign-up before the deadline; the place is free again.',
    input: z.object({ activityId: id }).strict(),
    roles: ['member'],
  }),
  checkInCode: defineAction<CheckInCode>()({
    summary: 'The organiser’s current rotating check-in code (HMAC of activity and 30-second slot).',
    input: z.object({ activityId: id }).strict(),
    roles: ['secretary'],
  }),
  checkIn: defineAction<ActivityView>()({
    summary:
      'A signed-up member checks in with the organiser’s code inside the window (30 min before start to end); a sent location must be within the radius. Idempotent.',
    input: z.object({ activityId: id, code: checkInCode, location: latLng.optional() }).strict(),
    roles: ['member'],
  }),
  checkOut: defineAction<ActivityView>()({
    summary: 'A checked-in member checks out of a volunteer activity; minutes are counted, capped at its length.',
    input: z.object({ activityId: id, location: latLng.optional() }).strict(),
    roles: ['member'],
  }),
  manualAttendance: defineAction<AttendeeView>()({
    summary:
      'The organiser checks a signed-up member in or out by hand, with a reason (and the time, for a forgotten check-out); never themself (FORBIDDEN).',
    input: z
      .object({
        activityId: id,
        openid: id,
        action: z.enum(['checkIn', 'checkOut']),
        reason: text(REASON.min, REASON.max),
        at: instant.optional(),
      })
      .strict(),
    roles: ['secretary'],
  }),
  fileRecord: defineAction<RecordView>()({
    summary:
      'A member files a record no activity proves: a survey report, a pairing with a household in difficulty, or a visit to a pairing; with 1–9 photos and a note.',
    input: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('surveyReport'),
          title: text(RECORD_TITLE.min, RECORD_TITLE.max),
          note: text(RECORD_NOTE.min, RECORD_NOTE.max),
          photos: photos(RECORD_PHOTOS.min, RECORD_PHOTOS.max),
        })
        .strict(),
      z
        .object({
          kind: z.literal('pairing'),
          title: text(RECORD_TITLE.min, RECORD_TITLE.max),
          note: text(RECORD_NOTE.min, RECORD_NOTE.max),
          photos: photos(RECORD_PHOTOS.min, RECORD_PHOTOS.max),
          household: z.object({ name: personName, address: text(2, 100) }).strict(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('visit'),
          pairingId: id,
          title: text(RECORD_TITLE.min, RECORD_TITLE.max),
          note: text(RECORD_NOTE.min, RECORD_NOTE.max),
          photos: photos(RECORD_PHOTOS.min, RECORD_PHOTOS.max),
        })
        .strict(),
    ]),
    roles: ['member'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  refileRecord: defineAction<RecordView>()({
    summary: 'The member corrects a rejected record and files it again (it is pending again).',
    input: z
      .object({
        recordId: id,
        title: text(RECORD_TITLE.min, RECORD_TITLE.max),
        note: text(RECORD_NOTE.min, RECORD_NOTE.max),
        photos: photos(RECORD_PHOTOS.min, RECORD_PHOTOS.max),
      })
      .strict(),
    roles: ['member'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  recordQueue: defineAction<RecordPage>()({
    summary:
      "Records of the secretary's community by status, 20 a page: pending (awaiting approval) oldest first, approved and rejected latest first. `q` narrows them to records whose member, unit or title has every word.",
    input: z
      .object({
        status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
        q: queueQuery,
        from: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    roles: ['secretary'],
  }),
  reviewRecords: defineAction<ReviewOutcome>()({
    summary:
      'The secretary approves or rejects (with a reason) 1–100 records of their community at once; approving twice counts once. Tallies move in the same transaction. A batch holding a record of the caller’s own is refused whole (FORBIDDEN).',
    input: z
      .object({
        recordIds: z.array(id).min(1).max(REVIEW_BATCH_MAX),
        decision: z.enum(['approve', 'reject']),
        reason: text(REASON.min, REASON.max).optional(),
      })
      .strict()
      .refine((p) => p.decision === 'approve' || p.reason !== undefined, {
        message: '驳回须说明理由',
        path: ['reason'],
      })
      .refine((p) => new Set(p.recordIds).size === p.recordIds.length, { message: '记录重复', path: ['recordIds'] }),
    roles: ['secretary'],
  }),
  myYear: defineAction<MemberYearView>()({
    summary: '我的六个一: the year’s six items, done or not, each with its records, and volunteer minutes.',
    input: z.object({ year: year.optional() }).strict(),
    roles: ['member'],
  }),
  tally: defineAction<TallyView>()({
    summary:
      'One scope’s tally for a year: members reported, complete (6/6), done per item, members by items done (0–6), volunteer hours. Secretary: their community; unit admin: their unit; county admin: any.',
    input: z
      .object({ scope: z.enum(['county', 'community', 'unit']), scopeId: id.optional(), year: year.optional() })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  overview: defineAction<CountyOverview>()({
    summary: 'The county admin’s view: the county and every community’s and unit’s tally for a year.',
    input: z.object({ year: year.optional() }).strict(),
    roles: ['countyAdmin'],
  }),
  progress: defineAction<ProgressPage>()({
    summary:
      'Members of a community or unit with their year’s items (who is missing what), 20 a page, by name. Secretary: their community; unit admin: their unit; county admin: any.',
    input: z
      .object({
        scope: z.enum(['community', 'unit']),
        scopeId: id.optional(),
        year: year.optional(),
        from: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
} as const;
