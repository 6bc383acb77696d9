import { directory } from './cache';
import type {
  CommunityDetail,
  CommunitySummary,
  DepartmentSummary,
  PlaceOption,
  PropertyCompanySummary,
  StationView,
  UnitSummary,
} from '../../contract/functions/directory';
import { partyOrgKindOf } from '../../contract/functions/directory';
import type {
  CommunityDoc,
  DepartmentDoc,
  GridDoc,
  MicroGridDoc,
  PropertyCompanyDoc,
  StationDoc,
  UnitDoc,
} from './model';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { forbidden, invalidInput, notFound } from '../platform/errors';
import { distanceMetres, polygonCentre } from '../platform/geo';
import { isOpenAt } from '../platform/time';
import { getById } from '../platform/read';
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
    memberCount: u.memberCount ?? null,
  }));
}

/**
 * Property companies with their 红色物业 data and the estates they serve (the micro-grids naming
 * them): one aggregate. A company recorded before its party organisation kind was kept reads it
 * from `hasPartyOrg` (partyOrgKindOf).
 */
export async function propertyCompanies(
  _input: Record<string, never>,
  ctx: CallContext,
): Promise<PropertyCompanySummary[]> {
  // A liaison (who is neither secretary nor county admin) reads their own company only.
  const all = isCountyAdmin(ctx.user) || scopeIds(ctx.user, 'secretary').length > 0;
  const base = ctx.db.collection('propertyCompanies').aggregate();
  const { list } = await (all ? base : base.match({ _id: ctx.db.command.in(scopeIds(ctx.user, 'propertyLiaison')) }))
    .sort({ _id: 1 })
    .limit(1000)
    .lookup({ from: 'grids', localField: '_id', foreignField: 'propertyCompanyId', as: 'estates' })
    .end<PropertyCompanyDoc & { estates: Array<GridDoc | MicroGridDoc> }>();
  return list.map((p) => {
    const kind = partyOrgKindOf(p);
    return {
      id: p._id,
      name: p.name,
      hasPartyOrg: kind !== 'none',
      partyOrgKind: kind,
      partyOrgName: p.partyOrgName,
      instructor: p.instructor ?? null,
      liaison: { name: p.liaisonName, phone: p.liaisonPhone, openid: p.liaisonOpenid },
      communityIds: p.communityIds,
      estates: p.estates
        .filter((m): m is MicroGridDoc => m.level === 'microGrid')
        .sort((a, b) => a.communityId.localeCompare(b.communityId) || a._id.localeCompare(b._id))
        .map((m) => ({ id: m._id, name: buildingLabel(m), communityId: m.communityId })),
    };
  });
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
    phone: s.phone ?? null,
  }));
  return input.near
    ? views.sort((a, b) => a.distanceM! - b.distanceM!)
    : views.sort((a, b) => a.id.localeCompare(b.id));
}

/** The building's name, with its compound unless the name already says it ("凤凰名苑2栋", not "凤凰名苑凤凰名苑2栋"). */
export const buildingLabel = (m: MicroGridDoc) => (m.name.startsWith(m.compound) ? m.name : `${m.compound}${m.name}`);

/**
 * Where a community's activities can be held, for the picker that needs no map: its Red Stations,
 * its centre (the community's address and point), and its compounds and buildings (micro-grids:
 * the directory keeps their boundary, not an address, so the point is the boundary's middle and
 * the address names the community and grid).
 */
export async function places(input: { communityId?: string }, ctx: CallContext): Promise<PlaceOption[]> {
  // A unit admin plans its 轮值主席 month's activity in the community its unit is paired with.
  const unitIds = scopeIds(ctx.user, 'unitAdmin');
  const paired = unitIds.length
    ? (await directory(ctx, 'units')).filter((u) => unitIds.includes(u._id)).map((u) => u.pairedCommunityId)
    : [];
  const own = [...scopeIds(ctx.user, 'secretary'), ...paired];
  const communityId = input.communityId ?? own[0];
  if (!communityId) throw invalidInput('请选择社区', [{ path: 'communityId', message: '请选择社区' }]);
  if (!isCountyAdmin(ctx.user) && !own.includes(communityId))
    throw forbidden('只能查看本社区（或本单位结对社区）的地点');
  const [c, stationDocs, gridDocs] = await Promise.all([
    getById<CommunityDoc>(ctx.db, 'communities', communityId),
    ctx.db.collection('stations').where({ communityId }).limit(100).get<StationDoc>(),
    ctx.db.collection('grids').where({ communityId }).limit(1000).get<GridDoc | MicroGridDoc>(),
  ]);
  if (!c) throw notFound('社区不存在');
  const grids = gridDocs.data.filter((g): g is GridDoc => g.level === 'grid');
  const micro = gridDocs.data.filter((g): g is MicroGridDoc => g.level === 'microGrid');
  const gridName = (id: string) => grids.find((g) => g._id === id)?.name ?? '';
  const gridOrder = (id: string) => grids.find((g) => g._id === id)?.order ?? 0;
  return [
    ...[...stationDocs.data]
      .sort((a, b) => a._id.localeCompare(b._id))
      .map<PlaceOption>((s) => ({
        kind: 'station',
        id: s._id,
        name: s.name,
        address: s.address,
        location: s.location,
        phone: s.phone ?? null,
      })),
    {
      kind: 'community',
      id: c._id,
      name: `${c.name}党群服务中心`,
      address: c.address,
      location: c.location,
      phone: null,
    },
    ...micro
      .sort((a, b) => gridOrder(a.parentId) - gridOrder(b.parentId) || byOrder(a, b))
      .map<PlaceOption>((m) => ({
        kind: 'microGrid',
        id: m._id,
        name: buildingLabel(m),
        address: gridName(m.parentId) || c.name,
        location: polygonCentre(m.boundary),
        phone: null,
      })),
  ];
}
