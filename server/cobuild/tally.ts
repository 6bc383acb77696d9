import type { NeedStatus, ProjectStatus, ResourceStatus } from '../../contract/cobuild';

/**
 * One community's co-building year in counts (`cobuildTallies`, `_id` `${communityId}-${year}`):
 * what the county's overview and the quarterly supervision read in one request for all
 * communities. Every change of a need's, resource's, project's or agreement's state, and every
 * meeting held or rota month set, moves it in the same transaction as the change (co-building
 * is a handful of staff steps a week per community: not a hot document). `reconcileCobuild`
 * recomputes it from the documents (the data rule for counters).
 */
export interface CobuildTallyDoc {
  _id: string;
  communityId: string;
  year: number;
  needs: Record<NeedStatus, number>;
  resources: Record<ResourceStatus, number>;
  projects: Record<ProjectStatus, number>;
  /** Agreements of the year signed by both sides (the current version per unit counts once). */
  agreementsSigned: number;
  /** Joint meetings held per quarter (index 0 = Q1). */
  meetingsHeld: [number, number, number, number];
  /** Rota months with a chair unit set; of those, months whose chair proposed a theme / planned an activity. */
  chairMonths: { set: number; themed: number; activities: number };
  updatedAt: Date;
}

export const cobuildTallyId = (communityId: string, year: number) => `${communityId}-${year}`;

export function emptyCobuildTally(communityId: string, year: number, at: Date): CobuildTallyDoc {
  return {
    _id: cobuildTallyId(communityId, year),
    communityId,
    year,
    needs: { open: 0, matched: 0, done: 0, closed: 0 },
    resources: { offered: 0, committed: 0, usedUp: 0, withdrawn: 0 },
    projects: { planned: 0, active: 0, done: 0, dropped: 0 },
    agreementsSigned: 0,
    meetingsHeld: [0, 0, 0, 0],
    chairMonths: { set: 0, themed: 0, activities: 0 },
    updatedAt: at,
  };
}
