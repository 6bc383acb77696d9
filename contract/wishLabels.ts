/**
 * Micro-wish constants without zod, so the mini-program can import them at run time
 * (src/ → contract/ takes types and plain constants only). functions/wish.ts re-exports them.
 */

export const WISH_CATEGORIES = ['生活物资', '助学', '就医陪护', '维修', '文体', '其他'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];

export const WISH_STATUSES = [
  'submitted',
  'published',
  'rejected',
  'claimed',
  'fulfilled',
  'completed',
  'withdrawn',
] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  submitted: '待审核',
  published: '待认领',
  rejected: '未通过',
  claimed: '已认领',
  fulfilled: '待确认',
  completed: '已完成',
  withdrawn: '已撤回',
};

/** How the wish hall is ordered: the one chosen is the one applied (本社区优先 is a choice, not a hidden rule). */
export const HALL_SORT_KEYS = ['newest', 'oldest', 'ownFirst'] as const;
export type HallSort = (typeof HALL_SORT_KEYS)[number];
export const HALL_SORT_LABELS: Record<HallSort, string> = {
  newest: '最新',
  oldest: '等待最久',
  ownFirst: '本社区优先',
};
