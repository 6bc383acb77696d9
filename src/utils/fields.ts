/**
 * Client-side checks that mirror contract/fields.ts (which the app cannot import: it needs zod).
 * Same patterns, same messages, so a form says before sending what the server would answer.
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
