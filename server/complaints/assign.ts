import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import { invalidInput } from '../platform/errors';
import type { CallContext } from '../platform/router';
import type { CommunityDoc, GridsCollectionDoc, MicroGridDoc, Polygon } from '../seed/types';

export type LocationInput =
  | { kind: 'point'; lat: number; lng: number; label?: string }
  | { kind: 'building'; microGridId: string }
  | { kind: 'address' };

export interface Placement {
  location: { lat: number; lng: number; label: string; source: 'point' | 'building' | 'address' };
  communityId: string;
  communityName: string;
  gridId: string | null;
  gridName: string | null;
  microGridId: string | null;
  propertyCompanyId: string | null;
}

/** How far outside the outermost grid boundaries a point may lie and still be in the county. */
const COUNTY_MARGIN_DEG = 0.03; // ≈ 3 km

/**
 * The SDK hands GeoJSON polygons back as its own `Geo.Polygon` (lines of points); `toJSON()`
 * gives the GeoJSON again.
 */
const geo = (b: Polygon): Polygon =>
  typeof (b as unknown as { toJSON?: () => Polygon }).toJSON === 'function'
    ? (b as unknown as { toJSON: () => Polygon }).toJSON()
    : b;

const contains = (boundary: Polygon, lng: number, lat: number) =>
  booleanPointInPolygon(point([lng, lat]), geo(boundary) as unknown as GeoJSON.Polygon);

/** A building's point: the mean of its boundary's corners (the seed's boundaries are small). */
function centre(b: Polygon): { lat: number; lng: number } {
  const ring = geo(b).coordinates[0].slice(0, -1);
  const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

/**
 * Where a case belongs: the grid whose boundary contains the point (turf's point-in-polygon
 * over the directory's GeoJSON boundaries), else the resident's registered grid, else the
 * nearest community's queue. A point outside the county is refused. Two database requests:
 * the grids and micro-grids, and the communities.
 */
export async function place(ctx: CallContext, input: LocationInput): Promise<Placement> {
  const [{ data: grids }, { data: communities }] = await Promise.all([
    ctx.db.collection('grids').limit(1000).get<GridsCollectionDoc>(),
    ctx.db.collection('communities').limit(1000).get<CommunityDoc>(),
  ]);
  const byId = new Map(grids.map((g) => [g._id, g]));
  const community = (id: string) => communities.find((c) => c._id === id);
  const home = ctx.user?.address?.microGridId
    ? (byId.get(ctx.user.address.microGridId) as MicroGridDoc | undefined)
    : undefined;

  let micro: MicroGridDoc | undefined;
  let loc: Placement['location'];
  if (input.kind === 'building' || input.kind === 'address') {
    micro = input.kind === 'building' ? (byId.get(input.microGridId) as MicroGridDoc | undefined) : home;
    if (!micro || micro.level !== 'microGrid')
      throw invalidInput(input.kind === 'address' ? '您还没有登记住址，请选择地点' : '楼栋不存在', [
        { path: input.kind === 'address' ? 'location' : 'location.microGridId', message: '地点无效' },
      ]);
    loc = { ...centre(micro.boundary), label: `${micro.compound}${micro.name}`, source: input.kind };
  } else {
    const corners = grids.flatMap((g) => geo(g.boundary).coordinates[0]);
    const inCounty =
      corners.length > 0 &&
      input.lng >= Math.min(...corners.map((p) => p[0])) - COUNTY_MARGIN_DEG &&
      input.lng <= Math.max(...corners.map((p) => p[0])) + COUNTY_MARGIN_DEG &&
      input.lat >= Math.min(...corners.map((p) => p[1])) - COUNTY_MARGIN_DEG &&
      input.lat <= Math.max(...corners.map((p) => p[1])) + COUNTY_MARGIN_DEG;
    if (!inCounty) throw invalidInput('该地点不在本县范围内', [{ path: 'location', message: '地点超出本县范围' }]);
    micro = grids.find((g): g is MicroGridDoc => g.level === 'microGrid' && contains(g.boundary, input.lng, input.lat));
    loc = { lat: input.lat, lng: input.lng, label: input.label || micro?.name || '地图选点', source: 'point' };
  }

  const grid =
    (micro ? byId.get(micro.parentId) : undefined) ??
    grids.find((g) => g.level === 'grid' && contains(g.boundary, loc.lng, loc.lat)) ??
    (home ? byId.get(home.parentId) : undefined);
  const communityId =
    grid?.communityId ??
    // No grid anywhere: the community nearest to the point takes it into its queue.
    [...communities].sort(
      (a, b) =>
        (a.location.lat - loc.lat) ** 2 +
        (a.location.lng - loc.lng) ** 2 -
        ((b.location.lat - loc.lat) ** 2 + (b.location.lng - loc.lng) ** 2),
    )[0]?._id;
  const c = communityId ? community(communityId) : undefined;
  if (!c) throw invalidInput('该地点不在本县范围内', [{ path: 'location', message: '找不到所属社区' }]);
  return {
    location: loc,
    communityId: c._id,
    communityName: c.name,
    gridId: grid?._id ?? null,
    gridName: grid?.name ?? null,
    microGridId: micro?._id ?? null,
    propertyCompanyId: micro?.propertyCompanyId ?? null,
  };
}
