/** Page URLs used in navigation, kept in one place next to app.config.ts. */
export const ROUTES = {
  home: '/pages/index/index',
  wishes: '/pages/wishes/index',
  cases: '/pages/cases/index',
  mine: '/pages/mine/index',
  privacyGuide: '/packages/resident/pages/privacy/index',
  profile: '/packages/resident/pages/profile/index',
  myGrid: '/packages/resident/pages/grid/index',
  stations: '/packages/resident/pages/stations/index',
  /** 消息: every notification of the user, newest first (any role). */
  messages: '/packages/resident/pages/messages/index',
  /** `?id=s01` */
  station: '/packages/resident/pages/station/index',
  memberReport: '/packages/member/pages/report/index',
  sixOnesGuide: '/packages/member/pages/guide/index',
  staffRoles: '/packages/staff/pages/roles/index',
  staffReports: '/packages/staff/pages/reports/index',
  /** `?communityId=c01` (a secretary's own when omitted; the county admin picks) */
  staffCommunityMembers: '/packages/staff/pages/members/index',
  /** `?communityId=c01` */
  staffGrids: '/packages/staff/pages/grids/index',
  staffCard: '/packages/staff/pages/card/index',
  /** 1+1带N 联系户 (grid worker: their grids; secretary: their community). */
  staffPairs: '/packages/staff/pages/pairs/index',
  /** `?unitId=u01` (a unit admin's own when omitted; the county admin picks) */
  staffUnitMembers: '/packages/staff/pages/unit-members/index',
  staffDirectory: '/packages/staff/pages/directory/index',
  /** `?kind=unit&id=u01` (no id: a new entry; grids and micro-grids also `communityId`) */
  staffDirectoryEntry: '/packages/staff/pages/directory-entry/index',
  staffGrants: '/packages/staff/pages/grants/index',
  staffAudit: '/packages/staff/pages/audit/index',
  /** 微心愿: 许个心愿 and 我的心愿 (resident); `?id=<wishId>` one wish with its actions, any role. */
  wishSubmit: '/packages/resident/pages/wish-submit/index',
  wishMine: '/packages/resident/pages/wish-mine/index',
  wishDetail: '/packages/resident/pages/wish-detail/index',
  /** 我的认领 (member); `?id=<wishId>` the fulfilment form. */
  wishClaims: '/packages/member/pages/wish-claims/index',
  wishFulfil: '/packages/member/pages/wish-fulfil/index',
  /** 心愿审核 (grid worker, secretary). */
  staffWishReview: '/packages/staff/pages/wish-review/index',
  /** 代居民提交心愿 (grid worker). */
  staffWishOnBehalf: '/packages/staff/pages/wish-on-behalf/index',
  /** 待居民确认: fulfilled wishes unconfirmed for 7 days (grid worker, secretary). */
  staffWishAwaiting: '/packages/staff/pages/wish-awaiting/index',
  /** 社区活动 (secretary): the list; `?id=<activityId>` edits one (none: 发布活动); the organiser's check-in screen. */
  staffActivities: '/packages/staff/pages/activities/index',
  staffActivityEdit: '/packages/staff/pages/activity-edit/index',
  staffActivityCheckIn: '/packages/staff/pages/activity-checkin/index',
  /** 六个一审核 (secretary). */
  staffRecords: '/packages/staff/pages/records/index',
  /** 六个一统计: `?scope=community|unit&scopeId=…` (the caller's own when omitted); 六个一总览 (county admin). */
  staffSixOnesTally: '/packages/staff/pages/six-ones-tally/index',
  staffSixOnesOverview: '/packages/staff/pages/six-ones-overview/index',
  /** 六个一图表 (the supervision subpackage, with the charts): `?scope=county|community|unit&scopeId=…&year=`. */
  supervisionSixOnesChart: '/packages/supervision/pages/six-ones-chart/index',
  /** 结对共建: the secretary's / unit admin's year (三清单一协议, 轮值主席, 联席会议); the county admin's overview. */
  cobuildHub: '/packages/cobuild/pages/index/index',
  /** 督导排名 (county admin): `?quarter=2026Q3&scope=community|unit|department`. */
  supervisionRanking: '/packages/supervision/pages/ranking/index',
  /** 督导报告: one community's (unit's, department's) quarter, `?quarter=&scope=&id=` (the caller's own when omitted). */
  supervisionReport: '/packages/supervision/pages/report/index',
  /** 季度通报 (county admin): close a quarter, edit and publish its 通报, export it. */
  supervisionQuarter: '/packages/supervision/pages/quarter/index',
  /** 需求清单 (secretary: keeps it; unit admin, county admin: read); `?id=` one need with its 匹配资源; the form (`?id=` edits, none: new). */
  cobuildNeeds: '/packages/cobuild/pages/needs/index',
  cobuildNeed: '/packages/cobuild/pages/need/index',
  cobuildNeedEdit: '/packages/cobuild/pages/need-edit/index',
  /** 资源清单 (unit admin: keeps the unit's; secretary: the paired units'); `?id=` one resource; the form (`?id=` edits, none: new). */
  cobuildResources: '/packages/cobuild/pages/resources/index',
  cobuildResource: '/packages/cobuild/pages/resource/index',
  cobuildResourceEdit: '/packages/cobuild/pages/resource-edit/index',
  /** 共建项目: the list; `?id=<projectId>` one project with its actions; the form (`?id=` edits a planned one, none: new). */
  cobuildProjects: '/packages/cobuild/pages/projects/index',
  cobuildProject: '/packages/cobuild/pages/project/index',
  cobuildProjectEdit: '/packages/cobuild/pages/project-edit/index',
  /** 共建协议: the list; `?id=` one with its signatures; the form (`?id=` a draft, `?revises=` a new version, none: new). */
  cobuildAgreements: '/packages/cobuild/pages/agreements/index',
  cobuildAgreement: '/packages/cobuild/pages/agreement/index',
  cobuildAgreementEdit: '/packages/cobuild/pages/agreement-edit/index',
  /** 轮值主席: a community's year, month by month (secretary sets it; the chair unit proposes a theme, plans the activity); `?communityId=` for the county admin. */
  cobuildRota: '/packages/cobuild/pages/rota/index',
  /** 联席会议: the community's meetings by year and quarter; `?id=` one meeting; 召集联席会议 (secretary). */
  cobuildMeetings: '/packages/cobuild/pages/meetings/index',
  cobuildMeeting: '/packages/cobuild/pages/meeting/index',
  cobuildMeetingCall: '/packages/cobuild/pages/meeting-call/index',
  /** 议定事项: decisions the caller owns (unit admin) or oversees (secretary, county admin), overdue first. */
  cobuildDecisions: '/packages/cobuild/pages/decisions/index',
  /** 共建项目 as residents see them (in progress, done); `?id=` one, with 评价. */
  cobuildPublicProjects: '/packages/cobuild/pages/public-projects/index',
  cobuildPublicProject: '/packages/cobuild/pages/public-project/index',
  /** 红色物业 (county admin): every property company's party organisation and quarterly ratings. */
  cobuildProperty: '/packages/cobuild/pages/property/index',
  /** 本公司服务评价 (property liaison): their company's ratings; `?tab=company` 本企业信息. */
  cobuildPropertyCompany: '/packages/cobuild/pages/property-company/index',
  /** 督导评分规则 (county admin): the versions, and the next one's form. */
  supervisionRules: '/packages/supervision/pages/rules/index',
  /** h5 build only. */
  demoPicker: '/packages/dev/pages/pick/index',
} as const;

/** The tab bar's pages (app.config.ts): reached with switchTab, never navigateTo or redirectTo. */
export const TAB_ROUTES = [ROUTES.home, ROUTES.wishes, ROUTES.cases, ROUTES.mine] as const;
