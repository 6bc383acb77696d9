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

/**
 * A staff queue's search (待办 / 已办 of every queue), one rule: the words typed, split by spaces,
 * must each be somewhere in what the staff member sees of the item — any of its searched texts,
 * in part, letters in any case. A word that is a whole mobile number matches the item's phone
 * whole, and nothing else (as `nameOrPhone`: no probing numbers digit by digit).
 */
export function queryWords(q: string | undefined): string[] {
  return (q ?? '').split(/\s+/).filter(Boolean);
}

/** The rule in memory, for a queue read whole and ordered in the function (the case queues). */
export function hasEveryWord(texts: Array<string | null | undefined>, q: string | undefined): boolean {
  const words = queryWords(q);
  if (!words.length) return true;
  const seen = texts.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => seen.includes(w.toLowerCase()));
}

/**
 * The rule as a query condition on the documents' `fields` (dot paths), for a queue the database
 * pages or bounds: it narrows the one read the queue makes, so a search costs no request more.
 * `phone`: the field a whole mobile number is matched on. Null when nothing was typed.
 */
export function everyWordIn(
  db: Database,
  fields: string[],
  q: string | undefined,
  phone?: string,
): Record<string, unknown> | null {
  const words = queryWords(q);
  if (!words.length) return null;
  const _ = db.command;
  const eachWord = words.map((w) =>
    phone && MOBILE.test(w)
      ? { [phone]: w }
      : _.or(fields.map((f) => ({ [f]: db.RegExp({ regexp: escapeRegExp(w), options: 'i' }) }))),
  );
  return (eachWord.length === 1 ? eachWord[0] : _.and(eachWord)) as Record<string, unknown>;
}

/**
 * A queue's conditions and its search side by side in one flat `_.and` (whose conjuncts the
 * indexes answer); the conditions alone when nothing was searched.
 */
export function narrowed(
  db: Database,
  where: Record<string, unknown> | Array<Record<string, unknown>>,
  search: Record<string, unknown> | null,
): Record<string, unknown> {
  const all = [...(Array.isArray(where) ? where : [where]), ...(search ? [search] : [])];
  return (all.length === 1 ? all[0] : db.command.and(all)) as Record<string, unknown>;
}
