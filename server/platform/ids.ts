import { randomBytes } from 'node:crypto';

/** A 32-hex id, as CloudBase generates; chosen by the handler so it can answer without reading back. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}
