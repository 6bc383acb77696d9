/**
 * Collections and their indexes — declared once. The local CloudBase creates the collections and
 * SQLite expression indexes from this list at start; docs/deployment.md tells how to create the
 * same in CloudBase. Index only scalar fields (the emulator narrows equality queries with them).
 */
export interface IndexSpec {
  /** Dot paths of the indexed fields, in order. */
  fields: string[];
  unique?: boolean;
}

const none: IndexSpec[] = [];

export const COLLECTIONS = {
  /** One per WeChat user; `_id` is the openid. `staff` (1 while any staff grant is held): 角色授权's holders. */
  users: { indexes: [{ fields: ['staff'] }] },
  // The county's directory (see docs/data-model.md).
  communities: { indexes: none },
  residentGroups: { indexes: [{ fields: ['communityId'] }] },
  /** Grids and micro-grids; a property company's estates are the micro-grids naming it. */
  grids: { indexes: [{ fields: ['communityId'] }, { fields: ['parentId'] }, { fields: ['propertyCompanyId'] }] },
  contactCards: { indexes: [{ fields: ['gridId'] }] },
  units: { indexes: [{ fields: ['pairedCommunityId'] }] },
  departments: { indexes: none },
  stations: { indexes: [{ fields: ['communityId'] }] },
  propertyCompanies: { indexes: none },
  /** 双报到: a member's reports to communities, history kept. */
  memberReports: {
    indexes: [
      // Lists by community or unit, by name (sixOnes.progress pages these).
      { fields: ['communityId', 'status', 'name', 'openid'] },
      { fields: ['openid'] },
      { fields: ['unitId', 'status', 'name', 'openid'] },
      { fields: ['status'] },
    ],
  },
  /** 微心愿. */
  wishes: {
    indexes: [
      { fields: ['status'] },
      // A quarter's completed wishes (督导).
      { fields: ['status', 'completedAt'] },
      { fields: ['submitterOpenid'] },
      { fields: ['claim.openid'] },
      { fields: ['gridId'] },
      // 已审核 of a community (心愿审核): the latest moved first; a grid's is narrowed by `gridId`.
      { fields: ['communityId', 'updatedAt'] },
    ],
  },
  /** 六个一: proofs (records), per member-year counters (sixOnes), per scope-year tallies. */
  records: {
    indexes: [
      { fields: ['openid', 'year'] },
      { fields: ['communityId', 'status', 'createdAt'] },
      { fields: ['year', 'status'] },
    ],
  },
  sixOnes: { indexes: [{ fields: ['openid'] }, { fields: ['year'] }] },
  tallies: { indexes: [{ fields: ['kind'] }, { fields: ['base'] }] },
  /** 六个一 activities, and members' sign-ups (`${activityId}-${openid}`) with check-in and check-out. */
  activities: { indexes: [{ fields: ['communityId'] }, { fields: ['rotaId'] }] },
  signups: { indexes: [{ fields: ['activityId'] }, { fields: ['openid'] }] },
  /** One document per reminder sent (`sixOnes-<openid>-<YYYYMM>`): at most one a month. */
  reminders: { indexes: none },
  /** 民情诉求: cases, read by the scalar `queue` / `openCommunityId` / `dueKind` (see server/complaints/model.ts). */
  cases: {
    indexes: [
      { fields: ['queue'] },
      { fields: ['openCommunityId'] },
      { fields: ['complainant.openid'] },
      { fields: ['dueKind'] },
      // 已办 of a grid and of a community: the latest moved first.
      { fields: ['gridId', 'updatedAt'] },
      { fields: ['communityId', 'updatedAt'] },
      // 红色物业: a property liaison's queue, its company's cases (待办 narrowed here, 已办 the latest moved first).
      { fields: ['propertyCompanyId', 'updatedAt'] },
    ],
  },
  /** A whistled department's part of a case (`${caseId}-${departmentId}`): the department inbox. */
  deptTasks: { indexes: [{ fields: ['departmentId', 'status'] }] },
  /** Complaint metric counters per scope and month (`community-c01-202611`). */
  caseMetrics: { indexes: none },
  /** 结对共建: a community's year in counts (`${communityId}-${year}`, server/cobuild/tally.ts). */
  cobuildTallies: { indexes: [{ fields: ['year'] }] },
  /** 结对共建 lists (server/cobuild/model.ts; docs/data-model.md "结对共建: lists"). */
  cobuildNeeds: { indexes: [{ fields: ['communityId', 'year', 'wantedBy'] }, { fields: ['year', 'status'] }] },
  cobuildResources: {
    indexes: [{ fields: ['unitId', 'year', 'createdAt'] }, { fields: ['communityId', 'year'] }, { fields: ['year'] }],
  },
  cobuildProjects: { indexes: [{ fields: ['communityId', 'year', 'createdAt'] }, { fields: ['year', 'createdAt'] }] },
  /** A project's progress updates, one document each. */
  cobuildProjectUpdates: { indexes: [{ fields: ['projectId', 'at'] }] },
  /** A resident's rating of a done project (`${projectId}-${openid}`). */
  cobuildRatings: { indexes: [{ fields: ['projectId'] }] },
  /** 共建协议, every version (`${communityId}-${unitId}-${year}-v${n}`). */
  cobuildAgreements: {
    indexes: [{ fields: ['communityId', 'year'] }, { fields: ['unitId', 'year'] }, { fields: ['year'] }],
  },
  /** 轮值主席: one rota per community-year (`${communityId}-${year}`), twelve months inside (server/cobuild/rota.ts). */
  rotas: { indexes: [{ fields: ['year'] }] },
  /** 联席会议: joint meetings, topics and agenda inside; listed by community or county, year and quarter. */
  meetings: {
    indexes: [
      { fields: ['communityId', 'year', 'quarter', 'startAt'] },
      { fields: ['year', 'quarter', 'startAt'] },
      // The held meetings before a new one (its `previousId`), and the called ones after a held one.
      { fields: ['communityId', 'status', 'startAt'] },
      // The topic windows closing (reminders).
      { fields: ['status', 'topicsBy'] },
    ],
  },
  /** A joint meeting's decisions (`${meetingId}-${n}`): by meeting, by owner or community and status, due first. */
  meetingDecisions: {
    indexes: [
      { fields: ['meetingId'] },
      { fields: ['communityId', 'status', 'dueAt'] },
      { fields: ['ownerUnitId', 'status', 'dueAt'] },
      { fields: ['status', 'dueAt'] },
    ],
  },
  /**
   * 红色物业: a resident's quarterly rating of their estate's property service, one per estate,
   * resident and quarter (`${microGridId}-${openid}-${YYYYQn}`); counted by an aggregate per quarter.
   */
  propertyRatings: { indexes: [{ fields: ['quarter', 'companyId'] }] },
  /**
   * 督导: one document per quarter and supervised body (`2026q3-community-c01`) with its counts,
   * rewritten by `refreshSupervision` until the quarter is closed; the county's table reads a
   * scope's two quarters by `quarter, scope`.
   */
  supervisionTallies: { indexes: [{ fields: ['quarter', 'scope'] }] },
  /** 督导: a quarter's report (`2026Q3`): closing → closed (frozen, 通报 drafted) → published. */
  supervisionReports: { indexes: none },
  /** 督导 scoring rules, one immutable document per version (`v<n>`). */
  supervisionRules: { indexes: none },
  /** Each user's 消息 list: one entry per notification, read or not (server/notify). */
  notifications: { indexes: [{ fields: ['openid', 'createdAt'] }, { fields: ['openid', 'read'] }] },
  /** Per-person try counters, one per fixed window (`<key>-<window>`; server/platform/throttle.ts). */
  throttles: { indexes: [{ fields: ['expiresAt'] }] },
  /** When each scheduled job last finished (`<function>.<job>`): a missed daily job runs at the next tick. */
  jobRuns: { indexes: none },
  /**
   * 操作记录: every staff action, who, when, on what, in whose scope (server/platform/audit.ts).
   * Read newest first by scope, kind and person (directory.audit): each combination of those
   * equalities is the leading fields of one index ending in `at`, so a page is read from it
   * sorted; `at` alone for the county admin's unfiltered page (in CloudBase; the local one sorts
   * in memory when there is no equality), `entityId` for one item's trail.
   */
  audits: {
    indexes: [
      { fields: ['communityId', 'kind', 'by', 'at'] },
      { fields: ['communityId', 'by', 'at'] },
      { fields: ['kind', 'by', 'at'] },
      { fields: ['by', 'at'] },
      { fields: ['at'] },
      { fields: ['entityId'] },
    ],
  },
} as const satisfies Record<string, { indexes: IndexSpec[] }>;

export type CollectionName = keyof typeof COLLECTIONS;
