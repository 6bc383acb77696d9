import { z } from 'zod';
import { defineAction } from '../action';
import { fileId, id, instant, latLng, queueQuery, queueTab, text } from '../fields';
import { ASSIST_DEPARTMENTS_MAX, CASE_DESCRIPTION, CASE_PHOTOS, CASE_REPLY } from '../limits';
import {
  CASE_CATEGORIES,
  DEPARTMENT_GRADES,
  METRIC_PERIODS,
  METRIC_SCOPES,
  RESIDENT_GRADES,
  URGENCIES,
  WHISTLE_CLASSES,
  WHISTLE_REASONS,
  type CaseCategory,
  type CaseLevel,
  type CaseStatus,
  type DepartmentGrade,
  type MetricMeasure,
  type MetricScope,
  type ResidentGrade,
  type Urgency,
  type WhistleClass,
  type WhistleReason,
} from '../caseLabels';

export type * from '../caseLabels';

const photos = (min: number, max: number) => z.array(fileId).min(min).max(max);

export interface CaseTimelineEntry {
  at: string;
  byName: string;
  role: string;
  action: string;
  from: CaseStatus | null;
  to: CaseStatus;
  note: string | null;
  photos: Array<{ fileId: string; url: string | null }>;
}

export interface DepartmentPart {
  departmentId: string;
  departmentName: string;
  role: 'lead' | 'assist';
  reportedAt: string | null;
  /** Reported in after the report deadline (flagged by the scheduler or at report-in). */
  late: boolean;
  note: string | null;
  photos: Array<{ fileId: string; url: string | null }>;
  doneAt: string | null;
}

/** One plain line of the complainant's progress: what happened, and the handler's reply if any. */
export interface CaseProgressStep {
  at: string;
  /** 您提交了诉求, 由潋江社区第1网格的网格员办理, 网格员已受理, 社区已协调兴国县城市管理局等部门共同办理 … */
  text: string;
  /** The reply or the resident's own words (受理/办结 notes, their rating comment, withdrawal reason). */
  note: string | null;
}

/**
 * The case as its complainant follows it (server/complaints/progress.ts): plain progress, none of
 * the handlers' chain (levels, 吹哨, 报到, 协办, late flags, extensions, department grades).
 */
export interface CaseProgress {
  /** The state in plain words (`CASE_STATUS_PLAIN`): 等待受理, 正在办理, 待您确认 … */
  state: string;
  /** Who handles it now: 潋江社区第1网格的网格员, 潋江社区, 兴国县城市管理局等部门; null once it is resolved, closed or withdrawn. */
  handler: string | null;
  /** What happened, oldest first: submitted, accepted, handed on, a reply, resolved, rated, reopened. */
  steps: CaseProgressStep[];
  /**
   * What comes next and by when: `who` (网格员, 社区, 兴国县城市管理局等部门) will contact the
   * resident (`respond`) or resolve it (`resolve`), or the resident is asked to confirm and rate
   * (`confirm`, who null); `by` the deadline (ISO) or null when none runs. Null when nothing comes.
   */
  next: { kind: 'respond' | 'resolve' | 'confirm'; who: string | null; by: string | null } | null;
}

export interface CaseView {
  id: string;
  category: CaseCategory;
  description: string;
  photos: Array<{ fileId: string; url: string | null }>;
  location: { lat: number; lng: number; label: string };
  urgency: Urgency;
  anonymous: boolean;
  status: CaseStatus;
  level: CaseLevel;
  community: { id: string; name: string };
  grid: { id: string; name: string } | null;
  /**
   * The complainant: for the complainant and handlers in scope only (a property liaison — not
   * government staff — only when the case is not anonymous, to contact them); null for everyone else.
   */
  complainant: { name: string; phone: string } | null;
  submittedAt: string;
  /** The deadline now running (response, grid resolution, report-in or department resolution). */
  dueAt: string | null;
  overdue: boolean;
  /** 吹哨: for government handlers in scope; null for the complainant (who reads `progress`), a property liaison, and before a whistle. */
  whistle: {
    reason: WhistleReason;
    class: WhistleClass;
    deadline: string;
    reportBy: string;
    departments: DepartmentPart[];
    extension: {
      until: string;
      reason: string;
      status: 'pending' | 'approved' | 'refused';
      note: string | null;
    } | null;
    rating: DepartmentGrade | null;
  } | null;
  resolution: {
    note: string;
    photos: Array<{ fileId: string; url: string | null }>;
    at: string;
    level: CaseLevel;
  } | null;
  rating: { grade: ResidentGrade | '未评价'; comment: string | null; at: string } | null;
  reopened: boolean;
  /** The full timeline: for handlers in scope (in `complaint.detail` and the actions' answers); null for the complainant and in lists. */
  timeline: CaseTimelineEntry[] | null;
  /** The complainant's plain progress (in `complaint.detail`, `submit` and their actions' answers); null for everyone else and in lists. */
  progress: CaseProgress | null;
  /** What the viewer may do now; never a handler's step on a case the viewer filed (the server re-checks every one). */
  can: Array<
    | 'withdraw'
    | 'rate'
    | 'accept'
    | 'reply'
    | 'resolve'
    | 'escalate'
    | 'whistle'
    | 'reportIn'
    | 'requestExtension'
    | 'decideExtension'
    | 'deptResolve'
    | 'assist'
    | 'rateDepartment'
  >;
}

export interface CasePage {
  items: CaseView[];
  next: number | null;
}

/** A department's whistle as its inbox lists it (the case itself: complaint.detail). */
export interface TaskView {
  caseId: string;
  role: 'lead' | 'assist';
  status: 'open' | 'done';
  category: CaseCategory;
  description: string;
  urgency: Urgency;
  class: WhistleClass;
  reason: WhistleReason;
  community: { id: string; name: string };
  location: string;
  whistledAt: string;
  reportBy: string;
  reportedAt: string | null;
  late: boolean;
  deadline: string;
  overdue: boolean;
}

export interface TaskPage {
  items: TaskView[];
  next: number | null;
}

/**
 * A scope's measures over a period, worked out from its counters when read. Only the fields of
 * the measures its scope has are present (`SCOPE_MEASURES` and `MEASURE_COUNTS` in
 * caseLabels.ts): a grid's view has no 吹哨率 or 按时报到率, a department's only those of its 报到
 * and grades. A rate is null when its denominator is 0; for 响应率 and 按时报到率 that means
 * nothing is due yet (暂无到期事项), never 0 %.
 */
export interface Rates {
  /** Cases submitted in the period (a case counts in the month it was submitted). */
  submitted?: number;
  withdrawn?: number;
  /** Cases answered (accepted) by their response deadline. */
  respondedOnTime?: number;
  /**
   * Cases due a response: answered, in time or not, or whose response deadline passed unanswered.
   * A case still inside its deadline and unanswered is neither on time nor late: not counted (nor
   * one withdrawn before its deadline).
   */
  responseDue?: number;
  resolved?: number;
  rated?: number;
  satisfied?: number;
  communityLevel?: number;
  whistled?: number;
  /** Departments whistled (each department of each whistle). */
  whistlesReceived?: number;
  /**
   * Whistled departments due to report in: reported in, in time or not, or whose report deadline
   * passed. One still inside its deadline and not reported in is neither on time nor late.
   */
  reportInDue?: number;
  reportedOnTime?: number;
  departmentGrades?: Record<DepartmentGrade, number>;
  /** respondedOnTime / responseDue. */
  responseRate?: number | null;
  /** resolved / (submitted − withdrawn). */
  resolutionRate?: number | null;
  /** satisfied / rated. */
  satisfactionRate?: number | null;
  /** reportedOnTime / reportInDue. */
  onTimeReportRate?: number | null;
  /** whistled / communityLevel. */
  whistleRate?: number | null;
}

export interface MetricsView {
  scope: MetricScope;
  scopeId: string;
  period: { kind: 'month' | 'quarter' | 'year'; year: number; index: number; from: string; to: string };
  /** The measures of the scope, in the order shown: `SCOPE_MEASURES[scope]`. */
  measures: MetricMeasure[];
  rates: Rates;
  /** 吹哨率 band: below 5 % or above 40 % of community-level cases is a signal; null without a 吹哨率. */
  whistleBand: 'low' | 'normal' | 'high' | null;
}

/** One month of a trend: its rates as `complaint.metrics` answers that month. */
export interface TrendMonth {
  year: number;
  /** 1–12. */
  month: number;
  /** The scope's measures (SCOPE_MEASURES); a month without cases has zero counts and null rates. */
  rates: Rates;
}

/** The rates of one scope over the 12 months ending at a given month (`complaint.metricsTrend`). */
export interface MetricsTrendView {
  scope: MetricScope;
  scopeId: string;
  /** The measures of the scope, in the order shown: `SCOPE_MEASURES[scope]`. */
  measures: MetricMeasure[];
  /** Twelve months, oldest first; the last is the month asked for. */
  months: TrendMonth[];
}

const location = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('point'), lat: latLng.shape.lat, lng: latLng.shape.lng, label: text(0, 60).optional() })
    .strict(),
  z.object({ kind: z.literal('building'), microGridId: id }).strict(),
  z.object({ kind: z.literal('address') }).strict(),
]);

const caseId = z.object({ caseId: id }).strict();

export { QUEUE_TABS, type QueueTab } from '../fields';

/** The tab and the words typed into a case queue's search box (empty: no narrowing). */
const queueSearch = { tab: queueTab, q: queueQuery };

export const complaint = {
  submit: defineAction<CaseView>()({
    summary:
      'A resident reports a problem: category, description, up to 6 photos, location (a point, a building of the directory, or their registered address), urgency, anonymity. Assigned at once to the grid containing the point.',
    input: z
      .object({
        category: z.enum(CASE_CATEGORIES),
        description: text(CASE_DESCRIPTION.min, CASE_DESCRIPTION.max),
        photos: photos(CASE_PHOTOS.min, CASE_PHOTOS.max).default([]),
        location,
        urgency: z.enum(URGENCIES).default('normal'),
        anonymous: z.boolean().default(false),
      })
      .strict(),
    roles: ['resident'],
    rateLimit: { max: 30, windowMinutes: 60 },
  }),
  mine: defineAction<CaseView[]>()({
    summary: "The caller's cases, newest first.",
    input: z.object({}).strict(),
    roles: ['resident'],
  }),
  detail: defineAction<CaseView>()({
    summary:
      'One case, for the complainant and handlers in scope: handlers get the full timeline and the whistle; the complainant gets plain progress instead (who handles it now, what happened, what comes next and by when), none of the internal chain.',
    input: caseId,
    roles: ['resident', 'gridWorker', 'secretary', 'department', 'countyAdmin', 'propertyLiaison'],
  }),
  withdraw: defineAction<CaseView>()({
    summary: 'The complainant withdraws a case before it is accepted.',
    input: z.object({ caseId: id, reason: text(0, 200).optional() }).strict(),
    roles: ['resident'],
  }),
  rate: defineAction<CaseView>()({
    summary:
      'The complainant rates the result; 不满意 reopens it once (back to the last handler) and needs a reason (the comment, which the handler reads), else it closes.',
    input: z
      .object({ caseId: id, grade: z.enum(RESIDENT_GRADES), comment: text(0, 200).optional() })
      .strict()
      .refine((r) => r.grade !== '不满意' || (r.comment !== undefined && r.comment.length >= 2), {
        message: '请说明哪里不满意（至少 2 个字），以便重新办理',
        path: ['comment'],
      }),
    roles: ['resident'],
  }),
  gridQueue: defineAction<CasePage>()({
    summary:
      "The grid worker's queue, 20 a page: 待办 (`todo`) the grids' cases waiting on the grid, overdue then 紧急 then the nearest deadline; 已办 (`done`) the grids' other cases, latest moved first (of the 200 latest past the page). `q` narrows both to cases whose description, place or complainant (unless anonymous) has every word.",
    input: z.object({ ...queueSearch, from: z.number().int().min(0).max(100_000).default(0) }).strict(),
    roles: ['gridWorker'],
  }),
  propertyQueue: defineAction<CasePage>()({
    summary:
      "The property liaison's queue (红色物业), 20 a page: the property-category (物业) cases of the estates their company serves. 待办 (`todo`) those still with the grid (waiting for a response or a result), overdue then 紧急 then the nearest deadline; 已办 (`done`) the others, latest moved first. `q` as in gridQueue. The grid keeps the case: its grid worker sees and acts on it too.",
    input: z.object({ ...queueSearch, from: z.number().int().min(0).max(100_000).default(0) }).strict(),
    roles: ['propertyLiaison'],
  }),
  accept: defineAction<CaseView>()({
    summary:
      "The grid worker (or, for a case in the community queue, the secretary; or, for a property case of their company's estates at the grid, the property liaison) responds: first contact. Not on a case the caller filed (FORBIDDEN).",
    input: z.object({ caseId: id, note: text(0, 200).optional() }).strict(),
    roles: ['gridWorker', 'secretary', 'propertyLiaison'],
  }),
  reply: defineAction<CaseView>()({
    summary:
      "The property liaison replies on an accepted property case of their company's estates still at the grid: a progress note the complainant reads (物业回复); the state does not move, the grid keeps the case. Not on a case the caller filed (FORBIDDEN).",
    input: z.object({ caseId: id, note: text(CASE_REPLY.min, CASE_REPLY.max) }).strict(),
    roles: ['propertyLiaison'],
  }),
  resolve: defineAction<CaseView>()({
    summary:
      'The grid worker (grid level), the property liaison (a property case of their estates, grid level) or the secretary (community level) resolves the case with a note and photos. Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, note: text(2, 500), photos: photos(0, 6).default([]) }).strict(),
    roles: ['gridWorker', 'secretary', 'propertyLiaison'],
  }),
  escalate: defineAction<CaseView>()({
    summary:
      'The grid worker escalates an accepted case to the community with a reason. Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, reason: text(2, 200) }).strict(),
    roles: ['gridWorker'],
  }),
  communityQueue: defineAction<CasePage>()({
    summary:
      "The secretary's queue, 20 a page: 待办 (`todo`) the community's open cases that need it (in its queue, overdue, an extension to decide, a department to grade; `filter: 'all'` every open one), by urgency and deadline; 已办 (`done`) the community's other cases, latest moved first. `q` as in gridQueue.",
    input: z
      .object({
        ...queueSearch,
        filter: z.enum(['action', 'all']).default('action'),
        from: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    roles: ['secretary'],
  }),
  whistle: defineAction<CaseView>()({
    summary:
      'The secretary blows the whistle (吹哨) to a lead department and optional assisting ones, with an allowed reason, a class and a deadline. Not on a case the caller filed (FORBIDDEN).',
    input: z
      .object({
        caseId: id,
        leadDepartmentId: id,
        assistDepartmentIds: z.array(id).max(ASSIST_DEPARTMENTS_MAX).default([]),
        reason: z.enum(WHISTLE_REASONS),
        class: z.enum(WHISTLE_CLASSES),
        deadline: instant,
        note: text(0, 200).optional(),
      })
      .strict()
      .refine((p) => !p.assistDepartmentIds.includes(p.leadDepartmentId), {
        message: '牵头部门不能同时是协办部门',
        path: ['assistDepartmentIds'],
      }),
    roles: ['secretary'],
  }),
  deptInbox: defineAction<TaskPage>()({
    summary:
      "The department's whistles, 20 a page: open (to report in, in progress; overdue, then 紧急, then the nearest deadline) or done (latest first). `q` narrows either to whistles whose description, place, community or complainant (unless anonymous) has every word.",
    input: z
      .object({
        status: z.enum(['open', 'done']).default('open'),
        q: queueQuery,
        from: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
    roles: ['department'],
  }),
  reportIn: defineAction<CaseView>()({
    summary:
      'A whistled department reports in (报到); late if after the report deadline. Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, note: text(0, 200).optional() }).strict(),
    roles: ['department'],
  }),
  requestExtension: defineAction<CaseView>()({
    summary:
      'The lead department asks the secretary to extend the deadline, with a reason. Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, until: instant, reason: text(4, 200) }).strict(),
    roles: ['department'],
  }),
  decideExtension: defineAction<CaseView>()({
    summary:
      'The secretary approves or refuses an extension; an approved one moves the deadline. Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, approve: z.boolean(), note: text(0, 200).optional() }).strict(),
    roles: ['secretary'],
  }),
  deptResolve: defineAction<CaseView>()({
    summary:
      'The lead department resolves the case with the outcome and evidence. Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, outcome: text(4, 500), photos: photos(1, 6) }).strict(),
    roles: ['department'],
  }),
  assist: defineAction<CaseView>()({
    summary: 'An assisting department adds its part (note and photos). Not on a case the caller filed (FORBIDDEN).',
    input: z.object({ caseId: id, note: text(4, 500), photos: photos(0, 6).default([]) }).strict(),
    roles: ['department'],
  }),
  rateDepartment: defineAction<CaseView>()({
    summary:
      "The secretary checks the department's result and rates the department (好/较好/一般/差). Not on a case the caller filed (FORBIDDEN).",
    input: z.object({ caseId: id, grade: z.enum(DEPARTMENT_GRADES), note: text(0, 200).optional() }).strict(),
    roles: ['secretary'],
  }),
  metrics: defineAction<MetricsView>()({
    summary:
      "The measures of a grid, community, department or the county for a month, quarter or year (staff in scope, county admin) — each scope its own (SCOPE_MEASURES): a grid 响应率, 办结率, 满意率; a community those and 吹哨率 with its band; a department 按时报到率 and the communities' grades of its work; the county all. 响应率 and 按时报到率 count only what is due — answered or reported in, or past the deadline — so one still inside its deadline is neither on time nor late; with nothing due the rate is null (暂无到期事项), never 0 %.",
    input: z
      .object({
        scope: z.enum(METRIC_SCOPES),
        scopeId: id.optional(),
        period: z.enum(METRIC_PERIODS).default('month'),
        year: z.number().int().min(2020).max(2100).optional(),
        /** Month 1–12 or quarter 1–4; default the current one. */
        index: z.number().int().min(1).max(12).optional(),
      })
      .strict()
      .refine((p) => p.period !== 'quarter' || p.index === undefined || p.index <= 4, {
        message: '季度为 1–4',
        path: ['index'],
      }),
    roles: ['gridWorker', 'secretary', 'department', 'countyAdmin'],
  }),
  metricsTrend: defineAction<MetricsTrendView>()({
    summary:
      'The rates of one scope for each of the 12 months ending at `year`/`month` (default the current month in Asia/Shanghai), oldest first: each month exactly what `metrics` answers for that month (the same scopes, measures and scope rules; a month without cases has zero counts and null rates). One read of the 12 month counters.',
    input: z
      .object({
        scope: z.enum(METRIC_SCOPES),
        scopeId: id.optional(),
        year: z.number().int().min(2020).max(2100).optional(),
        /** The last month shown, 1–12; default the current one. */
        month: z.number().int().min(1).max(12).optional(),
      })
      .strict(),
    roles: ['gridWorker', 'secretary', 'department', 'countyAdmin'],
  }),
} as const;
