import type {
  CommunityDetail,
  CommunitySummary,
  DepartmentSummary,
  PropertyCompanySummary,
  StationView,
  UnitSummary,
} from '../../contract/functions/directory';
import type {
  CommunityDoc,
  DepartmentDoc,
  GridDoc,
  MicroGridDoc,
  PropertyCompanyDoc,
  StationDoc,
  UnitDoc,
} from './model';
import { notFound } from '../platform/errors';
import { distanceMetres } from '../platform/geo';
import { isOpenAt } from '../platform/time';
import type { CallContext } from '../platform/router';

const byOrder = <T extends { order?: number; _id: string }>(a: T, b: T) =>
  (a.order ?? 0) - (b.order ?? 0) || a._id.localeCompare(b._id);

export async function communities(_input: Record<string, never>, ctx: CallContext): Promise<CommunitySummary[]> {
  const { data } = await ctx.db.collection('communities').orderBy('_id', 'asc').limit(1000).get<CommunityDoc>();
  return data.map((c) => ({ id: c._id, name: c.name, address: c.address }));
}

type CommunityRow = CommunityDoc & {
  groups: Array<{ _id: string; name: string; order: number }>;
  grids: Array<GridDoc | MicroGridDoc>;
  units: UnitDoc[];
};

/** One community with everything the profile form picks from: one aggregate. */
export async function community(input: { communityId: string }, ctx: CallContext): Promise<CommunityDetail> {
  const { list } = await ctx.db
    .collection('communities')
    .aggregate()
    .match({ _id: input.communityId })
    .lookup({ from: 'residentGroups', localField: '_id', foreignField: 'communityId', as: 'groups' })
    .lookup({ from: 'grids', localField: '_id', foreignField: 'communityId', as: 'grids' })
    .lookup({ from: 'units', localField: '_id', foreignField: 'pairedCommunityId', as: 'units' })
    .end<CommunityRow>();
  const c = list[0];
  if (!c) throw notFound('社区不存在');
  const grids = c.grids.filter((g): g is GridDoc => g.level === 'grid').sort(byOrder);
  const micro = c.grids.filter((g): g is MicroGridDoc => g.level === 'microGrid').sort(byOrder);
  return {
    id: c._id,
    name: c.name,
    address: c.address,
    residentGroups: [...c.groups].sort(byOrder).map((g) => ({ id: g._id, name: g.name })),
    grids: grids.map((g) => ({
      id: g._id,
      name: g.name,
      microGrids: micro.filter((m) => m.parentId === g._id).map((m) => ({ id: m._id, name: m.name })),
    })),
    units: c.units.map((u) => ({ id: u._id, name: u.name })),
  };
}

export async function units(input: { communityId?: string }, ctx: CallContext): Promise<UnitSummary[]> {
  const base = ctx.db.collection('units').aggregate();
  const { list } = await (input.communityId ? base.match({ pairedCommunityId: input.communityId }) : base)
    .lookup({ from: 'communities', localField: 'pairedCommunityId', foreignField: '_id', as: 'community' })
    .sort({ _id: 1 })
    .limit(1000)
    .end<UnitDoc & { community: CommunityDoc[] }>();
  return list.map((u) => ({
    id: u._id,
    name: u.name,
    kind: u.kind,
    pairedCommunityId: u.pairedCommunityId,
    pairedCommunityName: u.community[0]?.name ?? '',
  }));
}

export async function propertyCompanies(
  _input: Record<string, never>,
  ctx: CallContext,
): Promise<PropertyCompanySummary[]> {
  const { data } = await ctx.db
    .collection('propertyCompanies')
    .orderBy('_id', 'asc')
    .limit(1000)
    .get<PropertyCompanyDoc>();
  return data.map((p) => ({ id: p._id, name: p.name, hasPartyOrg: p.hasPartyOrg, communityIds: p.communityIds }));
}

export async function departments(_input: Record<string, never>, ctx: CallContext): Promise<DepartmentSummary[]> {
  const { data } = await ctx.db.collection('departments').orderBy('_id', 'asc').limit(100).get<DepartmentDoc>();
  return data.map((d) => ({ id: d._id, name: d.name, shortName: d.shortName }));
}

/** Red Stations with their community's name, nearest first when the caller sent a location: one aggregate. */
export async function stations(
  input: { near?: { lat: number; lng: number } },
  ctx: CallContext,
): Promise<StationView[]> {
  const { list } = await ctx.db
    .collection('stations')
    .aggregate()
    .lookup({ from: 'communities', localField: 'communityId', foreignField: '_id', as: 'community' })
    .limit(1000)
    .end<StationDoc & { community: CommunityDoc[] }>();
  const views = list.map<StationView>((s) => ({
    id: s._id,
    name: s.name,
    communityId: s.communityId,
    communityName: s.community[0]?.name ?? '',
    address: s.address,
    location: s.location,
    openingHours: s.openingHours,
    openNow: isOpenAt(s.openingHours, ctx.now),
    services: s.services,
    amenities: s.amenities,
    distanceM: input.near ? Math.round(distanceMetres(input.near, s.location)) : null,
  }));
  return input.near
    ? views.sort((a, b) => a.distanceM! - b.distanceM!)
    : views.sort((a, b) => a.id.localeCompare(b.id));
}
