import type { RoleGrant } from '../../../../contract';
import type { WaitKey } from '../../../../contract/notifications';
import { ROUTES } from '../../../routes';

export interface StaffTool {
  key: string;
  title: string;
  hint: string;
  url: string;
  /** A queue whose new items people wait for: opening it asks for those messages (订阅消息). */
  wait?: WaitKey;
}

/** 心愿审核: submitted wishes of the grid worker's grids / the secretary's community (scope from the caller). */
const WISH_REVIEW: StaffTool = {
  key: 'wish-review',
  title: '心愿审核',
  hint: '居民提交的微心愿，审核发布或驳回',
  url: ROUTES.staffWishReview,
  wait: 'wishReviewQueue',
};

/** 待居民确认: fulfilled wishes the resident has not confirmed for 7 days (the staff home shows how many). */
export const WISH_AWAITING: StaffTool = {
  key: 'wish-awaiting',
  title: '待居民确认的心愿',
  hint: '党员已完成、居民超过 7 天未确认，核实后代为确认',
  url: ROUTES.staffWishAwaiting,
};

/** 代居民提交心愿: for residents without a phone, in the grid worker's own buildings. */
const WISH_ON_BEHALF: StaffTool = {
  key: 'wish-on-behalf',
  title: '代居民提交心愿',
  hint: '为没有手机的居民（如独居老人）提交微心愿',
  url: ROUTES.staffWishOnBehalf,
};

/** 1+1带N 联系户: each building's party member, grid worker and N households (the grid worker's grids, the secretary's community). */
const PAIRS: StaffTool = {
  key: 'pairs',
  title: '1+1带N联系户',
  hint: '每个小区、楼栋由一名党员和一名网格员共同联系若干户居民',
  url: ROUTES.staffPairs,
};

/** 结对共建: the year's 三清单一协议, 轮值主席 and 联席会议 (secretary, unit admin); every community's counts (county admin). */
const COBUILD: StaffTool = {
  key: 'cobuild',
  title: '结对共建',
  hint: '需求清单、资源清单、共建项目、共建协议、轮值主席、联席会议',
  url: ROUTES.cobuildHub,
};

/** 督导报告: the caller's own community's (unit's, department's) quarterly supervision report. */
const SUPERVISION_REPORT: StaffTool = {
  key: 'supervision-report',
  title: '督导报告',
  hint: '本季度各项督导指标、得分等次、与上季度相比和存在的差距',
  url: ROUTES.supervisionReport,
};

/** The tools a staff grant opens on the staff home, with the scope in the URL. */
export function toolsFor(grant: RoleGrant): StaffTool[] {
  switch (grant.role) {
    case 'secretary': {
      const q = `?communityId=${grant.communityId}`;
      return [
        { key: 'reports', title: '报到审核', hint: '在职党员到社区报到，审核通过或驳回', url: ROUTES.staffReports },
        {
          key: 'members',
          title: '社区党员',
          hint: '已报到的在职党员，按单位分组',
          url: ROUTES.staffCommunityMembers + q,
        },
        { key: 'grids', title: '网格员与联系卡', hint: '任命网格员，编辑民情联系卡', url: ROUTES.staffGrids + q },
        PAIRS,
        WISH_REVIEW,
        WISH_AWAITING,
        {
          key: 'activities',
          title: '社区活动',
          hint: '发布活动，现场出示签到码，手工签到',
          url: ROUTES.staffActivities,
        },
        {
          key: 'records',
          title: '六个一审核',
          hint: '党员的活动签到和调研、结对记录，批量审核',
          url: ROUTES.staffRecords,
        },
        {
          key: 'six-ones-tally',
          title: '六个一统计',
          hint: '本社区党员六个一完成情况，谁还差哪一项',
          url: `${ROUTES.staffSixOnesTally}?scope=community&scopeId=${grant.communityId}`,
        },
        COBUILD,
        // Publishing a quarter's 通报 tells the secretary (asked for at this tap).
        {
          ...SUPERVISION_REPORT,
          url: `${ROUTES.supervisionReport}?scope=community&id=${grant.communityId}`,
          wait: 'supervisionReport',
        },
        { key: 'grants', title: '角色授权', hint: '本社区现任网格员，任命或撤销', url: ROUTES.staffGrants },
        { key: 'audit', title: '操作记录', hint: '本社区工作人员谁在何时做了什么', url: ROUTES.staffAudit },
      ];
    }
    case 'gridWorker':
      return [WISH_REVIEW, WISH_ON_BEHALF, WISH_AWAITING, PAIRS];
    case 'unitAdmin':
      return [
        {
          key: 'unit-members',
          title: '本单位党员',
          hint: '本单位党员在哪个社区报到、是否审核通过',
          url: `${ROUTES.staffUnitMembers}?unitId=${grant.unitId}`,
        },
        {
          key: 'six-ones-tally',
          title: '党员六个一',
          hint: '本单位党员六个一完成情况（向单位反馈）',
          url: `${ROUTES.staffSixOnesTally}?scope=unit&scopeId=${grant.unitId}`,
        },
        { ...COBUILD, hint: '本单位资源清单、共建项目、共建协议、轮值主席月份、联席会议议题' },
        { ...SUPERVISION_REPORT, url: `${ROUTES.supervisionReport}?scope=unit&id=${grant.unitId}` },
      ];
    case 'countyAdmin':
      return [
        { key: 'directory', title: '目录管理', hint: '社区、网格、单位、部门、驿站、物业', url: ROUTES.staffDirectory },
        {
          key: 'property',
          title: '红色物业',
          hint: '各物业企业党组织、党建指导员、服务小区和居民季度满意率',
          url: ROUTES.cobuildProperty,
        },
        {
          key: 'grants',
          title: '角色授权',
          hint: '授予或撤销书记、网格员、部门、单位管理员等角色',
          url: ROUTES.staffGrants,
        },
        { key: 'audit', title: '操作记录', hint: '工作人员谁在何时做了什么，按类别和人员查找', url: ROUTES.staffAudit },
        {
          key: 'members',
          title: '各社区党员',
          hint: '任选一个社区，查看已报到党员',
          url: ROUTES.staffCommunityMembers,
        },
        {
          key: 'unit-members',
          title: '各单位党员',
          hint: '任选一个单位，查看党员报到情况',
          url: ROUTES.staffUnitMembers,
        },
        {
          key: 'six-ones-overview',
          title: '六个一总览',
          hint: '全县、各社区、各单位党员六个一完成情况',
          url: ROUTES.staffSixOnesOverview,
        },
        { ...COBUILD, title: '结对共建总览', hint: '各社区需求、资源、共建项目、协议签署、联席会议和轮值主席' },
        {
          key: 'supervision-ranking',
          title: '督导排名',
          hint: '各社区、结对单位、职能部门本季度督导指标、得分、等次和排名',
          url: ROUTES.supervisionRanking,
        },
        {
          key: 'supervision-quarter',
          title: '季度通报',
          hint: '季度结束后关账、生成并发布督导通报',
          url: ROUTES.supervisionQuarter,
        },
        {
          key: 'supervision-rules',
          title: '督导评分规则',
          hint: '各项指标的权重、目标、扣分标准和等次分数线，修改后从下一季度起生效',
          url: ROUTES.supervisionRules,
        },
      ];
    case 'department':
      return [
        {
          ...SUPERVISION_REPORT,
          hint: '本部门按时报到率、办理好评率和督导等次',
          url: `${ROUTES.supervisionReport}?scope=department&id=${grant.departmentId}`,
        },
      ];
    case 'propertyLiaison':
      return [
        {
          key: 'property-ratings',
          title: '本公司服务评价',
          hint: '所服务小区居民每季度的评价和满意率',
          url: ROUTES.cobuildPropertyCompany,
        },
        {
          key: 'property-company',
          title: '本企业信息',
          hint: '党组织组建情况、党建指导员、服务的小区',
          url: `${ROUTES.cobuildPropertyCompany}?tab=company`,
        },
      ];
    default:
      return [];
  }
}
