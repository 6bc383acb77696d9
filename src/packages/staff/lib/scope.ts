import type { RoleGrant } from '../../../../contract';
import { ROLE_LABELS } from '../../../../contract/roles';
import { directory } from '../../../stores/directory';

/** Where a grant may act, in words: names once the directory has answered (an ellipsis until then, never an id). */
export function describeScope(grant: RoleGrant): string {
  const community = (id: string) => directory.communityName(id) ?? '…';
  const unit = (id: string) => directory.unitName(id) ?? '…';
  switch (grant.role) {
    case 'secretary':
      return community(grant.communityId);
    case 'gridWorker': {
      const grids = grant.gridIds.map((id) => directory.gridName(id) ?? '…').join('、');
      return `${community(grant.communityId)} · ${grids || '（未分配网格）'}`;
    }
    case 'department':
      return directory.departmentName(grant.departmentId) ?? '…';
    case 'unitAdmin':
      return unit(grant.unitId);
    case 'countyAdmin':
      return '全县城市社区';
    case 'propertyLiaison':
      return directory.propertyCompanyName(grant.companyId) ?? '…';
    case 'member': {
      const where = [
        grant.communityId && `报到社区 ${community(grant.communityId)}`,
        grant.unitId && `单位 ${unit(grant.unitId)}`,
      ].filter(Boolean);
      return [...where, grant.verified ? '已报到' : '待审核'].join(' · ');
    }
    case 'resident':
      return '';
  }
}

/** A grant as one line: 社区书记（潋江社区）. */
export function describeGrant(grant: RoleGrant): string {
  const scope = describeScope(grant);
  return scope ? `${ROLE_LABELS[grant.role]}（${scope}）` : ROLE_LABELS[grant.role];
}

/** Reads the names these grants are described with, and nothing more. */
export function loadNamesFor(grants: readonly RoleGrant[]): void {
  const has = (role: RoleGrant['role']) => grants.some((g) => g.role === role);
  if (has('secretary') || has('gridWorker') || has('member')) directory.communities.ensure();
  if (has('unitAdmin') || has('member')) directory.units.ensure();
  // Department staff may read the departments (as may secretaries and the county admin).
  if (has('department')) directory.departments.ensure();
  // A property liaison reads their own company (directory.propertyCompanies answers them only it).
  if (has('propertyLiaison')) directory.propertyCompanies.ensure();
  for (const g of grants) if (g.role === 'gridWorker') directory.community(g.communityId).ensure();
}

/** What each staff role does here (PRODUCT.md "Who uses it"). */
export const DUTIES: Partial<Record<RoleGrant['role'], string>> = {
  secretary: '审核党员报到，发布心愿和活动，审核活动记录，分派和上报诉求，向职能部门吹哨并评价。',
  gridWorker: '首先处理本网格的诉求（小事不出网格），审核本网格的心愿，维护“1+1带N”联系户。',
  department: '接收吹哨，按时报到，办结并回复社区的评价。',
  unitAdmin: '查看本单位党员的报到情况和六个一进度。',
  countyAdmin: '查看全部社区、督导通报和部门、社区排名，管理组织目录。',
  propertyLiaison: '配合网格办理所服务小区的物业类诉求：受理、回复居民、办结；查看本企业的居民满意度。',
};
