/**
 * 操作记录: the kinds of staff action the audit trail keeps (PRODUCT.md "Rules for everyone":
 * every change keeps who and when). Zod-free: src/ imports it.
 */
export const AUDIT_KINDS = [
  /** 心愿: review (publish / reject), confirm for the resident. */
  'wish',
  /** 诉求: a handler's step on a case (accept, resolve, escalate, whistle, report in …). */
  'case',
  /** 六个一: records approved or rejected. */
  'record',
  /** 活动: published, edited, cancelled; attendance marked by hand. */
  'activity',
  /** 报到: a member's 双报到 report verified or rejected. */
  'report',
  /** 角色: a staff role granted or revoked. */
  'role',
  /** 目录: the directory and the grids' contact cards. */
  'directory',
  /** 结对共建: needs, resources, projects, agreements (三清单一协议), rota months, joint meetings and their decisions. */
  'cobuild',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  wish: '心愿',
  case: '诉求',
  record: '六个一',
  activity: '活动',
  report: '报到',
  role: '角色',
  directory: '目录',
  cobuild: '结对共建',
};

/** Entries a page of `directory.audit` holds. */
export const AUDIT_PAGE = 20;
