import { ROLE_LABELS, type Role } from '../../../contract/roles';
import { WISH_CATEGORIES, type WishCategory } from '../../../contract/wishLabels';
import { calendarDays, formatTime } from '../../utils/date';

/** What each timeline step (`TimelineEntry.action`) did, in words. */
export const TIMELINE_ACTION_LABELS: Record<string, string> = {
  submit: '提交心愿',
  publish: '审核通过，发布',
  reject: '审核未通过',
  withdraw: '撤回心愿',
  claim: '认领心愿',
  cancelClaim: '取消认领',
  expire: '认领超期，重新开放',
  fulfil: '完成心愿，上传凭证',
  confirm: '确认完成并评价',
  confirmForResident: '代居民确认完成',
};

/** Who acted: a role of the contract, or staff / the system. */
export function timelineRole(role: string): string {
  if (role === 'staff') return '社区工作人员';
  if (role === 'system') return '系统';
  return ROLE_LABELS[role as Role] ?? role;
}

const DAY_MS = 24 * 3600 * 1000;

/** Times as shown in the county: the app's one way (utils/date.ts). */
export { formatTime };

/** How long a published wish has waited: 今天发布, 已等待 3 天. */
export function waitingText(sinceIso: string | null, now = Date.now()): string {
  if (!sinceIso || Number.isNaN(Date.parse(sinceIso))) return '';
  const days = calendarDays(sinceIso, now);
  return days <= 0 ? '今天发布' : `已等待 ${days} 天`;
}

/** Time left to a claim's deadline: 剩余 5 天, 今天到期, 已超期. */
export function remainingText(deadlineIso: string, now = Date.now()): string {
  const deadline = Date.parse(deadlineIso);
  if (Number.isNaN(deadline)) return '';
  if (deadline <= now) return '已超期';
  const days = Math.ceil((deadline - now) / DAY_MS);
  return days <= 1 && calendarDays(deadlineIso, now) === 0 ? '今天到期' : `剩余 ${days} 天`;
}

/** Category chips: ASCII keys for class names (`c0` …), the Chinese category as the label. */
export const CATEGORY_CHIPS = WISH_CATEGORIES.map((label, i) => ({ key: `c${i}`, label }));

export function categoryOfChip(key: string): WishCategory | null {
  return CATEGORY_CHIPS.find((c) => c.key === key)?.label ?? null;
}

export function chipOfCategory(category: WishCategory | null): string | null {
  return CATEGORY_CHIPS.find((c) => c.label === category)?.key ?? null;
}
