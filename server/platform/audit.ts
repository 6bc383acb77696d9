import type { AuditKind } from '../../contract/audit';
import { log } from './log';
import type { UserDoc } from './identity';
import type { Database, Transaction } from './sdk-types';

/** The scope an entry belongs to: a secretary reads their community's entries, the county admin all. */
export interface AuditScope {
  communityId?: string | null;
  departmentId?: string | null;
  unitId?: string | null;
}

/** What an action says about itself; who and when come from the call. */
export interface AuditInput {
  kind: AuditKind;
  /** What was done (`publish`, `accept`, `approve`, `grantRole`, `update` …). */
  action: string;
  /** The target: its collection (or directory kind) and id, and a short label. */
  entity: string;
  entityId: string;
  label: string;
  /** More targets of the same step (a batch approval): each with its label. */
  targets?: Array<{ id: string; label: string }>;
  /** What was decided, in a few words (a reason, a note); empty when the action says it all. */
  summary?: string;
  scope: AuditScope;
  /** Directory and role changes keep the document (or the roles) before and after. */
  before?: unknown;
  after?: unknown;
}

/** One audit entry (collection `audits`): who did what to which item, when, in whose scope. Never changed or deleted. */
export interface AuditDoc {
  _id?: string;
  kind: AuditKind;
  action: string;
  entity: string;
  entityId: string;
  label: string;
  targets: Array<{ id: string; label: string }>;
  summary: string;
  by: string;
  byName: string;
  at: Date;
  communityId: string | null;
  departmentId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

/** Labels and summaries stay short: the entry names the item, its page holds the rest. */
export const short = (text: string | null | undefined, max = 24): string => {
  const chars = [...(text ?? '').replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
};

/** The entry as stored, by `who` at `at` — the live actions and the seed make it alike. */
export function auditDoc(who: { openid: string; name: string }, at: Date, input: AuditInput): AuditDoc {
  return {
    kind: input.kind,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    label: short(input.label, 40),
    targets: (input.targets ?? []).map((t) => ({ id: t.id, label: short(t.label, 40) })),
    summary: short(input.summary, 80),
    by: who.openid,
    byName: who.name,
    at,
    communityId: input.scope.communityId ?? null,
    departmentId: input.scope.departmentId ?? null,
    unitId: input.scope.unitId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    createdAt: at,
    updatedAt: at,
    createdBy: who.openid,
  };
}

/** What the writer needs of the call. */
export interface AuditContext {
  requestId: string;
  openid: string;
  user: Pick<UserDoc, 'name' | 'nickname'> | null;
  db: Database;
  now: Date;
}

/**
 * The one audit writer: every staff action's entry (docs/architecture.md "The audit trail").
 *
 * - With `tx`: in the action's own transaction, sent beside its decisive write (the caller puts
 *   it in the same `Promise.all`), so it costs no round trip: no change commits without its
 *   entry, and a refused or conflicting step (which aborts) leaves none. A failure fails the
 *   action, as any of its writes would.
 * - Without: for actions that decide by one conditional update, not a transaction. Called only
 *   after that update succeeded, beside the next request the action makes anyway (its
 *   notification, its next read), so again no extra round trip. The change has happened: a
 *   failure here is logged, never the action's failure, and a function that dies between the
 *   update and this insert leaves the change without its line. The item's own timeline or
 *   history (wish, activity, sign-up) still says who did it and when.
 */
export async function audit(ctx: AuditContext, input: AuditInput, tx?: Transaction): Promise<void> {
  const doc = auditDoc({ openid: ctx.openid, name: ctx.user?.name ?? ctx.user?.nickname ?? '' }, ctx.now, input);
  if (tx) {
    await tx.collection('audits').add({ data: doc });
    return;
  }
  try {
    await ctx.db.collection('audits').add({ data: doc });
  } catch (err) {
    log.error('audit entry not written', {
      requestId: ctx.requestId,
      kind: input.kind,
      action: input.action,
      entityId: input.entityId,
      error: String(err),
    });
  }
}
