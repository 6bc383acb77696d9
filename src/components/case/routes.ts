/**
 * Pages of 民情诉求 (吹哨报到), next to src/routes.ts. `detail` is also what every notification
 * about a case opens, whatever the role (server/complaints/notices.ts `casePage`): keep it as it is.
 */
export const CASE_ROUTES = {
  /** 我要反映: a resident reports a problem. */
  submit: '/packages/resident/pages/case-submit/index',
  /** `?id=<caseId>`: one case with its timeline and the actions the viewer may take. */
  detail: '/packages/resident/pages/case-detail/index',
  /** `?as=grid|community`: the grid worker's or the secretary's queue. */
  queue: '/packages/staff/pages/case-queue/index',
  /** 吹哨报到: the department's inbox. */
  inbox: '/packages/staff/pages/case-inbox/index',
  /** `?scope=grid|community|department|county&scopeId=…`: 诉求指标. */
  metrics: '/packages/staff/pages/case-metrics/index',
  /** The same `?scope=&scopeId=`: 诉求指标趋势, the last 12 months (the supervision subpackage, with the charts). */
  trend: '/packages/supervision/pages/case-trend/index',
} as const;

export const caseUrl = (id: string) => `${CASE_ROUTES.detail}?id=${encodeURIComponent(id)}`;

/** 诉求指标趋势 of a scope (the county needs no id). */
export const trendUrl = (scope: string, scopeId: string) =>
  `${CASE_ROUTES.trend}?scope=${scope}${scope === 'county' ? '' : `&scopeId=${encodeURIComponent(scopeId)}`}`;
