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
