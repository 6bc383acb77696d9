import type { WishView } from '../../contract/functions/wish';
import { notify } from '../notify';
import { audit } from '../platform/audit';
import { grantsFor, notOwn } from '../platform/authorize';
import { conflict, forbidden, AppError } from '../platform/errors';
import type { CallContext } from '../platform/router';
import type { WishDoc } from './model';
import { isStaffFor, wishAudit } from './rules';
import { entry, loadWish, staffScope, viewer, wishPage } from './shared';
import { toWishView, toWishViews } from './views';

/** Submitted wishes of the caller's grids (grid worker) and community (secretary), oldest first. */
export async function reviewQueue(_input: Record<string, never>, ctx: CallContext): Promise<WishView[]> {
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('wishes')
    .where(_.and([{ status: 'submitted' }, staffScope(ctx)]) as unknown as Record<string, unknown>)
    .orderBy('createdAt', 'asc')
    .limit(100)
    .get<WishDoc>();
  return toWishViews(data, viewer(ctx), { timeline: false });
}

/** Publish or reject (with a reason) a submitted wish of the caller's grid or community, not one of their own. */
export async function review(
  input: { wishId: string; decision: 'publish' | 'reject'; reason?: string },
  ctx: CallContext,
): Promise<WishView> {
  const wish = await loadWish(ctx, input.wishId);
  if (!isStaffFor(ctx.user, wish)) throw forbidden('只能审核本网格或本社区的心愿');
  // A staff member's own wish (as a resident, or on a resident's behalf) waits for a colleague.
  notOwn(ctx.openid, [wish.submitterOpenid], 'reviewWish');
  if (wish.status !== 'submitted') throw conflict('该心愿已审核');
  const publish = input.decision === 'publish';
  if (publish && wish.flagged) throw new AppError('CONTENT_REJECTED', '内容未通过安全检测，不能发布，请驳回并说明理由');
  const role =
    grantsFor(ctx.user, ['secretary'], { communityId: wish.communityId }).length > 0 ? 'secretary' : 'gridWorker';
  const to = publish ? 'published' : 'rejected';
  const step = entry(ctx, role, input.decision, 'submitted', to, input.reason ?? null);
  const changes = publish
    ? { status: to, publishedAt: ctx.now, reviewedBy: ctx.openid }
    : { status: to, rejectedReason: input.reason, reviewedBy: ctx.openid };
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('wishes')
    .where({ _id: wish._id, status: 'submitted' })
    .update({ data: { ...changes, updatedAt: ctx.now, timeline: _.push(step) } });
  if (stats.updated !== 1) throw conflict('该心愿已被他人审核');
  // The review decided: its audit entry beside the submitter's notification (no extra round trip).
  await Promise.all([
    audit(ctx, wishAudit(wish, input.decision, input.reason ?? '')),
    notify(
      ctx,
      wish.submitterOpenid,
      'wishReviewed',
      {
        subject: wish.description,
        status: publish ? '已发布' : '未通过',
        time: ctx.now,
        note: publish ? '等待党员认领' : (input.reason ?? ''),
      },
      wishPage(wish._id),
    ),
  ]);
  return toWishView(
    { ...wish, ...changes, rejectedReason: input.reason ?? null, timeline: [...wish.timeline, step] } as WishDoc,
    viewer(ctx),
  );
}
