import type {
  AgreementStatus,
  CobuildCategory,
  NeedStatus,
  ProjectStatus,
  ResourceStatus,
} from '../../contract/cobuild';
import type { CobuildPhoto, CobuildStamp } from '../../contract/functions/cobuild/lists';
import { directory } from '../directory/cache';
import type { CommunityDoc, UnitDoc } from '../directory/model';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { forbidden } from '../platform/errors';
import { tempUrls } from '../platform/files';
import type { CallContext } from '../platform/router';
import { localYear, toIso } from '../platform/time';

/**
 * 三清单一协议: the documents (docs/data-model.md "结对共建: lists"). Each carries `version`, moved
 * by every edit and state change: an editor names the one they read and a change since answers
 * CONFLICT (a conditional update on it).
 */

export interface Stamp {
  openid: string;
  name: string;
  at: Date;
}

/** 需求清单 (`cobuildNeeds`). */
export interface NeedDoc {
  _id: string;
  communityId: string;
  year: number;
  category: CobuildCategory;
  title: string;
  description: string;
  quantity: number;
  quantityUnit: string;
  /** YYYY-MM-DD. */
  wantedBy: string;
  contact: { name: string; phone: string };
  status: NeedStatus;
  closeReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}

/** 资源清单 (`cobuildResources`). */
export interface ResourceDoc {
  _id: string;
  unitId: string;
  /** The unit's paired community when it offered the resource (its tally counts it). */
  communityId: string;
  year: number;
  category: CobuildCategory;
  title: string;
  description: string;
  capacity: { amount: number; unit: string; frequency: string };
  liaison: { openid: string; name: string; phone: string | null };
  availability: string;
  status: ResourceStatus;
  withdrawReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}

export interface MilestoneDoc {
  id: string;
  title: string;
  dueAt: string;
  doneAt: Date | null;
}

/** 共建项目清单 (`cobuildProjects`). */
export interface ProjectDoc {
  _id: string;
  communityId: string;
  year: number;
  title: string;
  goal: string;
  status: ProjectStatus;
  needIds: string[];
  resourceIds: string[];
  /** The units whose resources it uses (distinct, from `resourceIds`). */
  unitIds: string[];
  milestones: MilestoneDoc[];
  leads: { community: { name: string; openid: string | null }; unit: { name: string } };
  /** The latest progress photos (at most 9, replaced by each update with photos): what residents see of an active project. */
  recentPhotos: string[];
  lastUpdateAt: Date | null;
  result: { note: string; photos: string[]; at: Date; by: Stamp } | null;
  dropReason: string | null;
  startedAt: Date | null;
  /** Residents' ratings (a counter beside the `cobuildRatings` documents; reconcileCobuild repairs it). */
  rating: { count: number; sum: number };
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  createdByName: string;
}

/** A progress update (`cobuildProjectUpdates`): its own document, never an ever-growing array. */
export interface ProjectUpdateDoc {
  _id: string;
  projectId: string;
  communityId: string;
  note: string;
  photos: string[];
  milestoneId: string | null;
  by: { openid: string; name: string; side: 'community' | 'unit'; unitId: string | null };
  at: Date;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

/** A resident's rating of a done project (`cobuildRatings`, `_id` `${projectId}-${openid}`: one each). */
export interface RatingDoc {
  _id: string;
  projectId: string;
  communityId: string;
  openid: string;
  stars: number;
  comment: string;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

/** 共建协议 (`cobuildAgreements`, `_id` `${communityId}-${unitId}-${year}-v${number}`). */
export interface AgreementDoc {
  _id: string;
  communityId: string;
  unitId: string;
  year: number;
  number: number;
  status: AgreementStatus;
  projectIds: string[];
  duties: { community: string; unit: string };
  period: { from: string; to: string };
  signatures: { community: Stamp | null; unit: Stamp | null };
  supersedes: string | null;
  supersededBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export const agreementId = (communityId: string, unitId: string, year: number, n: number) =>
  `${communityId}-${unitId}-${year}-v${n}`;
export const ratingId = (projectId: string, openid: string) => `${projectId}-${openid}`;

export const NEEDS = 'cobuildNeeds';
export const RESOURCES = 'cobuildResources';
export const PROJECTS = 'cobuildProjects';
export const UPDATES = 'cobuildProjectUpdates';
export const RATINGS = 'cobuildRatings';
export const AGREEMENTS = 'cobuildAgreements';

/** A list's page. */
export const PAGE = 50;

/** Where notifications take staff: the co-building pages (the UI names them). */
export const PAGES = {
  need: (id: string) => `packages/cobuild/pages/need/index?id=${id}`,
  resource: (id: string) => `packages/cobuild/pages/resource/index?id=${id}`,
  project: (id: string) => `packages/cobuild/pages/project/index?id=${id}`,
  agreement: (id: string) => `packages/cobuild/pages/agreement/index?id=${id}`,
};

export const callerName = (ctx: CallContext) => ctx.user?.name ?? ctx.user?.nickname ?? '';
export const stamp = (ctx: CallContext): Stamp => ({ openid: ctx.openid, name: callerName(ctx), at: ctx.now });
export const stampView = (s: Stamp | null): CobuildStamp | null =>
  s ? { openid: s.openid, name: s.name, at: toIso(s.at)! } : null;
export const iso = (d: Date) => toIso(d)!;

export const yearOf = (ctx: CallContext, year: number | undefined) => year ?? localYear(ctx.now);

/** The county's directory as the instance keeps it: communities and units by id. */
export async function dir(ctx: CallContext) {
  const [communities, units] = await Promise.all([directory(ctx, 'communities'), directory(ctx, 'units')]);
  const community = new Map<string, CommunityDoc>(communities.map((c) => [c._id, c]));
  const unit = new Map<string, UnitDoc>(units.map((u) => [u._id, u]));
  return {
    communities,
    units,
    communityName: (id: string) => community.get(id)?.name ?? '',
    unitName: (id: string) => unit.get(id)?.name ?? '',
    unit: (id: string) => unit.get(id) ?? null,
    /** The units paired with a community now. */
    pairedUnits: (communityId: string) => units.filter((u) => u.pairedCommunityId === communityId),
  };
}
export type Dir = Awaited<ReturnType<typeof dir>>;

/**
 * Whom a caller sees in the community-scoped lists: `all` (county admin), else the communities
 * they are secretary of and those their units are paired with, and their units.
 */
export interface ListScope {
  all: boolean;
  /** Communities whose whole lists they see (secretary). */
  communities: string[];
  /** Their units (unit admin) and those units' paired communities. */
  units: string[];
  unitCommunities: string[];
}

export function listScope(ctx: CallContext, d: Dir): ListScope {
  const units = scopeIds(ctx.user, 'unitAdmin');
  return {
    all: isCountyAdmin(ctx.user),
    communities: scopeIds(ctx.user, 'secretary'),
    units,
    unitCommunities: units.map((u) => d.unit(u)?.pairedCommunityId).filter((c): c is string => !!c),
  };
}

/** Whether a community-scoped list shows `communityId`'s items to the caller (its one item reads alike). */
export function seesCommunity(scope: ListScope, communityId: string): boolean {
  return scope.all || scope.communities.includes(communityId) || scope.unitCommunities.includes(communityId);
}

/** The communities a community-scoped list may show (null: all); FORBIDDEN for one outside them. */
export function communitiesFor(scope: ListScope, communityId: string | undefined): string[] | null {
  if (scope.all) return communityId ? [communityId] : null;
  if (communityId) {
    if (!seesCommunity(scope, communityId)) throw forbidden('只能查看本社区（本单位结对社区）的共建清单');
    return [communityId];
  }
  return [...new Set([...scope.communities, ...scope.unitCommunities])];
}

/** The caller's side for an item of `communityId` touching `unitIds`: community (its secretary), unit (an admin of one of them), or none. */
export function sideOf(
  ctx: CallContext,
  communityId: string,
  unitIds: readonly string[],
): { side: 'community' | 'unit'; unitId: string | null } | null {
  if (scopeIds(ctx.user, 'secretary').includes(communityId)) return { side: 'community', unitId: null };
  const unit = scopeIds(ctx.user, 'unitAdmin').find((u) => unitIds.includes(u));
  return unit ? { side: 'unit', unitId: unit } : null;
}

/** Temporary URLs of files for a view (one storage call). */
export async function photoViews(fileIds: string[][]): Promise<(ids: string[]) => CobuildPhoto[]> {
  const urls = await tempUrls(fileIds.flat());
  return (ids) => ids.map((fileId) => ({ fileId, url: urls.get(fileId) ?? null }));
}

/**
 * The admins of `unitIds` (staff grants live on the users: one query, indexed `staff`), each with
 * the units of theirs among them. Read beside an action's other reads, so its notice costs no
 * round trip of its own.
 */
export async function unitAdmins(ctx: CallContext, unitIds: string[]): Promise<UnitAdmins> {
  if (unitIds.length === 0) return new UnitAdmins([]);
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('users')
    .where({ staff: 1, roles: _.elemMatch({ role: 'unitAdmin', unitId: _.in(unitIds) }) })
    .limit(200)
    .get<{ _id: string; roles: Array<{ role: string; unitId?: string }> }>();
  return new UnitAdmins(
    data.map((u) => ({
      openid: u._id,
      units: u.roles.filter((g) => g.role === 'unitAdmin' && g.unitId).map((g) => g.unitId!),
    })),
  );
}

export class UnitAdmins {
  constructor(readonly list: Array<{ openid: string; units: string[] }>) {}
  /** The admins of any of `unitIds`. */
  of(unitIds: readonly string[]): string[] {
    return this.list.filter((a) => a.units.some((u) => unitIds.includes(u))).map((a) => a.openid);
  }
}

/** The community's secretary (the directory names them). */
export const secretaryOf = (d: Dir, communityId: string): string[] => {
  const c = d.communities.find((x) => x._id === communityId);
  return c?.secretaryOpenid ? [c.secretaryOpenid] : [];
};
