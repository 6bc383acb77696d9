import type { ResidentAddress } from '../../contract/functions/account';
import type { Role, RoleGrant } from '../../contract/roles';
import type { Database } from './cloud';
import { getById } from './read';

/**
 * A user: one WeChat openid. `_id` is the openid itself, so a first-time registration is an
 * insert that can succeed only once, whatever the concurrency.
 */
export interface UserDoc {
  _id: string;
  openid: string;
  name: string | null;
  nickname: string;
  phone: string | null;
  roles: RoleGrant[];
  privacyAcceptedVersion: string | null;
  /** Where a resident lives; set by account.updateProfile. */
  address?: ResidentAddress | null;
  /** An in-service member's own data (双报到), set when they register as a member. */
  member?: { unitId: string; partyBranch: string; joinedAt: string; verifiedReportId?: string } | null;
  /** The member's report awaiting the secretary (one at a time). */
  pendingReport?: { id: string; communityId: string; communityName: string; createdAt: Date } | null;
  /**
   * 1 while the user holds a staff grant (grid worker, secretary, department, unit admin, county
   * admin), else 0 or absent: 角色授权 reads the holders by it (a scalar, indexed). Written with
   * the roles (account.grantRole / revokeRole) and by the seed.
   */
  staff?: 0 | 1;
  /** Demo users carry a label for the local 选择演示身份 screen; never set in production. */
  demo?: { label: string; order: number };
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export async function loadUser(db: Database, openid: string): Promise<UserDoc | null> {
  return getById<UserDoc>(db, 'users', openid);
}

/** Where a verified in-service member serves (双报到) and for which unit; null if not verified. */
export function verifiedMember(
  user: Pick<UserDoc, 'roles'> | null,
): { communityId: string; unitId: string | null } | null {
  const g = user?.roles.find((r) => r.role === 'member' && r.verified);
  return g && g.role === 'member' && g.communityId ? { communityId: g.communityId, unitId: g.unitId ?? null } : null;
}

/** Every registered user is a resident; other roles come from grants. */
export function rolesOf(user: Pick<UserDoc, 'roles'>): Set<Role> {
  const held = new Set<Role>(['resident']);
  for (const grant of user.roles) {
    if (grant.role === 'member' && !grant.verified) continue;
    held.add(grant.role);
  }
  return held;
}
