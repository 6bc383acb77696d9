import type { QueueTab } from '../../contract/fields';
import type { WishView } from '../../contract/functions/wish';
import { notify } from '../notify';
import { audit } from '../platform/audit';
import { grantsFor, notOwn } from '../platform/authorize';
import { conflict, forbidden, AppError } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { everyWordIn, narrowed } from '../platform/search';
import type { WishDoc } from './model';
import { isStaffFor, wishAudit } from './rules';
import { entry, loadWish, staffScope, viewer, WISH_SEARCHED, wishPage } from './shared';
import { toWishView, toWishViews } from './views';

/** At most this many wishes in either tab of 心愿审核. */
const REVIEW_LIST = 100;

/**
 * 心愿审核 of the caller's grids (grid worker) and community (secretary): 待审核, the submitted
 * wishes, oldest first; 已审核, those staff published or rejected (`reviewedBy` set, whatever
 * happened to them since), latest moved first — both narrowed by the words searched, in the one
 * query either tab makes.
 */
export async function reviewQueue(input: { tab: QueueTab; q?: string }, ctx: CallContext): Promise<WishView[]> {
  const _ = ctx.db.command;
  const search = everyWordIn(ctx.db, WISH_SEARCHED, input.q);
  const todo = input.tab === 'todo';
  const { data } = await ctx.db
    .collection('wishes')
    .where(narrowed(ctx.db, [todo ? { status: 'submitted' } : { reviewedBy: _.neq(null) }, staffScope(ctx)], search))
    .orderBy(todo ? 'createdAt' : 'updatedAt', todo ? 'asc' : 'desc')
    .limit(REVIEW_LIST)
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
