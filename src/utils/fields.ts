/**
 * Client-side checks that mirror the contract's fields and schemas (which the app cannot import:
 * they need zod). Same patterns, same messages, so a form says before sending what the server
 * would answer. Null means the value passes.
 */

/** contract `personName`: 2–20 characters, Chinese or Latin letters, middle dot allowed. */
export const PERSON_NAME = /^[\u4e00-\u9fa5A-Za-z·• ]{2,20}$/;
export const PERSON_NAME_MESSAGE = '姓名应为 2–20 个汉字或字母';

/** contract `phone`: a mainland mobile number. */
export const PHONE = /^1[3-9]\d{9}$/;
export const PHONE_MESSAGE = '请输入 11 位手机号';

/** contract `text(min, max)`: trimmed, counted in characters. Null when it passes. */
export function checkText(value: string, min: number, max: number): string | null {
  const length = [...value.trim()].length;
  if (length < min) return min === 1 ? '请填写' : `至少 ${min} 个字`;
  if (length > max) return `最多 ${max} 个字`;
  return null;
}

export function checkName(value: string): string | null {
  const name = value.trim();
  if (name === '') return '请填写姓名';
  return PERSON_NAME.test(name) ? null : PERSON_NAME_MESSAGE;
}

export function checkPhone(value: string): string | null {
  const phone = value.replace(/\s+/g, '');
  if (phone === '') return '请填写手机号';
  return PHONE.test(phone) ? null : PHONE_MESSAGE;
}

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

/** contract `latLng` (GCJ-02): the server takes points within mainland China only. */
export const LAT_RANGE = [3, 54] as const;
export const LNG_RANGE = [73, 136] as const;

export function inLatLngRange({ lat, lng }: { lat: number; lng: number }): boolean {
  return lat >= LAT_RANGE[0] && lat <= LAT_RANGE[1] && lng >= LNG_RANGE[0] && lng <= LNG_RANGE[1];
}

export interface Corner {
  lng: number;
  lat: number;
}

/** contract `polygon`: a GeoJSON polygon. */
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

/** A server `INVALID_INPUT` detail: `{ path: 'address.microGridId', message }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The field issues of a CloudError's `details`, whatever shape they arrived in. */
export function fieldIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldIssue =>
      typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
  );
}

/** A form's errors by field: what the form found, then what the server said. */
export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

/** `errors` with the server's field issues added where `fieldOf(path)` puts them (undefined: not on the form). */
export function withFieldIssues<F extends string>(
  errors: FieldErrors<F>,
  details: unknown,
  fieldOf: (path: string) => F | undefined,
): FieldErrors<F> {
  const out: FieldErrors<F> = { ...errors };
  for (const issue of fieldIssues(details)) {
    const field = fieldOf(issue.path);
    if (field) out[field] = issue.message;
  }
  return out;
}

/** `errors` without `field`'s (the same object when it had none, so nothing re-renders). */
export function withoutError<F extends string>(errors: FieldErrors<F>, field: F): FieldErrors<F> {
  if (!errors[field]) return errors;
  const rest: FieldErrors<F> = { ...errors };
  delete rest[field];
  return rest;
}
