import type { RoleHolder, StaffGrant, UserSummary } from '../../contract/functions/account';
import { byPinyin } from '../../contract/collate';
import { forget } from '../directory/cache';
import { staffMark } from '../directory/liaison';
import type { Role, RoleGrant } from '../../contract/roles';
import { audit } from '../platform/audit';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { conflict, forbidden, invalidInput, notFound } from '../platform/errors';
import type { UserDoc } from '../platform/identity';
import { maskPhone } from '../platform/mask';
import type { CallContext } from '../platform/router';
import { nameOrPhone } from '../platform/search';
import type { Transaction } from '../platform/sdk-types';
import { inTransaction, txGet } from '../platform/tx';

/** A person as staff find them: the phone masked (whoever searches sees 138****1234). */
const toSummary = (u: UserDoc): UserSummary => ({
  openid: u.openid,
  name: u.name ?? u.nickname,
  phone: maskPhone(u.phone),
  roles: u.roles,
});

/**
 * County admin: anyone; a secretary: people living in their community (to appoint grid workers).
 * A name matches in part; a phone number only whole (no digit-by-digit probing of numbers).
 */
export async function findUsers(input: { query: string }, ctx: CallContext): Promise<UserSummary[]> {
  const _ = ctx.db.command;
  const match = nameOrPhone(ctx.db, input.query);
  const where = isCountyAdmin(ctx.user)
    ? match
    : _.and([match, { 'address.communityId': _.in(scopeIds(ctx.user, 'secretary')) }]);
  const { data } = await ctx.db
    .collection('users')
    .where(where as unknown as Record<string, unknown>)
    .limit(20)
    .get<UserDoc>();
  return data.map(toSummary);
}

/** Staff holders a county has (a few hundred): read in one query, by the indexed `staff` mark. */
const MAX_STAFF = 1000;
const ROLE_ORDER: Record<RoleHolder['grant']['role'], number> = {
  secretary: 0,
  gridWorker: 1,
  department: 2,
  unitAdmin: 3,
  countyAdmin: 4,
};

/**
 * 角色授权 opens on who holds what: the county admin every staff grant, a secretary the grid
 * workers of their community (what `mayManage` lets them revoke). One read of the staff (`staff`
 * 1, indexed), the scope filtered here; ordered by role, scope, name.
 */
export async function roleHolders(_input: Record<string, never>, ctx: CallContext): Promise<RoleHolder[]> {
  const county = isCountyAdmin(ctx.user);
  const communities = new Set(scopeIds(ctx.user, 'secretary'));
  const { data } = await ctx.db.collection('users').where({ staff: 1 }).limit(MAX_STAFF).get<UserDoc>();
  const rows: RoleHolder[] = [];
  for (const u of data) {
    for (const grant of u.roles) {
      if (!isStaffGrant(grant)) continue;
      if (!county && !(grant.role === 'gridWorker' && communities.has(grant.communityId))) continue;
      rows.push({ openid: u.openid, name: u.name ?? u.nickname, phone: maskPhone(u.phone), grant });
    }
  }
  const scope = (g: RoleHolder['grant']) => scopeOf(g) ?? '';
  return rows.sort(
    (a, b) =>
      ROLE_ORDER[a.grant.role] - ROLE_ORDER[b.grant.role] ||
      scope(a.grant).localeCompare(scope(b.grant)) ||
      byPinyin(a.name, b.name) ||
      a.openid.localeCompare(b.openid),
  );
}

/** The scope a staff grant covers, for matching and for the audit trail. */
function scopeOf(g: RoleGrant): string | undefined {
  switch (g.role) {
    case 'gridWorker':
    case 'secretary':
      return g.communityId;
    case 'department':
      return g.departmentId;
    case 'unitAdmin':
      return g.unitId;
    default:
      return undefined;
  }
}

/** A secretary manages grid workers of their own community; everything else is the county's. */
function mayManage(ctx: CallContext, role: Role, scope: string | undefined): void {
  if (isCountyAdmin(ctx.user)) return;
  if (role === 'gridWorker' && scope && scopeIds(ctx.user, 'secretary').includes(scope)) return;
  throw forbidden('只有党工委可以授予该角色；社区书记只能管理本社区的网格员');
}

/** The scope named by a grant must exist (and a grid worker's grids lie in their community). */
async function checkScopeExists(ctx: CallContext, grant: StaffGrant): Promise<void> {
  const _ = ctx.db.command;
  const lookups: Record<string, [string, string[]]> = {
    gridWorker: ['grids', grant.role === 'gridWorker' ? grant.gridIds : []],
    secretary: ['communities', grant.role === 'secretary' ? [grant.communityId] : []],
    department: ['departments', grant.role === 'department' ? [grant.departmentId] : []],
    unitAdmin: ['units', grant.role === 'unitAdmin' ? [grant.unitId] : []],
  };
  const lookup = lookups[grant.role];
  if (!lookup) return;
  const [collection, ids] = lookup;
  const { data } = await ctx.db
    .collection(collection)
    .where({ _id: _.in(ids) })
    .limit(100)
    .get<{ _id: string; communityId?: string; level?: string }>();
  const ok =
    data.length === new Set(ids).size &&
    (grant.role !== 'gridWorker' || data.every((g) => g.level === 'grid' && g.communityId === grant.communityId));
  if (!ok) throw invalidInput('授权范围不存在或不属于该社区', [{ path: 'grant', message: '范围无效' }]);
}

/** A grid's worker list (shown on its cards, used for assignment) follows the grants, in the same transaction. */
async function syncGridStaff(
  ctx: CallContext,
  tx: Transaction,
  openid: string,
  gridIds: string[],
  op: 'add' | 'remove',
): Promise<void> {
  const _ = ctx.db.command;
  for (const gridId of gridIds) {
    // A revoked grid head is no longer the grid's head either (their card stays, for the secretary to edit).
    const head =
      op === 'remove' &&
      (await txGet<{ gridHeadOpenid?: string | null }>(tx, 'grids', gridId))?.gridHeadOpenid === openid;
    await tx
      .collection('grids')
      .doc(gridId)
      .update({
        data: {
          gridWorkerOpenids: op === 'add' ? _.addToSet(openid) : _.pull(openid),
          ...(head ? { gridHeadOpenid: null } : {}),
          updatedAt: ctx.now,
        },
      });
  }
}

/** A community names its secretary (shown in the directory): kept in step with the grant, in the same transaction. */
async function syncSecretary(
  ctx: CallContext,
  tx: Transaction,
  openid: string,
  communityId: string,
  op: 'add' | 'remove',
): Promise<void> {
  const community = await txGet<{ secretaryOpenid?: string | null }>(tx, 'communities', communityId);
  if (!community) return;
  if (op === 'remove' && community.secretaryOpenid !== openid) return;
  await tx
    .collection('communities')
    .doc(communityId)
    .update({ data: { secretaryOpenid: op === 'add' ? openid : null, updatedAt: ctx.now } });
}

const STAFF_ROLES: ReadonlySet<Role> = new Set(['gridWorker', 'secretary', 'department', 'unitAdmin', 'countyAdmin']);
const isStaffGrant = (g: RoleGrant): g is RoleHolder['grant'] => STAFF_ROLES.has(g.role);

/** The scope fields of a grant, for the audit entry (a secretary reads the grants of their community). */
const auditScope = (g: RoleGrant) => ({
  communityId: g.role === 'secretary' || g.role === 'gridWorker' ? g.communityId : null,
  departmentId: g.role === 'department' ? g.departmentId : null,
  unitId: g.role === 'unitAdmin' ? g.unitId : null,
});

/**
 * Writes the new roles (and the `staff` mark the holders are read by) and their audit entry
 * (before → after) in the transaction, side by side: one round trip.
 */
async function writeRoles(
  ctx: CallContext,
  tx: Transaction,
  user: UserDoc,
  roles: RoleGrant[],
  action: 'grantRole' | 'revokeRole',
  grant: RoleGrant,
): Promise<UserSummary> {
  // A property liaison's grant (kept by the directory) keeps the mark too: liaison.ts `staffMark`.
  const staff = staffMark(roles);
  await Promise.all([
    tx
      .collection('users')
      .doc(user._id)
      .update({ data: { roles: ctx.db.command.set(roles), staff, updatedAt: ctx.now } }),
    audit(
      ctx,
      {
        kind: 'role',
        action,
        entity: 'users',
        entityId: user._id,
        label: user.name ?? user.nickname,
        scope: auditScope(grant),
        before: user.roles,
        after: roles,
      },
      tx,
    ),
  ]);
  return toSummary({ ...user, roles, staff });
}

export async function grantRole(input: { openid: string; grant: StaffGrant }, ctx: CallContext): Promise<UserSummary> {
  forget(); // grids and communities name their staff: this instance reads them again
  const { grant } = input;
  mayManage(ctx, grant.role, scopeOf(grant));
  await checkScopeExists(ctx, grant);
  return inTransaction(ctx, async (tx) => {
    const user = await txGet<UserDoc>(tx, 'users', input.openid);
    if (!user) throw notFound('用户不存在');
    const scope = scopeOf(grant);
    const same = (g: RoleGrant) => g.role === grant.role && scopeOf(g) === scope;
    const existing = user.roles.find(same);
    const merged: RoleGrant =
      existing && existing.role === 'gridWorker' && grant.role === 'gridWorker'
        ? { ...grant, gridIds: [...new Set([...existing.gridIds, ...grant.gridIds])] }
        : grant;
    const roles = [...user.roles.filter((g) => !same(g)), merged];
    if (grant.role === 'gridWorker') await syncGridStaff(ctx, tx, user._id, grant.gridIds, 'add');
    if (grant.role === 'secretary') await syncSecretary(ctx, tx, user._id, grant.communityId, 'add');
    return writeRoles(ctx, tx, user, roles, 'grantRole', merged);
  });
}

export async function revokeRole(
  input: { openid: string; role: Exclude<Role, 'resident' | 'member' | 'propertyLiaison'>; scopeId?: string },
  ctx: CallContext,
): Promise<UserSummary> {
  if (input.role !== 'countyAdmin' && !input.scopeId)
    throw invalidInput('请指明撤销哪个范围的角色', [{ path: 'scopeId', message: '必填' }]);
  mayManage(ctx, input.role, input.scopeId);
  if (input.role === 'countyAdmin' && input.openid === ctx.openid) throw conflict('不能撤销自己的党工委管理权限');
  return inTransaction(ctx, async (tx) => {
    forget(); // grids and communities name their staff: this instance reads them again
    const user = await txGet<UserDoc>(tx, 'users', input.openid);
    if (!user) throw notFound('用户不存在');
    const roles = user.roles.filter((g) => !(g.role === input.role && scopeOf(g) === input.scopeId));
    if (roles.length === user.roles.length) throw conflict('该用户没有这个角色');
    for (const g of user.roles) {
      if (g.role === 'gridWorker' && g.communityId === input.scopeId && input.role === 'gridWorker') {
        await syncGridStaff(ctx, tx, user._id, g.gridIds, 'remove');
      }
      if (g.role === 'secretary' && input.role === 'secretary' && g.communityId === input.scopeId) {
        await syncSecretary(ctx, tx, user._id, g.communityId, 'remove');
      }
    }
    const revoked = user.roles.find((g) => g.role === input.role && scopeOf(g) === input.scopeId)!;
    return writeRoles(ctx, tx, user, roles, 'revokeRole', revoked);
  });
}
