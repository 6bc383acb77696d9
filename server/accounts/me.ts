import { PRIVACY_VERSION } from '../../contract';
import type { Me } from '../../contract';
import type { CallContext } from '../platform/router';
import { conflict, invalidInput } from '../platform/errors';
import { loadUser, type UserDoc } from '../platform/identity';

const isDuplicate = (err: unknown) =>
  /duplicate|E11000/i.test(
    String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? ''),
  );

export function toMe(user: UserDoc, isNew: boolean): Me {
  return {
    openid: user.openid,
    name: user.name,
    displayName: user.name ?? user.nickname,
    roles: user.roles,
    privacyAcceptedVersion: user.privacyAcceptedVersion,
    isNew,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

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
  if (ctx.user) return toMe(ctx.user, false);
  const { user, isNew } = await register(ctx);
  return toMe(user, isNew);
}

export async function acceptPrivacy(input: { version: string }, ctx: CallContext): Promise<Me> {
  if (input.version !== PRIVACY_VERSION) {
    throw invalidInput(`隐私保护指引已更新，请阅读最新版本（${PRIVACY_VERSION}）后再同意`);
  }
  const { user } = ctx.user ? { user: ctx.user } : await register(ctx);
  if (user.privacyAcceptedVersion === input.version) return toMe(user, false);
  const _ = ctx.db.command;
  await ctx.db
    .collection('users')
    .doc(ctx.openid)
    .update({
      data: {
        privacyAcceptedVersion: input.version,
        privacyAcceptedAt: ctx.now,
        updatedAt: ctx.now,
        updatedBy: _.set(ctx.openid),
      },
    });
  return toMe({ ...user, privacyAcceptedVersion: input.version }, false);
}
