import { PRIVACY_VERSION } from '../../contract/privacy';
import type { Me } from '../../contract/functions/account';
import type { CallContext } from '../platform/router';
import { conflict, forbidden, invalidInput, isDuplicate } from '../platform/errors';
import { loadUser, type UserDoc } from '../platform/identity';
import { exchangePhoneCode } from '../platform/wechat';
import { toMe } from './views';

/** A first-time caller becomes a resident. `_id` = openid, so of two concurrent first calls one inserts and the other reads. */
async function register(ctx: CallContext): Promise<{ user: UserDoc; isNew: boolean }> {
  const user: UserDoc = {
    _id: ctx.openid,
    openid: ctx.openid,
    name: null,
    nickname: `居民${ctx.openid.slice(-4)}`,
    phone: null,
    roles: [{ role: 'resident' }],
    privacyAcceptedVersion: null,
    address: null,
    member: null,
    pendingReport: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  try {
    await ctx.db.collection('users').add({ data: user });
    return { user, isNew: true };
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const existing = await loadUser(ctx.db, ctx.openid);
    if (!existing) throw conflict('注册冲突，请重试');
    return { user: existing, isNew: false };
  }
}

export async function me(_input: Record<string, never>, ctx: CallContext): Promise<Me> {
  if (ctx.user) return toMe(ctx.user, false, ctx.requestId);
  const { user, isNew } = await register(ctx);
  return toMe(user, isNew, ctx.requestId);
}

export async function acceptPrivacy(input: { version: string }, ctx: CallContext): Promise<Me> {
  if (input.version !== PRIVACY_VERSION) {
    throw invalidInput(`隐私保护指引已更新，请阅读最新版本（${PRIVACY_VERSION}）后再同意`);
  }
  const { user } = ctx.user ? { user: ctx.user } : await register(ctx);
  if (user.privacyAcceptedVersion === input.version) return toMe(user, false, ctx.requestId);
  await ctx.db
    .collection('users')
    .doc(ctx.openid)
    .update({ data: { privacyAcceptedVersion: input.version, privacyAcceptedAt: ctx.now, updatedAt: ctx.now } });
  return toMe({ ...user, privacyAcceptedVersion: input.version }, false, ctx.requestId);
}

interface ProfileInput {
  name: string;
  phone?: string;
  phoneCode?: string;
  address: { communityId: string; residentGroupId: string; microGridId: string; building: string };
}

/**
 * The resident's profile. The address is checked against the directory in one read: the
 * micro-grid and the resident group must both belong to the named community.
 */
export async function updateProfile(input: ProfileInput, ctx: CallContext): Promise<Me> {
  const user = ctx.user;
  if (!user || user.privacyAcceptedVersion !== PRIVACY_VERSION) {
    throw forbidden('请先阅读并同意隐私保护指引');
  }
  const { address } = input;
  const _ = ctx.db.command;
  const { list } = await ctx.db
    .collection('grids')
    .aggregate()
    .match({ _id: address.microGridId, level: 'microGrid', communityId: address.communityId })
    .lookup({ from: 'residentGroups', localField: 'communityId', foreignField: 'communityId', as: 'groups' })
    .end<{ parentId: string; groups: Array<{ _id: string }> }>();
  const microGrid = list[0];
  if (!microGrid) {
    throw invalidInput('所选楼栋不属于该社区', [{ path: 'address.microGridId', message: '楼栋不存在' }]);
  }
  if (!microGrid.groups.some((g) => g._id === address.residentGroupId)) {
    throw invalidInput('所选居民小组不属于该社区', [{ path: 'address.residentGroupId', message: '居民小组不存在' }]);
  }
  const phone = input.phone ?? (await exchangePhoneCode(input.phoneCode!, ctx.requestId));
  const next = {
    name: input.name,
    phone,
    address: { ...address, gridId: microGrid.parentId },
    updatedAt: ctx.now,
  };
  await ctx.db
    .collection('users')
    .doc(ctx.openid)
    .update({ data: { ...next, address: _.set(next.address) } });
  return toMe({ ...user, ...next }, false, ctx.requestId);
}
