/** The 六个一 of in-service party members (PRODUCT.md): what each item is and how it is done. */
export interface SixOnesItem {
  key: 'partyMeeting' | 'symposium' | 'survey' | 'wish' | 'volunteer' | 'pairing';
  name: string;
  howDone: string;
}

export const SIX_ONES: readonly SixOnesItem[] = [
  { key: 'partyMeeting', name: '参加1次社区党组织生活', howDone: '在社区党组织生活活动中扫码签到。' },
  { key: 'symposium', name: '与社区干部进行1次座谈', howDone: '在社区座谈活动中扫码签到。' },
  { key: 'survey', name: '开展1次社区调研', howDone: '参加社区调研活动签到，或提交调研报告经社区书记审核通过。' },
  { key: 'wish', name: '认领1个微心愿', howDone: '认领的微心愿完成，并由居民确认。' },
  { key: 'volunteer', name: '当1天社区志愿者', howDone: '志愿活动签到、签退，全年服务时长累计满一天（默认4小时）。' },
  { key: 'pairing', name: '结对一户困难群众', howDone: '与一户困难群众结对经审核通过，并至少有一次走访记录。' },
];
