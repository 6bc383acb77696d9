import type { RoleGrant } from '../../../contract';
import { CloudError } from '../../services/CloudError';
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

/**
 * Reads the pages of a paged action until `found` is among the items (an item opened by its id,
 * which has no action of its own); NOT_FOUND with `missing` when no page has it.
 */
export async function findPaged<T>(
  read: (from: number) => Promise<{ items: T[]; next: number | null }>,
  found: (item: T) => boolean,
  missing: string,
): Promise<T> {
  let from: number | null = 0;
  for (let pages = 0; from !== null && pages < 20; pages++) {
    const page = await read(from);
    const hit = page.items.find(found);
    if (hit) return hit;
    from = page.next;
  }
  throw new CloudError('NOT_FOUND', missing, null);
}

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
