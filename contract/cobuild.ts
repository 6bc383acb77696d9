/**
 * 结对共建 (co-building) and 红色物业: the words both sides share (PRODUCT.md "Co-building").
 * Zod-free: src/ imports it.
 */

/** Xingguo's need / resource categories (需求清单 and 资源清单 share them, so they can be matched). */
export const COBUILD_CATEGORIES = ['困难帮扶', '助老助残', '青少年教育', '环境整治', '文体活动', '政策宣讲'] as const;
export type CobuildCategory = (typeof COBUILD_CATEGORIES)[number];

/** 需求清单: open → matched (a project links it) → done; closed by the secretary at any point. */
export const NEED_STATUSES = ['open', 'matched', 'done', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  open: '待对接',
  matched: '已对接',
  done: '已完成',
  closed: '已关闭',
};

/** 资源清单: offered → committed (a project uses it) → usedUp; withdrawn by the unit. */
export const RESOURCE_STATUSES = ['offered', 'committed', 'usedUp', 'withdrawn'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
export const RESOURCE_STATUS_LABELS: Record<ResourceStatus, string> = {
  offered: '可提供',
  committed: '已承接',
  usedUp: '已用完',
  withdrawn: '已撤回',
};

/** 共建项目清单: planned → active → done | dropped. */
export const PROJECT_STATUSES = ['planned', 'active', 'done', 'dropped'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: '计划中',
  active: '进行中',
  done: '已完成',
  dropped: '已终止',
};

/** 共建协议: draft → signed (both sides) → superseded (by a signed new version). */
export const AGREEMENT_STATUSES = ['draft', 'signed', 'superseded'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: '待签署',
  signed: '已签署',
  superseded: '已被新版替代',
};

/** 联席会议: called → held | cancelled. */
export const MEETING_STATUSES = ['called', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  called: '已召集',
  held: '已召开',
  cancelled: '已取消',
};

/** A meeting decision (议定事项): open → done | dropped. */
export const DECISION_STATUSES = ['open', 'done', 'dropped'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  open: '推进中',
  done: '已完成',
  dropped: '已撤销',
};

/** 红色物业: how a property company's party organisation is formed. */
export const PARTY_ORG_KINDS = ['single', 'joint', 'none'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];
export const PARTY_ORG_KIND_LABELS: Record<PartyOrgKind, string> = {
  single: '单独组建',
  joint: '联合组建',
  none: '未组建',
};

/** A resident's quarterly rating of their estate's property service. */
export const PROPERTY_RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type PropertyRating = (typeof PROPERTY_RATINGS)[number];
export const PROPERTY_RATING_LABELS: Record<PropertyRating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};
