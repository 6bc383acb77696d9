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
} as const;

export const caseUrl = (id: string) => `${CASE_ROUTES.detail}?id=${encodeURIComponent(id)}`;
