/**
 * The staff forms' checks, mirroring the contract's schemas (the app cannot import zod), so a
 * form refuses before sending what the server would refuse. Null means the value passes.
 */
import { checkText } from '../../utils/fields';

/** account.reviewReport: a rejection states its reason, 2–200 characters. */
export function checkRejectReason(reason: string): string | null {
  return checkText(reason, 2, 200) === null ? null : '请填写驳回理由（2–200 字）';
}

/** account.findUsers: 1–20 characters of a name or phone number. */
export function checkUserQuery(query: string): string | null {
  return checkText(query, 1, 20) === null ? null : '请输入 1–20 个字的姓名或手机号';
}

/** directory station `openingHours`: `08:00-20:00`. */
export const OPENING_HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;

/** A number typed into a form, within [min, max]; null when it is not one. */
export function parseNumber(value: string, min: number, max: number): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** contract `latLng` (GCJ-02, mainland China). */
export const LAT_RANGE = [3, 54] as const;
export const LNG_RANGE = [73, 136] as const;

export interface Corner {
  lng: number;
  lat: number;
}

/** GeoJSON polygon as the contract wants it. */
export interface Polygon {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
}

/**
 * A new grid's boundary from its four corners, given 西南 → 东南 → 东北 → 西北 (counter-clockwise,
 * as GeoJSON exterior rings run), closed by repeating the first.
 */
export function polygonFromCorners(corners: readonly Corner[]): Polygon {
  const ring = corners.map((c): [number, number] => [c.lng, c.lat]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}
