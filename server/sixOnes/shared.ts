import type { ActivityView } from '../../contract/functions/sixOnes';
import { notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';
import type { ActivityDoc, SignupDoc } from './model';
import { allowedActions, attendanceOf, phaseOf } from './rules';
import { getById } from '../platform/read';
import { toIso } from '../platform/time';

/** Where notifications about an activity and about one's 六个一 take the reader. */
export const activityPage = (activityId: string) => `packages/member/pages/activity/index?id=${activityId}`;
export const sixOnesPage = () => 'packages/member/pages/six-ones/index';

export const callerName = (ctx: CallContext) => ctx.user?.name ?? ctx.user?.nickname ?? '';

export function step(ctx: CallContext, action: string, note: string | null) {
  return { at: ctx.now, by: ctx.openid, byName: callerName(ctx), action, note };
}

export async function loadActivity(ctx: CallContext, activityId: string): Promise<ActivityDoc> {
  const a = await getById<ActivityDoc>(ctx.db, 'activities', activityId);
  if (!a) throw notFound('活动不存在');
  return a;
}

export async function loadSignup(ctx: CallContext, id: string): Promise<SignupDoc | null> {
  return getById<SignupDoc>(ctx.db, 'signups', id);
}

const iso = (d: Date) => toIso(d)!;

export function toActivityView(a: ActivityDoc, ctx: CallContext, s: SignupDoc | null): ActivityView {
  return {
    id: a._id,
    communityId: a.communityId,
    type: a.type,
    title: a.title,
    description: a.description,
    startAt: iso(a.startAt),
    endAt: iso(a.endAt),
    signUpBy: iso(a.signUpBy),
    place: {
      name: a.place.name,
      address: a.place.address ?? '',
      phone: a.place.phone ?? null,
      lat: a.place.lat,
      lng: a.place.lng,
      radius: a.place.radius,
    },
    capacity: a.capacity,
    signedUp: a.signedUp,
    status: a.status,
    cancelReason: a.cancelReason,
    phase: phaseOf(a, ctx.now),
    mine: s && s.openid === ctx.openid ? attendanceOf(s) : null,
    host: a.host ? { unitId: a.host.unitId, unitName: a.host.unitName } : null,
    can: allowedActions(a, ctx.user, s && s.openid === ctx.openid ? s : null, ctx.now),
  };
}
