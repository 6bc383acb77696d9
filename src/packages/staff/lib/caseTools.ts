import type { RoleGrant } from '../../../../contract';
import { CASE_ROUTES } from '../../../components/case/routes';
import type { StaffTool } from './tools';

/**
 * 民情诉求 on the staff home: the list each handler works from, first (deadlines run on it),
 * and 诉求指标 of their own scope, last. The county admin only reads the metrics.
 */
export function caseWorkFor(grant: RoleGrant): StaffTool[] {
  switch (grant.role) {
    case 'gridWorker':
      return [
        {
          key: 'case-queue',
          title: '网格诉求',
          hint: '本网格居民反映的诉求：受理、办结或上报社区',
          url: `${CASE_ROUTES.queue}?as=grid`,
          wait: 'caseQueue',
        },
      ];
    case 'secretary':
      return [
        {
          key: 'case-queue',
          title: '社区诉求',
          hint: '上报社区和超期的诉求：办结、吹哨，审批延期，评价部门',
          url: `${CASE_ROUTES.queue}?as=community`,
          wait: 'caseQueue',
        },
      ];
    case 'propertyLiaison':
      return [
        {
          key: 'case-queue',
          title: '物业诉求',
          hint: '所服务小区的物业类诉求：受理、回复居民、办结（网格同时办理）',
          url: `${CASE_ROUTES.queue}?as=property`,
          wait: 'caseQueue',
        },
      ];
    case 'department':
      return [
        {
          key: 'case-inbox',
          title: '吹哨报到',
          hint: '社区吹哨派来的诉求：按时报到，办结并上传凭证',
          url: CASE_ROUTES.inbox,
          wait: 'caseInbox',
        },
      ];
    default:
      return [];
  }
}

export function caseMetricsFor(grant: RoleGrant): StaffTool[] {
  const metrics = (scope: string, scopeId?: string): StaffTool[] => [
    {
      key: 'case-metrics',
      title: '诉求指标',
      hint: '响应率、办结率、满意率、按时报到率、吹哨率',
      url: `${CASE_ROUTES.metrics}?scope=${scope}${scopeId ? `&scopeId=${encodeURIComponent(scopeId)}` : ''}`,
    },
  ];
  switch (grant.role) {
    case 'gridWorker':
      return metrics('grid', grant.gridIds[0]);
    case 'secretary':
      return metrics('community', grant.communityId);
    case 'department':
      return metrics('department', grant.departmentId);
    case 'countyAdmin':
      return metrics('county');
    default:
      return [];
  }
}
