import type { WishCategory, WishView } from '../../contract/functions/wish';
import type { MicroGridDoc } from '../directory/model';
import { directory } from '../directory/cache';
import { getById } from '../platform/read';
import { notify } from '../notify';
import { gridStaff } from '../notify/recipients';
import { requireScope } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { conflict, forbidden, invalidInput } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import type { WishDoc } from './model';
import { DEFAULT_CLAIM_DAYS } from './rules';
import { entry, loadWish, viewer, wishPage } from './shared';
import { toWishView, toWishViews } from './views';

interface SubmitInput {
  category: WishCategory;
  description: string;
  photos: string[];
  beneficiary?: { name: string; phone?: string; address?: string };
  onBehalf?: { microGridId: string };
}

/**
 * A resident's wish for themself (or a family member), or a grid worker's for a resident
 * without a phone. The text is checked first; what fails is kept, flagged, for staff only.
 */
export async function submit(input: SubmitInput, ctx: CallContext): Promise<WishView> {
  const user = ctx.user!;
  const microGridId = input.onBehalf?.microGridId ?? user.address?.microGridId;
  if (!microGridId) throw invalidInput('请先在“我的”中填写住址', [{ path: 'address', message: '缺少住址' }]);
  if (input.onBehalf && !input.beneficiary?.address) {
    throw invalidInput('代居民提交时请填写受助人的单元、门牌号', [{ path: 'beneficiary.address', message: '必填' }]);
  }
  // The building, and from the instance's directory its community and (for the reviewers
  // told below) the grids: one round trip.
  const [micro, communities] = await Promise.all([
    getById<MicroGridDoc>(ctx.db, 'grids', microGridId),
    directory(ctx, 'communities'),
    directory(ctx, 'grids'),
  ]);
  const community = communities.find((c) => c._id === micro?.communityId);
  const place = micro?.level === 'microGrid' && community ? micro : null;
  if (!place || !community) throw invalidInput('楼栋不存在', [{ path: 'onBehalf.microGridId', message: '不存在' }]);
  if (input.onBehalf) requireScope(ctx.user, ['gridWorker'], { gridId: place.parentId }, '只能为本网格的居民代提交');

  await assertUploaded(ctx.openid, input.photos);
  const verdict = await checkText(
    ctx.openid,
    [input.description, input.beneficiary?.address ?? ''].join('\n'),
    SCENE.post,
    ctx.requestId,
  );
  const beneficiary = input.beneficiary ?? { name: user.name ?? user.nickname, phone: user.phone ?? undefined };
  const building = `${community.name} ${place.name}`;
  // The door within the building, after the community and the building — once: a door that
  // already starts with the building's name (凤凰名苑1栋2单元301室) does not get it twice.
  const within = (door: string) =>
    door.trim().startsWith(place.name) ? `${community.name} ${door.trim()}` : `${building} ${door.trim()}`.trim();
  // On behalf of a resident the address given is the door within the chosen building.
  const address = input.onBehalf
    ? within(input.beneficiary!.address!)
    : (beneficiary.address ?? within(user.address?.building ?? ''));
  const wish: WishDoc = {
    _id: newId(),
    category: input.category,
    description: input.description,
    photos: input.photos,
    beneficiary: {
      name: beneficiary.name,
      phone: beneficiary.phone ?? '',
      address,
    },
    submitterOpenid: ctx.openid,
    submitterName: user.name ?? user.nickname,
    ...(input.onBehalf ? { submitterPhone: user.phone ?? '' } : {}),
    onBehalf: Boolean(input.onBehalf),
    communityId: place.communityId,
    communityName: community.name,
    gridId: place.parentId,
    microGridId: place._id,
    claimDays: community.settings?.claimExpiryDays ?? DEFAULT_CLAIM_DAYS,
    status: 'submitted',
    flagged: verdict !== 'pass',
    publishedAt: null,
    reviewedBy: null,
    rejectedReason: null,
    claim: null,
    fulfilment: null,
    rating: null,
    completedAt: null,
    timeline: [entry(ctx, input.onBehalf ? 'gridWorker' : 'resident', 'submit', null, 'submitted', null)],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  await ctx.db.collection('wishes').add({ data: wish });
  const reviewers = (await gridStaff(ctx, wish.gridId)).filter((o) => o !== ctx.openid);
  await notify(
    ctx,
    reviewers,
    'wishToReview',
    { subject: wish.description, status: '待审核', time: ctx.now, place: building },
    wishPage(wish._id),
  );
  return toWishView(wish, viewer(ctx));
}

export async function mine(_input: Record<string, never>, ctx: CallContext): Promise<WishView[]> {
  const { data } = await ctx.db
    .collection('wishes')
    .where({ submitterOpenid: ctx.openid })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get<WishDoc>();
  return toWishViews(data, viewer(ctx), { timeline: true });
}

/** The submitter takes back a wish nobody has claimed. */
export async function withdraw(input: { wishId: string; reason?: string }, ctx: CallContext): Promise<WishView> {
  const wish = await loadWish(ctx, input.wishId);
  if (wish.submitterOpenid !== ctx.openid) throw forbidden('只有提交人可以撤回心愿');
  if (wish.status !== 'submitted' && wish.status !== 'published') throw conflict('心愿已被认领或已结束，不能撤回');
  const step = entry(
    ctx,
    wish.onBehalf ? 'gridWorker' : 'resident',
    'withdraw',
    wish.status,
    'withdrawn',
    input.reason ?? null,
  );
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('wishes')
    .where({ _id: wish._id, status: wish.status })
    .update({ data: { status: 'withdrawn', updatedAt: ctx.now, timeline: _.push(step) } });
  if (stats.updated !== 1) throw conflict('心愿状态已变化，请刷新');
  return toWishView({ ...wish, status: 'withdrawn', timeline: [...wish.timeline, step] }, viewer(ctx));
}
