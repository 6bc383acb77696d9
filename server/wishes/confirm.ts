import type { WishView } from '../../contract/functions/wish';
import { notify } from '../notify';
import { audit } from '../platform/audit';
import { notOwn } from '../platform/authorize';
import { conflict, forbidden, notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { everyWordIn, narrowed } from '../platform/search';
import { localYear } from '../platform/time';
import { inTransaction, txGet } from '../platform/tx';
import { creditApprovedRecord } from '../sixOnes/credit';
import type { WishDoc } from './model';
import { CONFIRM_BY_STAFF_AFTER_MS, confirmSummary, isStaffFor, wishAudit } from './rules';
import { entry, staffScope, viewer, WISH_SEARCHED, wishPage } from './shared';
import { toWishView, toWishViews } from './views';

type Rating = NonNullable<WishDoc['rating']>;

/**
 * Completion: the wish, its rating and the claimer's 六个一 credit (an approved `wish` record
 * for the year of completion, with the counters) are written in one transaction; the record's
 * id is derived from the wish, so a wish can credit only once.
 */
async function complete(
  ctx: CallContext,
  wishId: string,
  check: (wish: WishDoc) => void,
  rating: Rating,
  role: string,
): Promise<WishDoc> {
  const result = await inTransaction(ctx, async (tx) => {
    const wish = await txGet<WishDoc>(tx, 'wishes', wishId);
    if (!wish) throw notFound('心愿不存在');
    check(wish);
    if (wish.status !== 'fulfilled' || !wish.claim) throw conflict('心愿尚未完成，不能确认');
    const step = entry(
      ctx,
      role,
      rating.byStaff ? 'confirmForResident' : 'confirm',
      'fulfilled',
      'completed',
      rating.verifiedHow ?? rating.comment,
    );
    const _ = ctx.db.command;
    await Promise.all([
      tx
        .collection('wishes')
        .doc(wish._id)
        .update({
          data: {
            status: 'completed',
            rating: _.set(rating),
            completedAt: ctx.now,
            updatedAt: ctx.now,
            timeline: _.push(step),
          },
        }),
      // Staff confirming for the resident: audited beside the wish's change, in the transaction.
      rating.byStaff ? audit(ctx, wishAudit(wish, 'confirmForResident', confirmSummary(rating)), tx) : null,
    ]);
    await creditApprovedRecord(tx, {
      _id: `wish-${wish._id}`,
      openid: wish.claim.openid,
      memberName: wish.claim.name,
      unitName: null,
      year: localYear(ctx.now),
      item: 'wish',
      kind: 'wish',
      status: 'approved',
      title: `认领微心愿：${[...wish.description].slice(0, 30).join('')}`,
      note: rating.comment,
      photos: wish.fulfilment?.photos ?? [],
      minutes: null,
      activity: null,
      wishId: wish._id,
      pairingId: null,
      household: null,
      communityId: wish.claim.communityId,
      unitId: wish.claim.unitId,
      rejectReason: null,
      reviewedBy: ctx.openid,
      reviewedAt: ctx.now,
      history: [
        {
          at: ctx.now,
          by: ctx.openid,
          byName: ctx.user?.name ?? '',
          action: rating.byStaff ? 'confirmForResident' : 'confirm',
          note: null,
        },
      ],
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.openid,
    });
    return {
      ...wish,
      status: 'completed',
      rating,
      completedAt: ctx.now,
      timeline: [...wish.timeline, step],
    } as WishDoc;
  });
  await notify(
    ctx,
    result.claim!.openid,
    'wishCompleted',
    {
      subject: result.description,
      status: '已完成',
      time: ctx.now,
      note: `评价：${rating.stars} 星`,
    },
    wishPage(result._id),
  );
  return result;
}

export async function confirm(
  input: { wishId: string; stars: number; comment?: string },
  ctx: CallContext,
): Promise<WishView> {
  const rating: Rating = {
    stars: input.stars,
    comment: input.comment || null,
    byStaff: false,
    verifiedHow: null,
    by: ctx.openid,
  };
  const wish = await complete(
    ctx,
    input.wishId,
    (w) => {
      if (w.submitterOpenid !== ctx.openid) throw forbidden('只有提交人可以确认');
    },
    rating,
    'resident',
  );
  return toWishView(wish, viewer(ctx));
}

/**
 * Staff confirm for a resident who has not, 7 days after fulfilment, saying how they verified it —
 * never for a wish they submitted or claimed.
 */
export async function confirmForResident(
  input: { wishId: string; verifiedHow: string; stars: number },
  ctx: CallContext,
): Promise<WishView> {
  const rating: Rating = {
    stars: input.stars,
    comment: null,
    byStaff: true,
    verifiedHow: input.verifiedHow,
    by: ctx.openid,
  };
  const wish = await complete(
    ctx,
    input.wishId,
    (w) => {
      if (!isStaffFor(ctx.user, w)) throw forbidden('只能代本网格或本社区的居民确认');
      // Not a wish the caller submitted (they confirm it themself) nor one they claimed (its credit is theirs).
      notOwn(ctx.openid, [w.submitterOpenid, w.claim?.openid], 'confirmWish');
      if (
        w.status === 'fulfilled' &&
        w.fulfilment &&
        ctx.now.getTime() - new Date(w.fulfilment.at).getTime() < CONFIRM_BY_STAFF_AFTER_MS
      ) {
        throw conflict('居民确认期（7 天）未满，暂不能代为确认');
      }
    },
    rating,
    'staff',
  );
  return toWishView(wish, viewer(ctx));
}

/**
 * Fulfilled wishes of the caller's grids or community that the resident has not confirmed for
 * 7 days or more — those staff may confirm on their behalf — longest waiting first, narrowed by
 * the words searched. Two database requests: the caller (router) and this one query (narrowed by
 * the `status` index).
 */
export async function awaitingConfirmation(input: { q?: string }, ctx: CallContext): Promise<WishView[]> {
  const _ = ctx.db.command;
  const due = new Date(ctx.now.getTime() - CONFIRM_BY_STAFF_AFTER_MS);
  // The words searched narrow the same query (the claimer's name too): no request more.
  const search = everyWordIn(ctx.db, [...WISH_SEARCHED, 'claim.name'], input.q);
  const { data } = await ctx.db
    .collection('wishes')
    .where(narrowed(ctx.db, [{ status: 'fulfilled', 'fulfilment.at': _.lte(due) }, staffScope(ctx)], search))
    .orderBy('fulfilment.at', 'asc')
    .limit(100)
    .get<WishDoc>();
  return toWishViews(data, viewer(ctx), { timeline: false });
}
