import { ROUTES } from '../../routes';
import { SIX_ONES_ROUTES } from '../../components/sixOnes/routes';

/** An entry tile on the home page: a tab, a page, or an area not yet open. */
export interface Area {
  key: string;
  title: string;
  hint: string;
  go: { tab: string } | { page: string } | 'soon';
  /** Member-only areas show to verified members alone (双报到 checked by the secretary). */
  verifiedMemberOnly?: boolean;
}

export const AREAS: readonly Area[] = [
  { key: 'wish', title: '微心愿', hint: '居民许愿 党员认领', go: { tab: ROUTES.wishes } },
  { key: 'case', title: '民情诉求', hint: '吹哨报到 件件有回音', go: { tab: ROUTES.cases } },
  {
    key: 'sixOnes',
    title: '六个一',
    hint: '在职党员年度任务',
    // The member's own year (已完成 n/6); the rules are one tap further (六个一 是什么？).
    go: { page: SIX_ONES_ROUTES.sixOnes },
    verifiedMemberOnly: true,
  },
  { key: 'cobuild', title: '共建项目', hint: '社区与共建单位一起办的实事', go: { page: ROUTES.cobuildPublicProjects } },
  { key: 'station', title: '红色驿站', hint: '歇歇脚 办办事', go: { page: ROUTES.stations } },
  { key: 'gridCard', title: '网格联系卡', hint: '找网格员 评物业', go: { page: ROUTES.myGrid } },
];
