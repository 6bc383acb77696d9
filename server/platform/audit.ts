import type { Database, Transaction } from './sdk-types';

/** One audit entry: who changed which entity, when, from what to what (never deleted). */
export interface AuditDoc {
  entity: string;
  entityId: string;
  action: string;
  by: string;
  byName: string;
  at: Date;
  before: unknown;
  after: unknown;
}

/** Writes the entry in the same transaction as the change, so there is no change without its entry. */
export async function audit(tx: Transaction | Database, entry: AuditDoc): Promise<void> {
  await tx
    .collection('audits')
    .add({ data: { ...entry, createdAt: entry.at, updatedAt: entry.at, createdBy: entry.by } });
}
