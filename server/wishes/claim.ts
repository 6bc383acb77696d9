import type { WishCategory, WishPage, WishView } from '../../contract/functions/wish';
import type { HallSort } from '../../contract/wishLabels';
import { notify } from '../notify';
import { conflict, notFound } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import type { CallContext } from '../platform/router';
import type { StoredTimelineEntry, WishDoc } from './model';
import { MAX_ACTIVE_CLAIMS, mayView } from './rules';
import { entry, loadWish, viewer, wishPage } from './shared';
import { toWishView, toWishViews } from './views';
import { verifiedMember } from '../platform/identity';

const PAGE = 20;

/**
 * The wish hall in one aggregate: published wishes (never flagged ones), newest first,
 * longest-waiting first, or the member's own community first (then newest); 20 a page.
 */
export async function hall(
  input: { category?: WishCategory; sort: HallSort; from: number },
  ctx: CallContext,
): Promise<WishPage> {
  const own = verifiedMember(ctx.user)?.communityId ?? '';
  const match: Record<string, unknown> = { status: 'published', flagged: false };
  if (input.category) match.category = input.category;
  const published = ctx.db.collection('wishes').aggregate().match(match);
  // 本社区优先 (ownFirst): the member's community first, each part newest first.
  const { list } = await (
    input.sort === 'ownFirst'
      ? published
          .addFields({ elsewhere: { $cond: [{ $eq: ['$communityId', own] }, 0, 1] } })
          .sort({ elsewhere: 1, publishedAt: -1 })
      : published.sort({ publishedAt: input.sort === 'oldest' ? 1 : -1 })
  )
    .skip(input.from)
    .limit(PAGE + 1)
    .project({ timeline: 0 })
    .end<WishDoc>();
  const items = await toWishViews(
    list.slice(0, PAGE).map((w) => ({ ...w, timeline: [] })),
    viewer(ctx),
    { timeline: false },
  );
  return { items, next: list.length > PAGE ? input.from + PAGE : null };
}

export async function detail(input: { wishId: string }, ctx: CallContext): Promise<WishView> {
  const wish = await loadWish(ctx, input.wishId);
  // A wish the caller may not see does not exist for them.
  if (!mayView(ctx.openid, ctx.user, wish)) throw notFound('心愿不存在');
  return toWishView(wish, viewer(ctx));
}

export async function myClaims(_input: Record<string, never>, ctx: CallContext): Promise<WishView[]> {
  const { data } = await ctx.db
    .collection('wishes')
    .where({ 'claim.openid': ctx.openid })
    .orderBy('updatedAt', 'desc')
    .limit(100)
    .get<WishDoc>();
  const active = (w: WishDoc) => (w.status === 'claimed' ? 0 : 1);
  return toWishViews(
    [...data].sort((a, b) => active(a) - active(b)),
    viewer(ctx),
    { timeline: false },
  );
}

/**
 * A member's claim slots (at most 3 active claims), moved by conditional increments on the user
 * document — never read-then-write — so the cap holds whatever the concurrency.
 */
async function takeSlot(ctx: CallContext): Promise<boolean> {
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('users')
    .where(
      _.and([
        { _id: ctx.openid },
        _.or([{ activeClaims: _.lt(MAX_ACTIVE_CLAIMS) }, { activeClaims: _.exists(false) }]),
      ]) as never,
    )
    .update({ data: { activeClaims: _.inc(1), claimsMovedAt: ctx.now } });
  return stats.updated === 1;
}

async function releaseSlot(ctx: CallContext, openid: string): Promise<void> {
  const _ = ctx.db.command;
  await ctx.db
    .collection('users')
    .where({ _id: openid, activeClaims: _.gt(0) })
    .update({ data: { activeClaims: _.inc(-1), claimsMovedAt: ctx.now } });
}

/**
 * Claim, in four database round trips: the caller (router), the wish beside the member's slot
 * (a conditional increment), the wish (a conditional update on `published`), the submitter told. Of many members
 * claiming one wish exactly one update matches; a loser gives its slot back.
 */
export async function claim(input: { wishId: string }, ctx: CallContext): Promise<WishView> {
  const grant = verifiedMember(ctx.user)!;
  // The wish and a slot side by side (one round trip); a slot taken for a wish that cannot be
  // claimed goes back before the refusal.
  const [found, slot] = await Promise.all([loadWish(ctx, input.wishId).catch((err: unknown) => err), takeSlot(ctx)]);
  const refusal = (() => {
    if (!(found && typeof found === 'object' && '_id' in found)) return found;
    const w = found as WishDoc;
    if (w.flagged || !mayView(ctx.openid, ctx.user, w)) return notFound('心愿不存在');
    if (w.submitterOpenid === ctx.openid) return conflict('不能认领自己提交的心愿');
    if (w.status !== 'published') return conflict('该心愿已被认领或已结束');
    if (!slot) return conflict(`每人最多同时认领 ${MAX_ACTIVE_CLAIMS} 个心愿，请先完成已认领的心愿`);
    return null;
  })();
  if (refusal) {
    if (slot) await releaseSlot(ctx, ctx.openid);
    throw refusal;
  }
  const wish = found as WishDoc;

  const claimInfo = {
    openid: ctx.openid,
    name: ctx.user?.name ?? ctx.user?.nickname ?? '',
    unitId: grant.unitId ?? null,
    communityId: grant.communityId ?? null,
    claimedAt: ctx.now,
    deadline: new Date(ctx.now.getTime() + wish.claimDays * 86_400_000),
  };
  const step = entry(ctx, 'member', 'claim', 'published', 'claimed', null);
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('wishes')
    .where({ _id: wish._id, status: 'published' })
    .update({ data: { status: 'claimed', claim: _.set(claimInfo), updatedAt: ctx.now, timeline: _.push(step) } });
  if (stats.updated !== 1) {
    await releaseSlot(ctx, ctx.openid);
    throw conflict('该心愿刚刚被其他党员认领');
  }
  const claimed = { ...wish, status: 'claimed', claim: claimInfo, timeline: [...wish.timeline, step] } as WishDoc;
  await notify(
    ctx,
    wish.submitterOpenid,
    'wishClaimed',
    {
      subject: wish.description,
      status: '已认领',
      time: ctx.now,
      person: claimInfo.name,
    },
    wishPage(wish._id),
  );
  return toWishView(claimed, viewer(ctx));
}

/**
 * Moves a claimed wish back to `published` (the claimer cancels, or the claim expired) with a
 * conditional update on the expected claim, then frees the claimer's slot.
 */
export async function releaseClaim(
  ctx: CallContext,
  wish: WishDoc,
  expect: { claimer: string; expiredBy?: Date },
  step: StoredTimelineEntry,
): Promise<WishDoc> {
  if (wish.status !== 'claimed' || !wish.claim) throw conflict('该心愿不在认领中');
  if (wish.claim.openid !== expect.claimer) throw notFound('这不是您认领的心愿');
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { _id: wish._id, status: 'claimed', 'claim.openid': expect.claimer };
  if (expect.expiredBy) where['claim.deadline'] = _.lte(expect.expiredBy);
  const { stats } = await ctx.db
    .collection('wishes')
    .where(where)
    .update({ data: { status: 'published', claim: _.set(null), updatedAt: ctx.now, timeline: _.push(step) } });
  if (stats.updated !== 1) throw conflict('心愿状态已变化，请刷新');
  await releaseSlot(ctx, expect.claimer);
  return { ...wish, status: 'published', claim: null, timeline: [...wish.timeline, step] };
}

export async function cancelClaim(input: { wishId: string; reason: string }, ctx: CallContext): Promise<WishView> {
  const current = await loadWish(ctx, input.wishId);
  const wish = await releaseClaim(
    ctx,
    current,
    { claimer: ctx.openid },
    entry(ctx, 'member', 'cancelClaim', 'claimed', 'published', input.reason),
  );
  await notify(
    ctx,
    wish.submitterOpenid,
    'wishClaimReleased',
    {
      subject: wish.description,
      status: '认领取消',
      time: ctx.now,
      note: input.reason,
    },
    wishPage(wish._id),
  );
  return toWishView(wish, viewer(ctx));
}

/** The claimer's evidence; the slot is released (the member has done their part). */
export async function fulfil(
  input: { wishId: string; photos: string[]; note: string },
  ctx: CallContext,
): Promise<WishView> {
  await assertUploaded(ctx.openid, input.photos);
  const wish = await loadWish(ctx, input.wishId);
  if (wish.status !== 'claimed' || wish.claim?.openid !== ctx.openid)
    throw conflict('只有认领人可以在认领期间提交完成凭证');
  const fulfilment = { photos: input.photos, note: input.note, at: ctx.now };
  const step = entry(ctx, 'member', 'fulfil', 'claimed', 'fulfilled', input.note);
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('wishes')
    .where({ _id: wish._id, status: 'claimed', 'claim.openid': ctx.openid })
    .update({
      data: { status: 'fulfilled', fulfilment: _.set(fulfilment), updatedAt: ctx.now, timeline: _.push(step) },
    });
  if (stats.updated !== 1) throw conflict('心愿状态已变化，请刷新');
  await releaseSlot(ctx, ctx.openid);
  await notify(
    ctx,
    wish.submitterOpenid,
    'wishFulfilled',
    {
      subject: wish.description,
      status: '待确认',
      time: ctx.now,
      note: '请确认并评价',
    },
    wishPage(wish._id),
  );
  return toWishView({ ...wish, status: 'fulfilled', fulfilment, timeline: [...wish.timeline, step] }, viewer(ctx));
}
