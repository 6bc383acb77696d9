import type { Database } from './sdk-types';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Finding a person by what staff type: a name matches in part, a phone number only whole (no
 * digit-by-digit probing of numbers). The condition on `name` or `phone` of the searched documents.
 */
export function nameOrPhone(db: Database, query: string): Record<string, unknown> {
  return MOBILE.test(query) ? { phone: query } : { name: db.RegExp({ regexp: escapeRegExp(query) }) };
}
