import type { RoleGrant } from '../../../../../contract';

/** Where a staff grant may act, in words (ids until the directory supplies names). */
export function describeScope(grant: RoleGrant): string {
  switch (grant.role) {
    case 'secretary':
      return `社区 ${grant.communityId}`;
    case 'gridWorker':
      return `社区 ${grant.communityId} · 网格 ${grant.gridIds.join('、') || '（未分配）'}`;
    case 'department':
      return `部门 ${grant.departmentId}`;
    case 'unitAdmin':
      return `单位 ${grant.unitId}`;
    case 'countyAdmin':
      return '全县城市社区';
    case 'member':
      return [grant.communityId && `社区 ${grant.communityId}`, grant.unitId && `单位 ${grant.unitId}`]
        .filter(Boolean)
        .join(' · ');
    case 'resident':
      return '';
  }
}

/** What each staff role does here (PRODUCT.md "Who uses it"). */
export const DUTIES: Partial<Record<RoleGrant['role'], string>> = {
  secretary: '审核党员报到，发布心愿和活动，审核活动记录，分派和上报诉求，向职能部门吹哨并评价。',
  gridWorker: '首先处理本网格的诉求（小事不出网格），审核本网格的心愿，维护“1+1带N”联系户。',
  department: '接收吹哨，按时报到，办结并回复社区的评价。',
  unitAdmin: '查看本单位党员的报到情况和六个一进度。',
  countyAdmin: '查看全部社区、督导通报和部门、社区排名，管理组织目录。',
};
