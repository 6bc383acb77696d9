/** Roles (see PRODUCT.md "Who uses it"). One openid may hold several. */
export const ROLES = [
  'resident', // 居民
  'member', // 在职党员
  'gridWorker', // 网格员 / 网格长
  'secretary', // 社区党组织书记
  'department', // 职能部门
  'unitAdmin', // 结对单位党组织管理员
  'countyAdmin', // 城市社区党工委
  'propertyLiaison', // 物业联络员 (红色物业): granted by the directory, never by 角色授权
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  member: '在职党员',
  gridWorker: '网格员',
  secretary: '社区书记',
  department: '部门人员',
  unitAdmin: '单位管理员',
  countyAdmin: '党工委',
  propertyLiaison: '物业联络员',
};

/**
 * A role grant with its scope. `resident` is implied for every registered user and needs no
 * scope; every other role names what it may act on.
 */
export type RoleGrant =
  | { role: 'resident' }
  | { role: 'member'; communityId?: string; unitId?: string; verified: boolean }
  | { role: 'gridWorker'; communityId: string; gridIds: string[] }
  | { role: 'secretary'; communityId: string }
  | { role: 'department'; departmentId: string }
  | { role: 'unitAdmin'; unitId: string }
  | { role: 'countyAdmin' }
  /**
   * 物业联络员: the liaison a property company names in the directory (directory.save, kind
   * propertyCompany, `liaisonOpenid`). The grant follows the company — never granted or revoked
   * through 角色授权 (server/directory/liaison.ts).
   */
  | { role: 'propertyLiaison'; companyId: string };
