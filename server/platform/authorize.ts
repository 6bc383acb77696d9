import type { Role, RoleGrant } from '../../contract/roles';
import { forbidden } from './errors';
import type { UserDoc } from './identity';

/**
 * The one permission module. A target names what an action touches; a grant is in scope when
 * it covers the target: a secretary their community, a grid worker their grids (and their
 * community for community-wide reads), department staff their department, a unit admin their
 * unit, the county admin everything. Roles are checked by the router; scope here.
 */
export interface Target {
  communityId?: string;
  gridId?: string;
  departmentId?: string;
  unitId?: string;
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
  role: 'secretary' | 'unitAdmin' | 'department',
): string[] {
  const out: string[] = [];
  for (const g of user?.roles ?? []) {
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
  role: 'secretary' | 'unitAdmin' | 'department',
  message: string,
): string {
  const [id] = scopeIds(user, role);
  if (!id) throw forbidden(message);
  return id;
}
