/**
 * 物业联络员 (红色物业): the grant `{ role: 'propertyLiaison', companyId }` follows the directory.
 * The county admin names a company's liaison (directory.save, kind propertyCompany,
 * `liaisonOpenid`, an existing user); that user holds the grant while named, and a previous
 * liaison loses it. 角色授权 never grants or revokes it (contract/functions/account.ts).
 *
 * The grant moves in the transaction that writes the company (admin.ts `save`): the company, its
 * audit entry and the users' roles commit together, so no crash leaves them apart. What else could
 * — a company or a user edited by hand, a backup restored, a user's roles rewritten from a stale
 * read — is settled by `repairLiaisonGrants`, run daily by the scheduler's repairCounters: it makes
 * every user's liaison grants exactly the companies naming them.
 */
import type { RoleGrant } from '../../contract/roles';
import type { UserDoc } from '../platform/identity';
import { readAll } from '../platform/read';
import type { CallContext, JobContext } from '../platform/router';
import type { Transaction } from '../platform/sdk-types';
import { inTransaction, txGet } from '../platform/tx';
import type { PropertyCompanyDoc } from './model';

/** Roles that mark a user as staff (`users.staff`, read by 角色授权 and by the repair below). */
const STAFF_MARK: ReadonlySet<RoleGrant['role']> = new Set([
  'gridWorker',
  'secretary',
  'department',
  'unitAdmin',
  'countyAdmin',
  'propertyLiaison',
]);
export const staffMark = (roles: readonly RoleGrant[]): 0 | 1 => (roles.some((g) => STAFF_MARK.has(g.role)) ? 1 : 0);

/** The user's roles with their liaison grants exactly `companyIds` (in id order), the others as they were. */
export function withLiaisonGrants(roles: readonly RoleGrant[], companyIds: readonly string[]): RoleGrant[] {
  return [
    ...roles.filter((g) => g.role !== 'propertyLiaison'),
    ...[...new Set(companyIds)].sort().map((companyId): RoleGrant => ({ role: 'propertyLiaison', companyId })),
  ];
}

const liaisonOf = (roles: readonly RoleGrant[]) =>
  roles
    .flatMap((g) => (g.role === 'propertyLiaison' ? [g.companyId] : []))
    .sort()
    .join(',');

/** Writes `roles` (and the staff mark) on the user in the transaction; nothing when they hold them already. */
async function writeRoles(ctx: CallContext, tx: Transaction, user: UserDoc, roles: RoleGrant[]): Promise<boolean> {
  if (liaisonOf(user.roles) === liaisonOf(roles)) return false;
  await tx
    .collection('users')
    .doc(user._id)
    .update({ data: { roles: ctx.db.command.set(roles), staff: staffMark(roles), updatedAt: ctx.now } });
  return true;
}

/**
 * In the company's transaction: `from` (the liaison before, if any) loses the company's grant,
 * `to` (the liaison now, if any) gains it. A user gone meanwhile is skipped (the company's
 * reference was checked just before; the repair settles the rest).
 */
export async function moveLiaisonGrant(
  ctx: CallContext,
  tx: Transaction,
  companyId: string,
  from: string | null,
  to: string | null,
): Promise<void> {
  const ids = [...new Set([from, to].filter((x): x is string => !!x))];
  const users = await Promise.all(ids.map((id) => txGet<UserDoc>(tx, 'users', id)));
  await Promise.all(
    users.map((u) => {
      if (!u) return null;
      const held = u.roles.flatMap((g) => (g.role === 'propertyLiaison' ? [g.companyId] : []));
      const next = u._id === to ? [...held, companyId] : held.filter((c) => c !== companyId);
      return writeRoles(ctx, tx, u, withLiaisonGrants(u.roles, next));
    }),
  );
}

/**
 * Every user's liaison grants = the companies naming them. Reads the companies and the staff
 * (liaisons carry the staff mark, so a stale grant is found among them) and the named liaisons
 * who are not staff yet; each user who differs is fixed in a transaction that reads the user and
 * the companies concerned again, so an edit in flight (a save moving the liaison) is never undone.
 */
export async function repairLiaisonGrants(ctx: JobContext): Promise<{ checked: number; fixed: number }> {
  const _ = ctx.db.command;
  const companies = await readAll<PropertyCompanyDoc>(ctx.db, 'propertyCompanies', {});
  const staff = await readAll<UserDoc>(ctx.db, 'users', { staff: 1 });
  const named = [...new Set(companies.flatMap((c) => (c.liaisonOpenid ? [c.liaisonOpenid] : [])))];
  const known = new Set(staff.map((u) => u._id));
  const others: UserDoc[] = [];
  const missing = named.filter((id) => !known.has(id));
  for (let i = 0; i < missing.length; i += 100)
    others.push(...(await readAll<UserDoc>(ctx.db, 'users', { _id: _.in(missing.slice(i, i + 100)) })));
  const want = (openid: string, list: PropertyCompanyDoc[]) =>
    list.filter((c) => c.liaisonOpenid === openid).map((c) => c._id);
  let fixed = 0;
  const users = [...staff, ...others];
  for (const u of users) {
    if (liaisonOf(u.roles) === [...want(u._id, companies)].sort().join(',')) continue;
    // The companies concerned: those the user holds a grant of, and those naming them.
    const concerned = [
      ...new Set([
        ...u.roles.flatMap((g) => (g.role === 'propertyLiaison' ? [g.companyId] : [])),
        ...want(u._id, companies),
      ]),
    ];
    const changed = await inTransaction(ctx, async (tx) => {
      const [fresh, ...docs] = await Promise.all([
        txGet<UserDoc>(tx, 'users', u._id),
        ...concerned.map((id) => txGet<PropertyCompanyDoc>(tx, 'propertyCompanies', id)),
      ]);
      if (!fresh) return false;
      const nowNamed = concerned.filter((_id, i) => (docs[i] as PropertyCompanyDoc | null)?.liaisonOpenid === u._id);
      return writeRoles(ctx, tx, fresh as UserDoc, withLiaisonGrants((fresh as UserDoc).roles, nowNamed));
    });
    if (changed) fixed += 1;
  }
  return { checked: users.length, fixed };
}
