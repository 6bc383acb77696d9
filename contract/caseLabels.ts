/** 民情诉求 constants (PRODUCT.md "Complaints and requests"). Zod-free: src/ imports it. */
export const CASE_CATEGORIES = ['环境卫生', '停车', '噪音', '物业', '设施维修', '治安', '邻里纠纷', '其他'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Categories that also notify the property company's liaison of the building. */
export const PROPERTY_CATEGORIES: readonly CaseCategory[] = ['物业', '设施维修'];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };

export const CASE_STATUSES = [
  'assigned',
  'accepted',
  'escalated',
  'whistled',
  'reported',
  'resolved',
  'reopened',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  assigned: '待响应',
  accepted: '网格办理中',
  escalated: '社区办理中',
  whistled: '已吹哨',
  reported: '部门办理中',
  resolved: '已办结待评价',
  reopened: '重新办理',
  closed: '已完结',
  withdrawn: '已撤回',
};

/**
 * The status as the complainant reads it (`CaseProgress.state`, 我的诉求): plain progress, not the
 * handlers' chain — whoever handles it (grid, community, departments) it is 正在办理.
 */
export const CASE_STATUS_PLAIN: Record<CaseStatus, string> = {
  assigned: '等待受理',
  accepted: '正在办理',
  escalated: '正在办理',
  whistled: '正在办理',
  reported: '正在办理',
  resolved: '待您确认',
  reopened: '重新办理中',
  closed: '已完结',
  withdrawn: '已撤回',
};

export const CASE_LEVELS = ['grid', 'community', 'department'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
export const CASE_LEVEL_LABELS: Record<CaseLevel, string> = { grid: '网格', community: '社区', department: '部门' };

/** The three reasons a community may blow the whistle for (吹哨). */
export const WHISTLE_REASONS = ['群众反映突出而社区解决不了', '需要综合执法', '应急处置'] as const;
export type WhistleReason = (typeof WHISTLE_REASONS)[number];

export const WHISTLE_CLASSES = ['日常', '重大', '紧急'] as const;
export type WhistleClass = (typeof WHISTLE_CLASSES)[number];

/** The resident's rating of the result; 未评价 when the case closes unrated after 7 days. */
export const RESIDENT_GRADES = ['满意', '基本满意', '不满意'] as const;
export type ResidentGrade = (typeof RESIDENT_GRADES)[number];

/** The community's rating of a department's work (feeds the department's assessment). */
export const DEPARTMENT_GRADES = ['好', '较好', '一般', '差'] as const;
export type DepartmentGrade = (typeof DEPARTMENT_GRADES)[number];

/** Deadlines (PRODUCT.md defaults), in minutes. */
export const DEADLINES = {
  respond: { normal: 24 * 60, urgent: 2 * 60 },
  gridResolve: 3 * 24 * 60,
  reportIn: { 日常: 24 * 60, 重大: 24 * 60, 紧急: 30 },
  deptResolve: { 日常: 7 * 24 * 60, 重大: 15 * 24 * 60, 紧急: 7 * 24 * 60 },
  autoClose: 7 * 24 * 60,
} as const;

export const METRIC_PERIODS = ['month', 'quarter', 'year'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

export const METRIC_SCOPES = ['grid', 'community', 'department', 'county'] as const;
export type MetricScope = (typeof METRIC_SCOPES)[number];
/** What kind of scope it is, as the metrics pages say it. */
export const METRIC_SCOPE_LABELS: Record<MetricScope, string> = {
  grid: '网格',
  community: '社区',
  department: '部门',
  county: '全县',
};

/** Whether a value (an address's `scope=`) names a metrics scope. */
export const isMetricScope = (v: string | undefined): v is MetricScope =>
  (METRIC_SCOPES as readonly unknown[]).includes(v);

/**
 * The measures of the 民情诉求 metrics (PRODUCT.md "Metrics"), in the order they are shown: 响应率,
 * 办结率, 满意率, 按时报到率, 吹哨率 (with its band), and the communities' grades of a department.
 */
export const METRIC_MEASURES = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeReportRate',
  'whistleRate',
  'departmentGrades',
] as const;
export type MetricMeasure = (typeof METRIC_MEASURES)[number];

export const METRIC_MEASURE_LABELS: Record<MetricMeasure, string> = {
  responseRate: '响应率',
  resolutionRate: '办结率',
  satisfactionRate: '满意率',
  onTimeReportRate: '按时报到率',
  whistleRate: '吹哨率',
  departmentGrades: '社区对部门的评价',
};

/**
 * Which measures each scope has — the one place for it: `complaint.metrics` answers those alone
 * (the fields of the others are absent from its `rates`), and the 诉求指标 page shows those alone
 * and names them in its explanation. A grid is measured by its cases; a community adds 吹哨率 and
 * its band; a department by its 报到 and the communities' grades of its work; the county by all.
 */
export const SCOPE_MEASURES: Record<MetricScope, readonly MetricMeasure[]> = {
  grid: ['responseRate', 'resolutionRate', 'satisfactionRate'],
  community: ['responseRate', 'resolutionRate', 'satisfactionRate', 'whistleRate'],
  department: ['onTimeReportRate', 'departmentGrades'],
  county: METRIC_MEASURES,
};

/**
 * The counts each measure is worked out from, answered with it (a count two measures share is
 * there when either is). The on-time rates count only what is due: `responseDue` (cases answered,
 * or whose response deadline passed unanswered) and `reportInDue` (whistled departments reported
 * in, or whose report deadline passed) — one still inside its deadline and not yet handled is
 * neither on time nor late.
 */
export const MEASURE_COUNTS = {
  responseRate: ['respondedOnTime', 'responseDue'],
  resolutionRate: ['resolved', 'submitted', 'withdrawn'],
  satisfactionRate: ['satisfied', 'rated'],
  onTimeReportRate: ['reportedOnTime', 'reportInDue', 'whistlesReceived'],
  whistleRate: ['whistled', 'communityLevel'],
  departmentGrades: ['departmentGrades'],
} as const satisfies Record<MetricMeasure, readonly string[]>;
