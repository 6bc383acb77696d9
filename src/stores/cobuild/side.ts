import type { RoleGrant } from '../../../contract';
import { session } from '../session';

type Secretary = Extract<RoleGrant, { role: 'secretary' }>;
type UnitAdmin = Extract<RoleGrant, { role: 'unitAdmin' }>;

/** The caller's co-building side: the secretary's community, the unit admin's unit, the county admin. */
export const cobuildSide = {
  get secretary(): Secretary | null {
    return session.staffGrants.find((g): g is Secretary => g.role === 'secretary') ?? null;
  },
  get unitAdmin(): UnitAdmin | null {
    return session.staffGrants.find((g): g is UnitAdmin => g.role === 'unitAdmin') ?? null;
  },
  get countyAdmin(): boolean {
    return session.staffGrants.some((g) => g.role === 'countyAdmin');
  },
};

/** The county's year today (Asia/Shanghai), the year the lists default to. */
export const thisYear = (now = Date.now()): number => new Date(now + 8 * 3600_000).getUTCFullYear();

/** A list's community and year as the list actions take them (the county admin's pick); unset ones left out. */
export const scopeInput = (s: { communityId: string | null; year: number | null }) => ({
  ...(s.communityId ? { communityId: s.communityId } : {}),
  ...(s.year ? { year: s.year } : {}),
});

/** A form's findings (null or undefined: the field passes) as its errors, only the failing fields kept. */
export function fieldErrors<F extends string>(
  found: Partial<Record<F, string | null | undefined>>,
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const key of Object.keys(found) as F[]) {
    const message = found[key];
    if (message) out[key] = message;
  }
  return out;
}
