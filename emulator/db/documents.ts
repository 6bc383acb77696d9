import { randomBytes } from 'node:crypto';
import { BSONRegExp, EJSON } from 'bson';

/** A stored document: plain JSON values plus Dates. */
export type Doc = Record<string, unknown> & { _id: string };

/** 32 hex characters, as CloudBase generates. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** Storage format: relaxed EJSON keeps numbers plain (so SQLite's json_extract indexes work) and dates typed. */
export function serialize(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

export function deserialize(text: string): Doc {
  return EJSON.parse(text, { relaxed: true }) as Doc;
}

/**
 * Parses a wire value (canonical EJSON text) into JS values: numbers, Dates and RegExps; the
 * CloudBase extension `$tcb_server_date` becomes the server's "now" plus its offset.
 */
export function parseWire(text: string, nowMs: number): unknown {
  return resolveSpecials(EJSON.parse(text, { relaxed: true }), nowMs);
}

function resolveSpecials(value: unknown, nowMs: number): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''));
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => resolveSpecials(v, nowMs));
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((obj.$tcb_server_date as { offset?: number } | null)?.offset ?? 0);
    return new Date(nowMs + (Number.isFinite(offset) ? offset : 0));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = resolveSpecials(obj[k], nowMs);
  return out;
}

/** Wire format of documents sent back: canonical EJSON text, as CloudBase answers. */
export function toWire(doc: unknown): string {
  return EJSON.stringify(doc, { relaxed: false });
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
