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
