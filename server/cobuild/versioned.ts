import { audit, short, type AuditScope } from '../platform/audit';
import type { AppError } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { moveCobuildTally, type CobuildTallyField } from './tally';

/** A list item kept by version (a need, a resource): changed only by a conditional update on the version read. */
interface Versioned {
  _id: string;
  communityId: string;
  year: number;
  title: string;
  status: string;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** One change of an item read as `before`, at the `version` the caller read. */
interface Change<D extends Versioned> {
  collection: string;
  before: D;
  version: number;
  /** The CONFLICT of a change in between. */
  stale: () => AppError;
  /** The audit entry's action and scope. */
  action: string;
  scope: AuditScope;
}

/** Sets `data` with the next version where the item still has the version read and `status`; else `stale()`. */
async function update<D extends Versioned>(
  ctx: CallContext,
  c: Change<D>,
  status: unknown,
  data: Record<string, unknown>,
): Promise<void> {
  const { stats } = await ctx.db
    .collection(c.collection)
    .where({ _id: c.before._id, version: c.version, status })
    .update({ data: { ...data, version: c.version + 1, updatedAt: ctx.now, updatedBy: ctx.openid } });
  if (stats.updated !== 1) throw c.stale();
}

/**
 * 编辑 (the caller has checked the version and the input): `fields` over the item while its status
 * is one of `editable` (`whole`: object fields replaced, not merged), then the audit entry. The
 * item as saved.
 */
export async function editItem<D extends Versioned, F extends Partial<D>>(
  ctx: CallContext,
  c: Change<D> & { editable: Array<D['status']>; fields: F; whole: Array<keyof F & string> },
): Promise<D> {
  const _ = ctx.db.command;
  const data: Record<string, unknown> = { ...c.fields };
  for (const k of c.whole) data[k] = _.set(c.fields[k]);
  await update(ctx, c, _.in(c.editable), data);
  const after: D = { ...c.before, ...c.fields, version: c.version + 1, updatedAt: ctx.now, updatedBy: ctx.openid };
  await audit(ctx, {
    kind: 'cobuild',
    action: c.action,
    entity: c.collection,
    entityId: c.before._id,
    label: short(after.title),
    scope: c.scope,
  });
  return after;
}

/**
 * 关闭 / 撤回 with a reason (the caller has checked the item's state): stale unless the version
 * read; one conditional update from the status read to `status` (the reason in `reasonField`);
 * then the tally (`tally`: 'needs' or 'resources') moves the item's count and the audit entry,
 * side by side. The item as closed.
 */
export async function retireItem<D extends Versioned>(
  ctx: CallContext,
  c: Change<D> & { status: D['status']; reasonField: keyof D & string; reason: string; tally: 'needs' | 'resources' },
): Promise<D> {
  const { before } = c;
  if (before.version !== c.version) throw c.stale();
  await update(ctx, c, before.status, { status: c.status, [c.reasonField]: c.reason });
  // A crash here leaves the tally one off until reconcileCobuild.
  const moves = { [`${c.tally}.${before.status}`]: -1, [`${c.tally}.${c.status}`]: 1 };
  await Promise.all([
    moveCobuildTally(ctx, before.communityId, before.year, moves as Partial<Record<CobuildTallyField, number>>),
    audit(ctx, {
      kind: 'cobuild',
      action: c.action,
      entity: c.collection,
      entityId: before._id,
      label: short(before.title),
      summary: short(c.reason, 60),
      scope: c.scope,
    }),
  ]);
  return { ...before, status: c.status, [c.reasonField]: c.reason, version: c.version + 1, updatedAt: ctx.now };
}
