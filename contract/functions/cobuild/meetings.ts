import { z } from 'zod';
import type { DecisionStatus, MeetingStatus } from '../../cobuild';
import type { ActionMap } from '../../action';
import { defineAction } from '../../action';
import { day, id, instant, text } from '../../fields';
import {
  AGENDA_MAX,
  CHAIR_THEME,
  DECISION_NOTE,
  DECISION_TITLE,
  DECISIONS_MAX,
  MEETING_MINUTES,
  MEETING_PLACE,
  MEETING_SUBJECT,
  REASON,
  TOPIC_DESCRIPTION,
  TOPIC_TITLE,
} from '../../limits';
import { activityFields, signUpBeforeEnd, timesInOrder, type ActivityView } from '../sixOnes';

export type { DecisionStatus, MeetingStatus } from '../../cobuild';

const year = z.number().int().min(2020).max(2100);
const month = z.number().int().min(1, '月份为 1–12').max(12, '月份为 1–12');
const quarter = z.number().int().min(1, '季度为 1–4').max(4, '季度为 1–4');
const version = z.number().int().min(0);

/** The pages a co-building notification opens (the staff package's rota and meeting pages). */
export const COBUILD_MEETING_PAGES = {
  rota: 'packages/cobuild/pages/rota/index',
  meeting: (meetingId: string) => `packages/cobuild/pages/meeting/index?id=${meetingId}`,
  meetings: 'packages/cobuild/pages/meetings/index',
  decisions: 'packages/cobuild/pages/decisions/index',
} as const;

/** A unit as the co-building pages name it. */
export interface UnitRef {
  id: string;
  name: string;
}

/** One month of a community's 轮值主席 rota. */
export interface RotaMonthView {
  /** 1–12. */
  month: number;
  /** The chair unit (one of the community's paired units); null while none is set. */
  chair: UnitRef | null;
  /** The month's theme the chair proposed; null until proposed. */
  theme: string | null;
  themedAt: string | null;
  /** The 六个一 activity the chair planned for the month (one per month); null until planned. */
  activity: { id: string; title: string; startAt: string; status: 'open' | 'cancelled' } | null;
  /** Before the current month (its chair stays as it was). */
  past: boolean;
  current: boolean;
  /** What the caller may do with this month now: the chair unit's admin proposes a theme / plans the activity. */
  can: Array<'proposeTheme' | 'planActivity'>;
}

/**
 * A community's rota for a year (`rota`): twelve months, always (a month without a chair has
 * `chair: null`). `version` is what `setRota` must send back (CONFLICT when someone saved in between).
 */
export interface RotaView {
  communityId: string;
  communityName: string;
  year: number;
  version: number;
  months: RotaMonthView[];
  /** The community's paired units: what a month's chair may be. */
  units: UnitRef[];
  /**
   * For a unit admin: the months their unit chairs this year, the current (or else the next
   * coming) one first, then the coming ones, then the past ones. Empty for others.
   */
  mine: number[];
  /** `set`: the community's secretary may edit the rota. */
  can: Array<'set'>;
}

/** A topic (议题) submitted for a joint meeting. */
export interface TopicView {
  id: string;
  title: string;
  description: string;
  /** Who submitted it: a paired unit, or the community (the secretary). */
  from: { kind: 'unit' | 'community'; id: string; name: string };
  byName: string;
  submittedAt: string;
  /** Place on the agenda (1-based); null when not on it. */
  agendaNo: number | null;
}

/** A decision (议定事项) of a held meeting, with its progress. */
export interface DecisionView {
  id: string;
  meetingId: string;
  meetingStartAt: string;
  communityId: string;
  title: string;
  /** Who carries it out: a paired unit, or the community itself. */
  owner: { kind: 'unit' | 'community'; id: string; name: string };
  /** The day it is due (`YYYY-MM-DD`, Beijing time). */
  dueAt: string;
  status: DecisionStatus;
  /** Open and past its due day. */
  overdue: boolean;
  progress: Array<{ at: string; byName: string; note: string | null; status: DecisionStatus | null }>;
  /** What `updateDecision` must send back. */
  version: number;
  /** `update`: the owner unit's admin or the secretary may report progress / close it. */
  can: Array<'update'>;
}

/** A joint meeting in a list. */
export interface MeetingSummary {
  id: string;
  communityId: string;
  communityName: string;
  status: MeetingStatus;
  startAt: string;
  place: string;
  subject: string;
  topicsBy: string;
  /** Quarter of `startAt` (1–4) and its year, Beijing time. */
  year: number;
  quarter: number;
  topicCount: number;
  decisionCount: number;
  /** Topics may still be submitted (called, before `topicsBy`). */
  topicsOpen: boolean;
}

/** One joint meeting (`meeting`): the summary with everything the meeting page shows. */
export interface MeetingView extends MeetingSummary {
  /** The community's paired units (who is expected; what a decision's owner may be). */
  units: UnitRef[];
  topics: TopicView[];
  /** The agenda: topic ids in order. */
  agenda: string[];
  /** Units present (recorded with the minutes); null until held. */
  present: UnitRef[] | null;
  minutes: string | null;
  heldAt: string | null;
  cancelReason: string | null;
  decisions: DecisionView[];
  /** The previous held meeting of the community, with its decisions and where they stand now. */
  previous: { id: string; startAt: string; subject: string; decisions: DecisionView[] } | null;
  /** What `setAgenda`, `recordMeeting` and `cancelMeeting` must send back. */
  version: number;
  can: Array<'submitTopic' | 'setAgenda' | 'record' | 'cancel'>;
}

export interface MeetingPage {
  items: MeetingSummary[];
  next: number | null;
}

export interface DecisionPage {
  items: DecisionView[];
  next: number | null;
}

const decisionInput = z
  .object({
    title: text(DECISION_TITLE.min, DECISION_TITLE.max),
    /** A paired unit of the community, or null: the community itself. */
    ownerUnitId: id.nullable(),
    /** The due day (Beijing time). */
    dueAt: day,
  })
  .strict();

/** 结对共建 actions: the 轮值主席 rota and 联席会议 (see contract/functions/cobuild.ts). */
export const cobuildMeetings = {
  rota: defineAction<RotaView>()({
    summary:
      "A community's 轮值主席 rota for a year (default this year): each month's chair unit, theme and planned activity. Secretary: their community; unit admin: the community its unit is paired with (with the months it chairs, `mine`); county admin: any community (`communityId` required).",
    input: z.object({ communityId: id.optional(), year: year.optional() }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  setRota: defineAction<RotaView>()({
    summary:
      "The secretary sets months' chair units (paired units of the community, or null for none); months not sent stay. A past month keeps its chair; a month whose chair planned an activity keeps it too. `version` as read, else CONFLICT.",
    input: z
      .object({
        year,
        version,
        months: z
          .array(z.object({ month, unitId: id.nullable() }).strict())
          .min(1)
          .max(12)
          .refine((ms) => new Set(ms.map((m) => m.month)).size === ms.length, { message: '月份重复' }),
      })
      .strict(),
    roles: ['secretary'],
  }),
  proposeTheme: defineAction<RotaView>()({
    summary:
      "The chair unit's admin proposes (or changes) the theme of a month it chairs, the current or a coming one.",
    input: z.object({ year, month, theme: text(CHAIR_THEME.min, CHAIR_THEME.max) }).strict(),
    roles: ['unitAdmin'],
  }),
  planChairActivity: defineAction<ActivityView>()({
    summary:
      "The chair unit's admin plans the month's one 六个一 activity (starting within that month): published to the community's activities as hosted by the unit (`host`), like a secretary's.",
    input: z
      .object({ year, month, ...activityFields })
      .strict()
      .refine(timesInOrder, { message: '结束时间须晚于开始时间', path: ['endAt'] })
      .refine(signUpBeforeEnd, { message: '报名截止须早于活动结束', path: ['signUpBy'] }),
    roles: ['unitAdmin'],
  }),
  callMeeting: defineAction<MeetingView>()({
    summary:
      "The secretary calls a 联席会议 of their community: a future start, a place, the topic window's end `topicsBy` (default 3 days before; before the start and in the future), an optional subject. The paired units' admins are told.",
    input: z
      .object({
        startAt: instant,
        place: text(MEETING_PLACE.min, MEETING_PLACE.max),
        topicsBy: instant.optional(),
        subject: text(MEETING_SUBJECT.min, MEETING_SUBJECT.max).optional(),
      })
      .strict(),
    roles: ['secretary'],
  }),
  meetings: defineAction<MeetingPage>()({
    summary:
      'Joint meetings of a year (default this year; a quarter narrows it), latest first, 50 a page. Secretary: their community; unit admin: the community its unit is paired with; county admin: one community (`communityId`) or all.',
    input: z
      .object({
        communityId: id.optional(),
        year: year.optional(),
        quarter: quarter.optional(),
        from: z.number().int().min(0).max(10_000).default(0),
      })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  meeting: defineAction<MeetingView>()({
    summary:
      "One joint meeting: topics, agenda, attendance, minutes, its decisions, and the previous held meeting's decisions with their status now.",
    input: z.object({ meetingId: id }).strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  submitTopic: defineAction<MeetingView>()({
    summary:
      "A paired unit's admin (for their unit) or the secretary (for the community) submits a topic while the window is open (until `topicsBy`).",
    input: z
      .object({
        meetingId: id,
        title: text(TOPIC_TITLE.min, TOPIC_TITLE.max),
        description: text(TOPIC_DESCRIPTION.min, TOPIC_DESCRIPTION.max),
      })
      .strict(),
    roles: ['unitAdmin', 'secretary'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  setAgenda: defineAction<MeetingView>()({
    summary:
      'The secretary sets the agenda of a called meeting: topic ids of that meeting, in order. The paired units are told. `version` as read, else CONFLICT.',
    input: z
      .object({
        meetingId: id,
        version,
        topicIds: z
          .array(id)
          .max(AGENDA_MAX)
          .refine((ids) => new Set(ids).size === ids.length, { message: '议题重复' }),
      })
      .strict(),
    roles: ['secretary'],
  }),
  recordMeeting: defineAction<MeetingView>()({
    summary:
      "The secretary records a called meeting once its time has come: units present (paired units), minutes, decisions (title, owner: a paired unit or null for the community, due day). The meeting is held; owners' admins are told.",
    input: z
      .object({
        meetingId: id,
        version,
        presentUnitIds: z
          .array(id)
          .max(50)
          .refine((ids) => new Set(ids).size === ids.length, { message: '单位重复' }),
        minutes: text(MEETING_MINUTES.min, MEETING_MINUTES.max),
        decisions: z.array(decisionInput).max(DECISIONS_MAX),
      })
      .strict(),
    roles: ['secretary'],
  }),
  cancelMeeting: defineAction<MeetingView>()({
    summary: 'The secretary cancels a called meeting with a reason; the paired units are told.',
    input: z.object({ meetingId: id, version, reason: text(REASON.min, REASON.max) }).strict(),
    roles: ['secretary'],
  }),
  decisions: defineAction<DecisionPage>()({
    summary:
      "Decisions of joint meetings, by status (default open), soonest due first, 50 a page. Secretary: their community's; unit admin: those its unit owns; county admin: one community (`communityId`) or all.",
    input: z
      .object({
        communityId: id.optional(),
        status: z.enum(['open', 'done', 'dropped']).default('open'),
        from: z.number().int().min(0).max(10_000).default(0),
      })
      .strict(),
    roles: ['secretary', 'unitAdmin', 'countyAdmin'],
  }),
  updateDecision: defineAction<DecisionView>()({
    summary:
      "The owner unit's admin or the secretary reports progress on an open decision (a note) and/or closes it (done or dropped). `version` as read, else CONFLICT.",
    input: z
      .object({
        decisionId: id,
        version,
        note: text(DECISION_NOTE.min, DECISION_NOTE.max).optional(),
        status: z.enum(['done', 'dropped']).optional(),
      })
      .strict()
      .refine((p) => p.note !== undefined || p.status !== undefined, {
        message: '请填写进展或选择状态',
        path: ['note'],
      }),
    roles: ['unitAdmin', 'secretary'],
  }),
} satisfies ActionMap;
