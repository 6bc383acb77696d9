import type { Role, RoleGrant } from '../../contract/roles';
import { forbidden } from './errors';
import type { UserDoc } from './identity';

/**
 * The one permission module. A target names what an action touches; a grant is in scope when
 * it covers the target: a secretary their community, a grid worker their grids (and their
 * community for community-wide reads), department staff their department, a unit admin their
 * unit, a property liaison their company, the county admin everything. Roles are checked by the router; scope here.
 */
export interface Target {
  communityId?: string;
  gridId?: string;
  departmentId?: string;
  unitId?: string;
  /** A property company (物业企业): its liaison's scope. */
  companyId?: string;
}

export function inScope(grant: RoleGrant, target: Target): boolean {
  switch (grant.role) {
    case 'countyAdmin':
      return true;
    case 'secretary':
      return target.communityId !== undefined && target.communityId === grant.communityId;
    case 'gridWorker':
      return target.gridId !== undefined ? grant.gridIds.includes(target.gridId) : false;
    case 'department':
      return target.departmentId !== undefined && target.departmentId === grant.departmentId;
    case 'unitAdmin':
      return target.unitId !== undefined && target.unitId === grant.unitId;
    case 'propertyLiaison':
      return target.companyId !== undefined && target.companyId === grant.companyId;
    default:
      return false;
  }
}

/** The grants of `user` among `roles` that cover `target`. */
export function grantsFor(user: Pick<UserDoc, 'roles'> | null, roles: readonly Role[], target: Target): RoleGrant[] {
  return (user?.roles ?? []).filter((g) => roles.includes(g.role) && inScope(g, target));
}

/** Throws FORBIDDEN unless one of `roles` held by `user` covers `target`. */
export function requireScope(
  user: Pick<UserDoc, 'roles'> | null,
  roles: readonly Role[],
  target: Target,
  message?: string,
): RoleGrant {
  const [grant] = grantsFor(user, roles, target);
  if (!grant) throw forbidden(message ?? '超出您的管辖范围');
  return grant;
}

/** The scope ids a user holds for a role (e.g. the communities they are secretary of). */
export function scopeIds(
  user: Pick<UserDoc, 'roles'> | null,
  role: 'secretary' | 'unitAdmin' | 'department' | 'propertyLiaison',
): string[] {
  const out: string[] = [];
  for (const g of user?.roles ?? []) {
    if (g.role === 'propertyLiaison' && role === 'propertyLiaison') out.push(g.companyId);
    if (g.role === 'secretary' && role === 'secretary') out.push(g.communityId);
    if (g.role === 'unitAdmin' && role === 'unitAdmin') out.push(g.unitId);
    if (g.role === 'department' && role === 'department') out.push(g.departmentId);
  }
  return out;
}

export const isCountyAdmin = (user: Pick<UserDoc, 'roles'> | null): boolean =>
  (user?.roles ?? []).some((g) => g.role === 'countyAdmin');

/** The caller's own scope for a role (their first, if several); FORBIDDEN with `message` if none. */
export function ownScope(
  user: Pick<UserDoc, 'roles'> | null,
  role: 'secretary' | 'unitAdmin' | 'department' | 'propertyLiaison',
  message: string,
): string {
  const [id] = scopeIds(user, role);
  if (!id) throw forbidden(message);
  return id;
}

/**
 * What a staff member might otherwise do to an item of their own (PRODUCT.md "Rules for
 * everyone"): review their own wish, confirm for the resident a wish they submitted or claimed,
 * handle a case they filed, approve their own 六个一 record, check themself in by hand, verify
 * their own 双报到 report.
 */
const OWN_ITEM = {
  reviewWish: '审核自己提交的心愿',
  confirmWish: '代居民确认自己提交或认领的心愿',
  handleCase: '办理自己提交的诉求',
  reviewRecord: '审核自己的六个一记录',
  markAttendance: '为自己补签到或签退',
  reviewReport: '审核自己的报到申请',
} as const;

export type OwnItemAction = keyof typeof OWN_ITEM;

/** The refusal's message: what the caller may not do, and that a colleague will. */
const ownItemMessage = (action: OwnItemAction) => `不能${OWN_ITEM[action]}，请由其他工作人员处理`;

/**
 * Staff never review, handle or approve their own wish, case or record: FORBIDDEN (with
 * `ownItemMessage`) when `openid` is one of the item's `owners` — its submitter, complainant,
 * member or claimer, as the action already read it. Thrown before anything is written, so the
 * item stays as it was, in the queue, for a colleague.
 */
export function notOwn(openid: string, owners: ReadonlyArray<string | null | undefined>, action: OwnItemAction): void {
  if (owners.includes(openid)) throw forbidden(ownItemMessage(action));
}
