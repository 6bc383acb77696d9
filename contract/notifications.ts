/**
 * Notifications (消息): every step a person waits for lands in their in-app 消息 list and, when
 * they accepted the template in `requestSubscribeMessage`, as a WeChat subscribe message.
 *
 * This is the one table of subscribe-message templates: for each, the template chosen in the
 * mini-program console (its title in WeChat's library and its own keywords, each with a type),
 * and which part of a notification fills each keyword. The server formats values to their
 * keyword type's rules before sending (server/notify); the local CloudBase refuses values that
 * break them (errcode 47003), as WeChat does. docs/deployment.md tells how to apply for them.
 */

/** WeChat's keyword types (订阅消息参数值内容限制). */
export const KEYWORD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

/** What WeChat allows in each keyword type, as its documentation states it. */
export const KEYWORD_RULES: Record<KeywordType, string> = {
  thing: '20 个以内字符，汉字、数字、字母或符号',
  number: '32 位以内数字，可带小数',
  letter: '32 位以内字母',
  symbol: '5 位以内符号',
  character_string: '32 位以内数字、字母或符号',
  time: '24 小时制时间（可带年月日），如 15:01 或 2019年10月1日 15:01；时间段用 ~ 连接',
  date: '年月日（可带 24 小时制时间），如 2019年10月1日；时间段用 ~ 连接',
  amount: '1 个币种符号 + 10 位以内数字，可带小数，结尾可带“元”',
  phone_number: '17 位以内数字、符号',
  car_number: '8 位以内，首尾可为汉字，其余字母或数字',
  name: '10 个以内汉字，或 20 个以内纯字母/符号（混合按汉字算）',
  phrase: '5 个以内纯汉字',
};

/** What one notification says, before a template picks its keywords from it. */
export interface NoticeContent {
  /** What it is about: the wish's or case's text, the activity's title. */
  subject: string;
  /** Where it stands, in a few Chinese characters (it fills `phrase` keywords): 已受理, 已发布. */
  status: string;
  /** One line more: the reason, what to do next. */
  note?: string;
  /** When it happened, or the deadline or start time it announces. */
  time: Date;
  /** Where: the place of a case or activity. */
  place?: string;
  /** Who: the person who acted (claimer, handler). */
  person?: string;
}
export type NoticeField = keyof NoticeContent;

export interface Keyword {
  type: KeywordType;
  /** The keyword's name in the template (what the user reads beside the value). */
  label: string;
  /** The part of the notification that fills it. */
  from: NoticeField;
}

export interface TemplateSpec {
  /** The template's title in WeChat's public library (公共模板库), chosen in the console. */
  title: string;
  /** The title of its entry in the in-app 消息 list. */
  inbox: string;
  /** Why it is sent, and to whom. */
  purpose: string;
  /** The function environment variable that holds the template id the console assigned. */
  env: string;
  /** The template's keywords as the console lists them (name → type, label, source). */
  keywords: Record<string, Keyword>;
}

const kw = (type: KeywordType, label: string, from: NoticeField): Keyword => ({ type, label, from });

export const TEMPLATES = {
  wishReviewed: {
    title: '审核结果通知',
    inbox: '心愿审核结果',
    purpose: 'the submitter: their wish was published or rejected',
    env: 'TXY_TPL_WISH_REVIEWED',
    keywords: {
      thing1: kw('thing', '心愿内容', 'subject'),
      phrase2: kw('phrase', '审核结果', 'status'),
      time3: kw('time', '审核时间', 'time'),
      thing4: kw('thing', '备注', 'note'),
    },
  },
  wishClaimed: {
    title: '心愿认领通知',
    inbox: '心愿已被认领',
    purpose: 'the submitter: a member claimed their wish',
    env: 'TXY_TPL_WISH_CLAIMED',
    keywords: {
      thing1: kw('thing', '心愿内容', 'subject'),
      name2: kw('name', '认领人', 'person'),
      time3: kw('time', '认领时间', 'time'),
    },
  },
  wishFulfilled: {
    title: '服务完成通知',
    inbox: '心愿已完成，请确认',
    purpose: 'the submitter: the claimer fulfilled the wish, please confirm',
    env: 'TXY_TPL_WISH_FULFILLED',
    keywords: {
      thing1: kw('thing', '心愿内容', 'subject'),
      phrase2: kw('phrase', '当前状态', 'status'),
      time3: kw('time', '完成时间', 'time'),
      thing4: kw('thing', '温馨提示', 'note'),
    },
  },
  wishClaimReleased: {
    title: '认领取消通知',
    inbox: '心愿认领已取消',
    purpose: 'submitter and claimer: a claim was cancelled or expired, the wish is open again',
    env: 'TXY_TPL_WISH_RELEASED',
    keywords: {
      thing1: kw('thing', '心愿内容', 'subject'),
      thing2: kw('thing', '取消原因', 'note'),
      time3: kw('time', '取消时间', 'time'),
    },
  },
  wishCompleted: {
    title: '确认完成通知',
    inbox: '心愿已确认完成',
    purpose: 'the claimer: the resident (or staff for them) confirmed the wish',
    env: 'TXY_TPL_WISH_COMPLETED',
    keywords: {
      thing1: kw('thing', '心愿内容', 'subject'),
      phrase2: kw('phrase', '确认结果', 'status'),
      time3: kw('time', '确认时间', 'time'),
      thing4: kw('thing', '居民评价', 'note'),
    },
  },
  wishToReview: {
    title: '待审核提醒',
    inbox: '新心愿待审核',
    purpose: "the grid's workers: a new wish waits for review",
    env: 'TXY_TPL_WISH_TO_REVIEW',
    keywords: {
      thing1: kw('thing', '心愿内容', 'subject'),
      thing2: kw('thing', '所在位置', 'place'),
      time3: kw('time', '提交时间', 'time'),
    },
  },
  caseAccepted: {
    title: '受理成功通知',
    inbox: '诉求已受理',
    purpose: 'the complainant: a handler accepted the case',
    env: 'TXY_TPL_CASE_ACCEPTED',
    keywords: {
      thing1: kw('thing', '诉求内容', 'subject'),
      name2: kw('name', '受理人', 'person'),
      time3: kw('time', '受理时间', 'time'),
      thing4: kw('thing', '备注', 'note'),
    },
  },
  caseEscalated: {
    title: '工单进度通知',
    inbox: '诉求办理进度',
    purpose: 'the complainant: the case went up to the community, or to departments (吹哨)',
    env: 'TXY_TPL_CASE_ESCALATED',
    keywords: {
      thing1: kw('thing', '诉求内容', 'subject'),
      phrase2: kw('phrase', '办理环节', 'status'),
      time3: kw('time', '更新时间', 'time'),
      thing4: kw('thing', '说明', 'note'),
    },
  },
  caseResolved: {
    title: '办结通知',
    inbox: '诉求已办结，请评价',
    purpose: 'the complainant: the case is resolved, please rate it',
    env: 'TXY_TPL_CASE_RESOLVED',
    keywords: {
      thing1: kw('thing', '诉求内容', 'subject'),
      phrase2: kw('phrase', '办理状态', 'status'),
      time3: kw('time', '办结时间', 'time'),
      thing4: kw('thing', '办理结果', 'note'),
    },
  },
  caseAlert: {
    title: '新工单提醒',
    inbox: '诉求待办',
    purpose: 'grid workers, secretaries, property liaisons: a case entered their queue or needs them',
    env: 'TXY_TPL_CASE_ALERT',
    keywords: {
      thing1: kw('thing', '诉求内容', 'subject'),
      thing2: kw('thing', '发生地点', 'place'),
      phrase3: kw('phrase', '事项', 'status'),
      time4: kw('time', '提醒时间', 'time'),
    },
  },
  whistleReceived: {
    title: '任务派发通知',
    inbox: '吹哨报到任务',
    purpose: 'a department: a community blew the whistle, report in by the deadline',
    env: 'TXY_TPL_WHISTLE_RECEIVED',
    keywords: {
      thing1: kw('thing', '诉求内容', 'subject'),
      thing2: kw('thing', '吹哨事由', 'note'),
      time3: kw('time', '报到期限', 'time'),
      phrase4: kw('phrase', '事项类别', 'status'),
    },
  },
  deadlineNear: {
    title: '办理时限提醒',
    inbox: '办理时限将到',
    purpose: 'staff: a deadline on a case they hold is about to pass',
    env: 'TXY_TPL_DEADLINE_NEAR',
    keywords: {
      thing1: kw('thing', '事项内容', 'subject'),
      phrase2: kw('phrase', '当前环节', 'status'),
      time3: kw('time', '截止时间', 'time'),
      thing4: kw('thing', '说明', 'note'),
    },
  },
  activityChanged: {
    title: '活动变更通知',
    inbox: '活动有变更',
    purpose: 'members signed up: the activity changed or was cancelled',
    env: 'TXY_TPL_ACTIVITY_CHANGED',
    keywords: {
      thing1: kw('thing', '活动名称', 'subject'),
      time2: kw('time', '活动时间', 'time'),
      thing3: kw('thing', '活动地点', 'place'),
      thing4: kw('thing', '变更说明', 'note'),
    },
  },
  activityTomorrow: {
    title: '活动开始提醒',
    inbox: '活动明天开始',
    purpose: 'members signed up: the activity starts tomorrow',
    env: 'TXY_TPL_ACTIVITY_TOMORROW',
    keywords: {
      thing1: kw('thing', '活动名称', 'subject'),
      time2: kw('time', '开始时间', 'time'),
      thing3: kw('thing', '活动地点', 'place'),
      thing4: kw('thing', '温馨提示', 'note'),
    },
  },
  recordReviewed: {
    title: '审核结果通知',
    inbox: '六个一记录审核结果',
    purpose: 'the member: a 六个一 record was approved or rejected',
    env: 'TXY_TPL_RECORD_REVIEWED',
    keywords: {
      thing1: kw('thing', '审核事项', 'subject'),
      phrase2: kw('phrase', '审核结果', 'status'),
      time3: kw('time', '审核时间', 'time'),
      thing4: kw('thing', '备注', 'note'),
    },
  },
  sixOnesReminder: {
    title: '任务未完成提醒',
    inbox: '六个一未完成提醒',
    purpose: 'members with 六个一 items missing this year (once a month from the configured date)',
    env: 'TXY_TPL_SIXONES_REMINDER',
    keywords: {
      thing1: kw('thing', '任务名称', 'subject'),
      thing2: kw('thing', '未完成项', 'note'),
      time3: kw('time', '截止时间', 'time'),
    },
  },
  cobuildTodo: {
    title: '待办事项提醒',
    inbox: '结对共建待办',
    purpose:
      'secretary or unit admins: a co-building step waits for them (a matching resource offered, a project naming their unit, an agreement to sign or signed)',
    env: 'TXY_TPL_COBUILD_TODO',
    keywords: {
      thing1: kw('thing', '事项名称', 'subject'),
      phrase2: kw('phrase', '事项状态', 'status'),
      time3: kw('time', '提醒时间', 'time'),
      thing4: kw('thing', '备注', 'note'),
    },
  },
  // 结对共建: 轮值主席 and 联席会议 (server/cobuild/meetings.ts, server/cobuild/reminders.ts).
  chairMonth: {
    title: '工作提醒',
    inbox: '轮值主席提醒',
    purpose: "a chair unit's admins at the start of their month; the secretary a week before a chair month",
    env: 'TXY_TPL_CHAIR_MONTH',
    keywords: {
      thing1: kw('thing', '提醒事项', 'subject'),
      thing2: kw('thing', '提醒内容', 'note'),
      time3: kw('time', '开始时间', 'time'),
    },
  },
  meetingNotice: {
    title: '会议通知',
    inbox: '联席会议通知',
    purpose:
      "paired units' admins: a joint meeting was called, its agenda set, it was cancelled; attendees: its minutes recorded",
    env: 'TXY_TPL_MEETING_NOTICE',
    keywords: {
      thing1: kw('thing', '会议名称', 'subject'),
      time2: kw('time', '会议时间', 'time'),
      thing3: kw('thing', '会议地点', 'place'),
      thing4: kw('thing', '备注', 'note'),
    },
  },
  topicsClosing: {
    title: '截止提醒',
    inbox: '联席会议议题征集即将截止',
    purpose: "paired units' admins whose unit submitted no topic: the topic window closes tomorrow",
    env: 'TXY_TPL_TOPICS_CLOSING',
    keywords: {
      thing1: kw('thing', '事项名称', 'subject'),
      time2: kw('time', '截止时间', 'time'),
      thing3: kw('thing', '温馨提示', 'note'),
    },
  },
  decisionNotice: {
    title: '任务提醒',
    inbox: '联席会议议定事项',
    purpose:
      "the owner unit's admins (or the secretary for the community): a decision assigned to them, due tomorrow, overdue",
    env: 'TXY_TPL_DECISION_NOTICE',
    keywords: {
      thing1: kw('thing', '事项名称', 'subject'),
      phrase2: kw('phrase', '事项状态', 'status'),
      time3: kw('time', '完成期限', 'time'),
      thing4: kw('thing', '说明', 'note'),
    },
  },
  meetingMissing: {
    title: '工作提醒',
    inbox: '本季度联席会议提醒',
    purpose:
      'the secretary and the county admins: a quarter is ending with no joint meeting called, or ended with none held',
    env: 'TXY_TPL_MEETING_MISSING',
    keywords: {
      thing1: kw('thing', '提醒事项', 'subject'),
      thing2: kw('thing', '提醒内容', 'note'),
      time3: kw('time', '截止时间', 'time'),
    },
  },
  // 督导通报 (server/supervision/reports.ts).
  supervisionPublished: {
    title: '工作通知',
    inbox: '督导通报已发布',
    purpose: "each community's secretary: the county published a quarter's 督导通报, with the community's band",
    env: 'TXY_TPL_SUPERVISION_PUBLISHED',
    keywords: {
      thing1: kw('thing', '通知名称', 'subject'),
      phrase2: kw('phrase', '通知状态', 'status'),
      thing3: kw('thing', '通知内容', 'note'),
      time4: kw('time', '发布时间', 'time'),
    },
  },
} as const satisfies Record<string, TemplateSpec>;

export type TemplateKey = keyof typeof TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

/**
 * The waits a tap starts, and the templates each asks for at that tap (WeChat: at most 3 a
 * call, only inside a tap handler).
 */
export const WAITS = {
  wishSubmit: ['wishReviewed', 'wishClaimed', 'wishFulfilled'],
  wishClaim: ['wishCompleted', 'wishClaimReleased'],
  caseSubmit: ['caseAccepted', 'caseEscalated', 'caseResolved'],
  activitySignUp: ['activityChanged', 'activityTomorrow'],
  recordFile: ['recordReviewed'],
  wishReviewQueue: ['wishToReview'],
  caseQueue: ['caseAlert', 'deadlineNear'],
  caseInbox: ['whistleReceived', 'deadlineNear'],
  cobuildMeeting: ['meetingNotice', 'topicsClosing', 'decisionNotice'],
  cobuildRota: ['chairMonth', 'meetingMissing'],
  supervisionReport: ['supervisionPublished'],
} as const satisfies Record<string, readonly TemplateKey[]>;
export type WaitKey = keyof typeof WAITS;

/** One entry of a user's 消息 list. */
export interface MessageView {
  id: string;
  kind: TemplateKey;
  title: string;
  text: string;
  /** The mini-program page a tap opens (path with query, no leading slash). */
  page: string;
  createdAt: string;
  read: boolean;
}
