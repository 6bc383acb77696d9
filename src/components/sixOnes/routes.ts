/**
 * Pages of the member's 六个一 (packages/member), next to src/routes.ts. `activity` and `sixOnes`
 * are also what notifications open (server/sixOnes/shared.ts): keep them as they are.
 */
export const SIX_ONES_ROUTES = {
  /** 社区活动: upcoming and past activities of the member's community. */
  activities: '/packages/member/pages/activities/index',
  /** `?id=<activityId>`: one activity with 报名, 签到, 签退. */
  activity: '/packages/member/pages/activity/index',
  /** 我的六个一. */
  sixOnes: '/packages/member/pages/six-ones/index',
  /** `?kind=surveyReport|pairing|visit` a new record; `?refile=<recordId>` a rejected one corrected. */
  recordFile: '/packages/member/pages/record-file/index',
} as const;

export const activityUrl = (id: string) => `${SIX_ONES_ROUTES.activity}?id=${encodeURIComponent(id)}`;
