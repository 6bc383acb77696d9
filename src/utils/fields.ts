import {
  LAT_RANGE,
  LNG_RANGE,
  PERSON_NAME,
  PERSON_NAME_MESSAGE,
  PHONE,
  PHONE_MESSAGE,
  REASON,
  textTooLong,
  textTooShort,
  USER_QUERY,
} from '../../contract/limits';

/**
 * Client-side checks of the contract's fields: the patterns, lengths and messages come from
 * contract/limits.ts, which the contract's zod schemas use too (zod itself stays out of the
 * mini-program), so a form says before sending what the server would answer. Null means the
 * value passes.
 */

export { LAT_RANGE, LNG_RANGE };
export { OPENING_HOURS } from '../../contract/limits';

/** contract `text(min, max)`: counted in characters, what is visible against `min`. Null when it passes. */
export function checkText(value: string, min: number, max: number): string | null {
  if (textTooShort(value, min)) return min === 1 ? '请填写' : `至少 ${min} 个字`;
  if (textTooLong(value, max)) return `最多 ${max} 个字`;
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
  return checkText(reason, REASON.min, REASON.max) === null ? null : `请填写驳回理由（${REASON.min}–${REASON.max} 字）`;
}

/** account.findUsers: 1–20 characters of a name or phone number. */
export function checkUserQuery(query: string): string | null {
  return checkText(query, USER_QUERY.min, USER_QUERY.max) === null
    ? null
    : `请输入 ${USER_QUERY.min}–${USER_QUERY.max} 个字的姓名或手机号`;
}

/** A number typed into a form, within [min, max]; null when it is not one. */
export function parseNumber(value: string, min: number, max: number): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** contract `latLng` (GCJ-02): the server takes points within mainland China only. */
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
