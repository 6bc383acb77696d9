import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import { invalidInput } from '../platform/errors';
import { plainPolygon, polygonCentre } from '../platform/geo';
import type { CallContext } from '../platform/router';
import { directory } from '../directory/cache';
import { buildingLabel } from '../directory/read';
import type { GridDoc, GridsCollectionDoc, MicroGridDoc, Polygon } from '../directory/model';

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
  /** The grid's workers and grid head, from the grid read here (told of the new case without another read). */
  gridStaff: string[];
}

/** How far outside the outermost grid boundaries a point may lie and still be in the county. */
const COUNTY_MARGIN_DEG = 0.03; // ≈ 3 km

const contains = (boundary: Polygon, lng: number, lat: number) =>
  booleanPointInPolygon(point([lng, lat]), plainPolygon(boundary) as unknown as GeoJSON.Polygon);

/**
 * Where a case belongs: the grid whose boundary contains the point (turf's point-in-polygon
 * over the directory's GeoJSON boundaries), else the resident's registered grid, else the
 * nearest community's queue. A point outside the county is refused. Communities and grids
 * (level 2: the county's extent is theirs) come from the instance's directory (cache.ts); a
 * building (or the registered address) is read by id, a point reads the micro-grids of the grid
 * found: one database round trip.
 */
export async function place(ctx: CallContext, input: LocationInput): Promise<Placement> {
  const grids = async (where: Record<string, unknown>) =>
    (await ctx.db.collection('grids').where(where).limit(1000).get<GridsCollectionDoc>()).data;
  const homeId = ctx.user?.address?.microGridId;
  const microId = input.kind === 'building' ? input.microGridId : homeId;
  const [communities, found, level2] = await Promise.all([
    directory(ctx, 'communities'),
    microId ? grids({ _id: microId }) : Promise.resolve([]),
    directory(ctx, 'grids'),
  ]);
  const named = found.find((g): g is MicroGridDoc => g.level === 'microGrid');

  let micro: MicroGridDoc | undefined;
  let grid: GridDoc | undefined;
  let loc: Placement['location'];
  if (input.kind === 'building' || input.kind === 'address') {
    micro = named;
    if (!micro)
      throw invalidInput(input.kind === 'address' ? '您还没有登记住址，请选择地点' : '楼栋不存在', [
        { path: input.kind === 'address' ? 'location' : 'location.microGridId', message: '地点无效' },
      ]);
    loc = { ...polygonCentre(micro.boundary), label: buildingLabel(micro), source: input.kind };
    grid = level2.find((g) => g._id === micro!.parentId);
  } else {
    const corners = level2.flatMap((g) => plainPolygon(g.boundary).coordinates[0]);
    const inCounty =
      corners.length > 0 &&
      input.lng >= Math.min(...corners.map((p) => p[0])) - COUNTY_MARGIN_DEG &&
      input.lng <= Math.max(...corners.map((p) => p[0])) + COUNTY_MARGIN_DEG &&
      input.lat >= Math.min(...corners.map((p) => p[1])) - COUNTY_MARGIN_DEG &&
      input.lat <= Math.max(...corners.map((p) => p[1])) + COUNTY_MARGIN_DEG;
    if (!inCounty) throw invalidInput('该地点不在本县范围内', [{ path: 'location', message: '地点超出本县范围' }]);
    grid = level2.find((g) => contains(g.boundary, input.lng, input.lat));
    if (grid)
      micro = (await grids({ parentId: grid._id, level: 'microGrid' })).find(
        (g): g is MicroGridDoc => g.level === 'microGrid' && contains(g.boundary, input.lng, input.lat),
      );
    // Outside every grid: the grid of the resident's registered building.
    else if (named) grid = level2.find((g) => g._id === named.parentId);
    loc = { lat: input.lat, lng: input.lng, label: input.label || micro?.name || '地图选点', source: 'point' };
  }

  const communityId =
    grid?.communityId ??
    // No grid anywhere: the community nearest to the point takes it into its queue.
    [...communities].sort(
      (a, b) =>
        (a.location.lat - loc.lat) ** 2 +
        (a.location.lng - loc.lng) ** 2 -
        ((b.location.lat - loc.lat) ** 2 + (b.location.lng - loc.lng) ** 2),
    )[0]?._id;
  const c = communityId ? communities.find((x) => x._id === communityId) : undefined;
  if (!c) throw invalidInput('该地点不在本县范围内', [{ path: 'location', message: '找不到所属社区' }]);
  return {
    location: loc,
    communityId: c._id,
    communityName: c.name,
    gridId: grid?._id ?? null,
    gridName: grid?.name ?? null,
    microGridId: micro?._id ?? null,
    propertyCompanyId: micro?.propertyCompanyId ?? null,
    gridStaff: grid ? [...grid.gridWorkerOpenids, ...(grid.gridHeadOpenid ? [grid.gridHeadOpenid] : [])] : [],
  };
}
