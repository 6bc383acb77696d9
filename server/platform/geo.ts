const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). GCJ-02 points of one city: the offset cancels out. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A GeoJSON polygon of [lng, lat] positions (the directory's boundaries). */
interface GeoPolygon {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
}

/**
 * The SDK hands GeoJSON polygons back as its own `Geo.Polygon` (lines of points); `toJSON()`
 * gives the GeoJSON again.
 */
export const plainPolygon = <P extends GeoPolygon>(b: P): P =>
  typeof (b as unknown as { toJSON?: () => P }).toJSON === 'function'
    ? (b as unknown as { toJSON: () => P }).toJSON()
    : b;

/** A building's point: the mean of its boundary's corners (the directory's boundaries are small). */
export function polygonCentre(b: GeoPolygon): { lat: number; lng: number } {
  const ring = plainPolygon(b).coordinates[0].slice(0, -1);
  const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}
