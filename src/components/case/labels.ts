import {
  CASE_CATEGORIES,
  CASE_LEVEL_LABELS,
  CASE_STATUS_LABELS,
  type CaseCategory,
  type CaseStatus,
} from '../../../contract/caseLabels';
import type { CaseProgress, CaseView } from '../../../contract/functions/complaint';
import { ROLE_LABELS, type Role } from '../../../contract/roles';
import { formatTime } from '../../utils/date';

export { formatTime };

/** What each timeline step (`CaseTimelineEntry.action`) did, in words. */
export const CASE_STEP_LABELS: Record<string, string> = {
  submit: '提交诉求',
  assign: '分派',
  notifyProperty: '通知物业',
  withdraw: '撤回诉求',
  accept: '受理',
  resolve: '办结',
  escalate: '上报社区',
  whistle: '吹哨',
  reportIn: '部门报到',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  refuseExtension: '不批准延期',
  deptResolve: '部门办结',
  assist: '协办',
  rateDepartment: '评价承办部门',
  rate: '居民评价',
  flagLate: '报到超时',
  flagUnanswered: '响应超时',
  autoClose: '自动办结',
};

/** Who acted: a role of the contract, or the system (deadlines, assignment). */
export function caseRole(role: string): string {
  if (role === 'system') return '系统';
  return ROLE_LABELS[role as Role] ?? role;
}

/** A step's change of status, `待响应 → 网格办理中`, or null when it stayed. */
export function statusChange(from: CaseStatus | null, to: CaseStatus): string | null {
  if (from === null || from === to) return null;
  return `${CASE_STATUS_LABELS[from]} → ${CASE_STATUS_LABELS[to]}`;
}

/** The deadline now running, named after what it is for. */
export function dueLabel(c: Pick<CaseView, 'status' | 'level'>): string {
  switch (c.status) {
    case 'assigned':
      return '响应期限';
    case 'accepted':
      return c.level === 'grid' ? '网格办结期限' : '办结期限';
    case 'whistled':
      return '报到期限';
    case 'reported':
      return '部门办结期限';
    case 'reopened':
      return c.level === 'department' ? '部门办结期限' : '办结期限';
    case 'resolved':
      return '评价截止';
    default:
      return '期限';
  }
}

/**
 * Time left to a deadline, to the nearest minute, never rounded down by a whole unit (2 hours
 * less a second is 剩余 2 小时, not 1): 剩余 3 天 5 小时, 剩余 1 小时 30 分钟, 剩余 25 分钟, 已超期.
 */
export function remainingText(dueIso: string | null, overdue: boolean, now = Date.now()): string {
  if (!dueIso) return '';
  const left = Date.parse(dueIso) - now;
  if (overdue || left <= 0) return '已超期';
  const minutes = Math.max(1, Math.round(left / 60_000));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days >= 2) return hours > 0 ? `剩余 ${days} 天 ${hours} 小时` : `剩余 ${days} 天`;
  const allHours = days * 24 + hours;
  if (allHours === 0) return `剩余 ${mins} 分钟`;
  return mins > 0 ? `剩余 ${allHours} 小时 ${mins} 分钟` : `剩余 ${allHours} 小时`;
}

/**
 * What comes next for the complainant, with its deadline in the county's words:
 * 网格员将在明天 18:00前与您联系, 兴国县城市管理局等部门将在12月8日 18:00前办好并答复您,
 * 请确认问题是否解决并评价（12月15日 18:00前）; a deadline passed: 原定…，已超时，正在督促办理.
 */
export function nextText(next: NonNullable<CaseProgress['next']>, now = Date.now()): string {
  const by = next.by ? formatTime(next.by, now) : '';
  const late = next.by !== null && Date.parse(next.by) < now;
  if (next.kind === 'confirm')
    return by && !late ? `请确认问题是否解决并评价（${by}前，逾期自动完结）` : '请确认问题是否解决并评价';
  const what = next.kind === 'respond' ? '与您联系' : '办好并答复您';
  if (!by) return next.kind === 'respond' ? `${next.who}将尽快与您联系` : `${next.who}正在办理，办好后会通知您`;
  if (late) return `${next.who}原定${by}前${what}，已超时，正在督促办理`;
  return `${next.who}将在${by}前${what}`;
}

/** Where a case is handled: 潋江社区 · 第一网格. */
export function placeText(c: Pick<CaseView, 'community' | 'grid'>): string {
  return [c.community.name, c.grid?.name].filter(Boolean).join(' · ');
}

export const levelText = (level: CaseView['level']) => CASE_LEVEL_LABELS[level];

/** Category chips: ASCII keys for class names (`c0` …), the Chinese category as the label. */
export const CASE_CATEGORY_CHIPS = CASE_CATEGORIES.map((label, i) => ({ key: `c${i}`, label }));

export function categoryOfChip(key: string): CaseCategory | null {
  return CASE_CATEGORY_CHIPS.find((c) => c.key === key)?.label ?? null;
}

export function chipOfCategory(category: CaseCategory | null): string | null {
  return CASE_CATEGORY_CHIPS.find((c) => c.label === category)?.key ?? null;
}
