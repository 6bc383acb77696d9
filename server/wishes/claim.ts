import type { WishCategory, WishPage, WishView } from '../../contract/functions/wish';
import { notify } from '../notify';
import { conflict, notFound } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import type { UserDoc } from '../platform/identity';
import type { CallContext } from '../platform/router';
import { inTransaction, txGet } from '../platform/tx';
import type { WishDoc } from './model';
import { MAX_ACTIVE_CLAIMS, mayView } from './rules';
import { entry, loadWish, viewer } from './shared';
import { toWishView, toWishViews } from './views';

const PAGE = 20;

/** The member's verified grant: where they serve and for which unit. */
function memberGrant(ctx: CallContext) {
  const g = ctx.user?.roles.find((r) => r.role === 'member' && r.verified);
  return g && g.role === 'member' ? g : null;
}

/**
 * The wish hall in one aggregate: published wishes (never flagged ones), the member's own
 * community first, then the rest; newest or longest-waiting first; 20 a page.
 */
export async function hall(
  input: { category?: WishCategory; sort: 'newest' | 'oldest'; from: number },
  ctx: CallContext,
): Promise<WishPage> {
  const own = memberGrant(ctx)?.communityId ?? '';
  const match: Record<string, unknown> = { status: 'published', flagged: false };
  if (input.category) match.category = input.category;
  const { list } = await ctx.db
    .collection('wishes')
    .aggregate()
    .match(match)
    .addFields({ elsewhere: { $cond: [{ $eq: ['$communityId', own] }, 0, 1] } })
    .sort({ elsewhere: 1, publishedAt: input.sort === 'newest' ? -1 : 1 })
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
 * Claim: the wish and the member's count of active claims change together in one transaction,
 * so of many members claiming one wish exactly one wins, and no member passes 3 active claims,
 * whatever the concurrency.
 */
export async function claim(input: { wishId: string }, ctx: CallContext): Promise<WishView> {
  const grant = memberGrant(ctx)!;
  const result = await inTransaction(ctx, async (tx) => {
    const wish = await txGet<WishDoc>(tx, 'wishes', input.wishId);
    if (!wish || wish.flagged || !mayView(ctx.openid, ctx.user, wish)) throw notFound('心愿不存在');
    if (wish.submitterOpenid === ctx.openid) throw conflict('不能认领自己提交的心愿');
    if (wish.status !== 'published') throw conflict('该心愿已被认领或已结束');
    const me = (await txGet<UserDoc & { activeClaims?: number }>(tx, 'users', ctx.openid))!;
    const active = me.activeClaims ?? 0;
    if (active >= MAX_ACTIVE_CLAIMS)
      throw conflict(`每人最多同时认领 ${MAX_ACTIVE_CLAIMS} 个心愿，请先完成已认领的心愿`);
    const claimInfo = {
      openid: ctx.openid,
      name: me.name ?? me.nickname,
      unitId: grant.unitId ?? null,
      communityId: grant.communityId ?? null,
      claimedAt: ctx.now,
      deadline: new Date(ctx.now.getTime() + wish.claimDays * 86_400_000),
    };
    const step = entry(ctx, 'member', 'claim', 'published', 'claimed', null);
    const _ = ctx.db.command;
    await tx
      .collection('wishes')
      .doc(wish._id)
      .update({ data: { status: 'claimed', claim: _.set(claimInfo), updatedAt: ctx.now, timeline: _.push(step) } });
    await tx
      .collection('users')
      .doc(ctx.openid)
      .update({ data: { activeClaims: active + 1, updatedAt: ctx.now } });
    return { ...wish, status: 'claimed', claim: claimInfo, timeline: [...wish.timeline, step] } as WishDoc;
  });
  await notify(ctx.requestId, result.submitterOpenid, 'wishClaimed', {
    thing1: result.description,
    phrase2: '已认领',
    time3: ctx.now,
    thing4: `认领人：${result.claim!.name}`,
  });
  return toWishView(result, viewer(ctx));
}

/** Moves a claimed wish back to `published` and releases the claimer's slot (cancel or expiry). */
export async function releaseClaim(
  ctx: CallContext,
  wishId: string,
  expect: { claimer?: string; expiredBy?: Date },
  step: (wish: WishDoc) => ReturnType<typeof entry>,
): Promise<WishDoc> {
  return inTransaction(ctx, async (tx) => {
    const wish = await txGet<WishDoc>(tx, 'wishes', wishId);
    if (!wish) throw notFound('心愿不存在');
    if (wish.status !== 'claimed' || !wish.claim) throw conflict('该心愿不在认领中');
    if (expect.claimer && wish.claim.openid !== expect.claimer) throw notFound('这不是您认领的心愿');
    if (expect.expiredBy && new Date(wish.claim.deadline).getTime() > expect.expiredBy.getTime())
      throw conflict('认领尚未到期');
    const claimer = await txGet<UserDoc & { activeClaims?: number }>(tx, 'users', wish.claim.openid);
    const s = step(wish);
    const _ = ctx.db.command;
    await tx
      .collection('wishes')
      .doc(wish._id)
      .update({ data: { status: 'published', claim: _.set(null), updatedAt: ctx.now, timeline: _.push(s) } });
    if (claimer) {
      await tx
        .collection('users')
        .doc(claimer._id)
        .update({ data: { activeClaims: Math.max(0, (claimer.activeClaims ?? 1) - 1), updatedAt: ctx.now } });
    }
    return { ...wish, status: 'published', claim: null, timeline: [...wish.timeline, s] } as WishDoc;
  });
}

export async function cancelClaim(input: { wishId: string; reason: string }, ctx: CallContext): Promise<WishView> {
  const wish = await releaseClaim(ctx, input.wishId, { claimer: ctx.openid }, () =>
    entry(ctx, 'member', 'cancelClaim', 'claimed', 'published', input.reason),
  );
  await notify(ctx.requestId, wish.submitterOpenid, 'wishClaimReleased', {
    thing1: wish.description,
    phrase2: '认领取消',
    time3: ctx.now,
    thing4: input.reason,
  });
  return toWishView(wish, viewer(ctx));
}

/** The claimer's evidence; the slot is released (the member has done their part). */
export async function fulfil(
  input: { wishId: string; photos: string[]; note: string },
  ctx: CallContext,
): Promise<WishView> {
  await assertUploaded(ctx.openid, input.photos);
  const result = await inTransaction(ctx, async (tx) => {
    const wish = await txGet<WishDoc>(tx, 'wishes', input.wishId);
    if (!wish) throw notFound('心愿不存在');
    if (wish.status !== 'claimed' || wish.claim?.openid !== ctx.openid)
      throw conflict('只有认领人可以在认领期间提交完成凭证');
    const me = await txGet<UserDoc & { activeClaims?: number }>(tx, 'users', ctx.openid);
    const fulfilment = { photos: input.photos, note: input.note, at: ctx.now };
    const step = entry(ctx, 'member', 'fulfil', 'claimed', 'fulfilled', input.note);
    const _ = ctx.db.command;
    await tx
      .collection('wishes')
      .doc(wish._id)
      .update({
        data: { status: 'fulfilled', fulfilment: _.set(fulfilment), updatedAt: ctx.now, timeline: _.push(step) },
      });
    await tx
      .collection('users')
      .doc(ctx.openid)
      .update({ data: { activeClaims: Math.max(0, (me?.activeClaims ?? 1) - 1), updatedAt: ctx.now } });
    return { ...wish, status: 'fulfilled', fulfilment, timeline: [...wish.timeline, step] } as WishDoc;
  });
  await notify(ctx.requestId, result.submitterOpenid, 'wishFulfilled', {
    thing1: result.description,
    phrase2: '待确认',
    time3: ctx.now,
    thing4: '请确认并评价',
  });
  return toWishView(result, viewer(ctx));
}
