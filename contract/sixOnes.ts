/** 六个一: the six yearly items of an in-service party member (PRODUCT.md). Zod-free: src/ imports it. */
export const SIX_ONES_ITEMS = ['partyMeeting', 'symposium', 'survey', 'wish', 'volunteer', 'pairing'] as const;
export type SixOnesItem = (typeof SIX_ONES_ITEMS)[number];

export const SIX_ONES_LABELS: Record<SixOnesItem, string> = {
  partyMeeting: '参加1次社区党组织生活',
  symposium: '与社区干部进行1次座谈',
  survey: '开展1次社区调研',
  wish: '认领1个微心愿',
  volunteer: '当1天社区志愿者',
  pairing: '结对一户困难群众',
};

/** Activity types a secretary publishes; each proves the item of the same key. */
export const ACTIVITY_TYPES = ['partyMeeting', 'symposium', 'survey', 'volunteer'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  partyMeeting: '组织生活',
  symposium: '座谈',
  survey: '调研',
  volunteer: '志愿服务',
};

/** Short item names for lists and chips. */
export const SIX_ONES_SHORT: Record<SixOnesItem, string> = {
  partyMeeting: '组织生活',
  symposium: '座谈',
  survey: '调研',
  wish: '微心愿',
  volunteer: '志愿者',
  pairing: '结对帮扶',
};

/** What a record proves: attendance at an activity, a completed wish, or what the member filed. */
export const RECORD_KINDS = ['attendance', 'wish', 'surveyReport', 'pairing', 'visit'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  attendance: '活动签到',
  wish: '认领微心愿',
  surveyReport: '调研报告',
  pairing: '结对困难群众',
  visit: '走访记录',
};

export const RECORD_STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '已驳回' } as const;
export type RecordStatus = keyof typeof RECORD_STATUS_LABELS;

/** 当1天社区志愿者: service minutes in the year that make "a day" (default 4 h). */
export const VOLUNTEER_DAY_MINUTES = 240;

/** The rotating check-in code changes every 30 s; the current and the previous code are accepted. */
export const CHECK_IN_SLOT_SECONDS = 30;
/** Check-in opens 30 minutes before an activity starts and closes at its end. */
export const CHECK_IN_OPENS_BEFORE_MINUTES = 30;
/** The QR code's text: `txy-checkin:<activityId>:<code>` (the code is 8 digits). */
export const CHECK_IN_QR_PREFIX = 'txy-checkin:';
