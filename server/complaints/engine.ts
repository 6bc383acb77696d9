/**
 * The transition engine of a case: one transaction per step (read, decide, write the change and
 * its timeline step), the step and its changes, and whose turn it is (grid, community, departments).
 */
import type { CaseStatus } from '../../contract/caseLabels';
import { audit, type AuditInput } from '../platform/audit';
import { notOwn } from '../platform/authorize';
import { conflict, forbidden, notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';
import type { Transaction } from '../platform/sdk-types';
import { inTransaction, txGet } from '../platform/tx';
import type { CaseDoc, StoredCaseStep } from './model';
import { handlerOf, mayView, type Handler } from './rules';

export const PAGE = 20;
export const MIN = 60_000;

export const viewer = (ctx: CallContext) => ({ openid: ctx.openid, user: ctx.user, now: ctx.now });
export const name = (ctx: CallContext) => ctx.user?.name ?? ctx.user?.nickname ?? '';

export function step(
  ctx: CallContext,
  role: string,
  action: string,
  from: CaseStatus | null,
  to: CaseStatus,
  note: string | null = null,
  photos: string[] = [],
): StoredCaseStep {
  return { at: ctx.now, by: ctx.openid, byName: name(ctx), role, action, from, to, note, photos };
}

/** Objects and arrays replace the stored value whole (`_.set`); scalars and dates are set as they are. */
function setAll(ctx: CallContext, changes: Record<string, unknown>): Record<string, unknown> {
  const _ = ctx.db.command;
  return Object.fromEntries(
    Object.entries(changes).map(
      ([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v] as const,
    ),
  );
}

/**
 * The case as `changes` leave it: dotted paths (`whistle.departments.0.reportedAt`) set where they
 * point. Copy-on-write — each object or array along a path is copied before it is set — so `c`
 * stays as it was read and Dates stay Dates (no structuredClone: the runtime is Node 16.13).
 */
function applied(c: CaseDoc, changes: Record<string, unknown>): CaseDoc {
  const next = { ...c } as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let at = next;
    for (const k of keys.slice(0, -1)) {
      const child = at[k];
      const copy = Array.isArray(child) ? [...child] : { ...(child as Record<string, unknown>) };
      at[k] = copy;
      at = copy as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = value;
  }
  return next as unknown as CaseDoc;
}

export interface Move {
  to: CaseStatus;
  changes: Partial<CaseDoc> & Record<string, unknown>;
  step: StoredCaseStep;
  /** More writes in the same transaction (department tasks). */
  also?: (tx: Transaction, next: CaseDoc) => Promise<void>;
}

/**
 * Every transition: in one transaction, read the case, let `decide` check the caller and the
 * state (throwing FORBIDDEN or CONFLICT), write the change and its timeline step. Two handlers
 * acting at once: one commits, the other re-reads the new state and gets CONFLICT.
 */
export async function transition(
  ctx: CallContext,
  caseId: string,
  decide: (c: CaseDoc, h: Handler) => Move,
  audited = false,
): Promise<{ before: CaseDoc; after: CaseDoc }> {
  return inTransaction(ctx, async (tx) => {
    const c = await txGet<CaseDoc>(tx, 'cases', caseId);
    if (!c) throw notFound('诉求不存在');
    const h = handlerOf(ctx.openid, ctx.user, c);
    // A scheduled job acts for the system; every caller must be the complainant or a handler in scope.
    if (!ctx.job && !mayView(h)) throw notFound('诉求不存在');
    const move = decide(c, h);
    const _ = ctx.db.command;
    const changes = { ...move.changes, status: move.to, updatedAt: ctx.now };
    const after = { ...applied(c, changes), timeline: [...c.timeline, move.step] };
    // A handler's step and its audit entry side by side in the transaction: one round trip.
    await Promise.all([
      tx
        .collection('cases')
        .doc(c._id)
        .update({ data: { ...setAll(ctx, changes), timeline: _.push(move.step) } }),
      audited ? audit(ctx, caseAudit(after, move.step, h), tx) : null,
    ]);
    if (move.also) await move.also(tx, after);
    return { before: c, after };
  });
}

/**
 * A handler's step (grid, community, department): a `transition` that a caller who filed the case
 * may not take, whatever roles they hold — FORBIDDEN before anything is written, and the case
 * stays where it is for a colleague. The complainant's own steps (withdraw, rate) and the
 * scheduler's use `transition`.
 */
export function handle(
  ctx: CallContext,
  caseId: string,
  decide: (c: CaseDoc, h: Handler) => Move,
): Promise<{ before: CaseDoc; after: CaseDoc }> {
  return transition(
    ctx,
    caseId,
    (c, h) => {
      notOwn(ctx.openid, [c.complainant.openid], 'handleCase');
      return decide(c, h);
    },
    true,
  );
}

/**
 * The audit entry of a handler's step: the case in a few words, the step's note, the case's
 * community and the department that acted (or, for the community's whistle steps, the lead one).
 */
export function caseAudit(c: CaseDoc, s: StoredCaseStep, h: Pick<Handler, 'department'>): AuditInput {
  const lead = c.whistle?.departments.find((d) => d.role === 'lead')?.departmentId ?? null;
  return {
    kind: 'case',
    action: s.action,
    entity: 'cases',
    entityId: c._id,
    label: c.description,
    summary: s.note ?? '',
    scope: { communityId: c.communityId, departmentId: h.department?.id ?? lead },
  };
}

const TURN = { grid: 0, community: 1, department: 2 } as const;

/** The level the caller acts at on this case: the grid worker of its grid, else its community's secretary. */
export function actingLevel(c: CaseDoc, h: Handler): 'grid' | 'community' {
  if (h.gridWorker && (c.level === 'grid' || !h.secretary)) return 'grid';
  if (h.secretary) return 'community';
  // 红色物业: the liaison acts beside the grid worker, at the grid only (the grid keeps the case).
  if (h.liaison) return 'grid';
  throw forbidden('该诉求不在您的办理范围内');
}

/** The role a handler's step at `level` is recorded with: the grid worker, the property liaison, the secretary. */
export function actingRole(h: Handler, level: 'grid' | 'community'): 'gridWorker' | 'propertyLiaison' | 'secretary' {
  if (level === 'community') return 'secretary';
  return h.gridWorker ? 'gridWorker' : 'propertyLiaison';
}

/**
 * Whose turn it is: the grid's, then the community's, then the departments'. A case already past
 * the caller's level was moved on meanwhile (escalated, whistled — by someone else or the
 * scheduler): CONFLICT, as for any state that changed under the caller; one not yet at their
 * level is not theirs: FORBIDDEN.
 */
export function atLevel(c: CaseDoc, level: 'grid' | 'community') {
  if (TURN[c.level] > TURN[level]) throw conflict('该诉求已转由上级办理');
  if (TURN[c.level] < TURN[level]) throw forbidden('该诉求不在您的办理范围内');
}

/** To the community: by the grid worker with a reason, or by the scheduler when a grid deadline passes. */
export function escalation(ctx: CallContext, c: CaseDoc, role: string, note: string): Move {
  return {
    to: 'escalated',
    changes: {
      level: 'community',
      queue: `community:${c.communityId}`,
      dueAt: null,
      dueKind: null,
      'counted.communityLevel': true,
    },
    step: step(ctx, role, 'escalate', c.status, 'escalated', note),
  };
}
