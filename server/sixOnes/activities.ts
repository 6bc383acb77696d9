import type { ActivityPage, ActivityView, AttendeeView } from '../../contract/functions/sixOnes';
import type { ActivityType } from '../../contract/sixOnes';
import { notify } from '../notify';
import { audit } from '../platform/audit';
import { ownScope, requireScope } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, isDuplicate, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import { directory } from '../directory/cache';
import type { ActivityDoc, SignupDoc } from './model';
import { chairActivityId, signupId } from './model';
import { activityAudit, attendanceOf, isOrganiser, memberCommunity, signUpOpen } from './rules';
import { activityPage, callerName, loadActivity, loadSignup, step, toActivityView } from './shared';

const PAGE = 20;

interface ActivityInput {
  type: ActivityType;
  title: string;
  description: string;
  startAt: string;
  endAt: string;
  signUpBy: string;
  place: ActivityDoc['place'];
  capacity: number;
}

/** The fields of an activity in words (the audit entry of an edit says which changed). */
const ACTIVITY_FIELDS: Record<keyof ActivityInput, string> = {
  type: '类型',
  title: '标题',
  description: '内容',
  startAt: '开始时间',
  endAt: '结束时间',
  signUpBy: '报名截止',
  place: '地点',
  capacity: '名额',
};

const secretaryCommunity = (ctx: CallContext) => ownScope(ctx.user, 'secretary', '只有社区书记可以发布活动');

/** Times that parse but make no sense are refused before anything is written. */
/** An activity lasts at most a day (a longer one would credit a member days of service). */
const MAX_ACTIVITY_MS = 24 * 3_600_000;
/** A new start may lie this little in the past (the clock of the secretary's phone, a slow tap). */
const START_GRACE_MS = 5 * 60_000;

function checkTimes(
  a: { startAt: Date; endAt: Date; signUpBy: Date },
  now: Date,
  changed: { startAt: boolean; signUpBy: boolean },
): void {
  if (changed.startAt && a.startAt.getTime() < now.getTime() - START_GRACE_MS)
    throw invalidInput('开始时间已过', [{ path: 'startAt', message: '开始时间须在将来' }]);
  if (a.endAt.getTime() <= a.startAt.getTime())
    throw invalidInput('结束时间须晚于开始时间', [{ path: 'endAt', message: '结束时间须晚于开始时间' }]);
  if (a.endAt.getTime() - a.startAt.getTime() > MAX_ACTIVITY_MS)
    throw invalidInput('一次活动最长 24 小时', [{ path: 'endAt', message: '活动最长 24 小时' }]);
  if (a.endAt.getTime() <= now.getTime())
    throw invalidInput('活动结束时间已过', [{ path: 'endAt', message: '结束时间须在将来' }]);
  if (changed.signUpBy && a.signUpBy.getTime() <= now.getTime())
    throw invalidInput('报名截止时间已过', [{ path: 'signUpBy', message: '报名截止须在将来' }]);
  if (a.signUpBy.getTime() > a.endAt.getTime())
    throw invalidInput('报名截止须早于活动结束', [{ path: 'signUpBy', message: '报名截止须早于活动结束' }]);
}

async function checkContent(ctx: CallContext, title: string, description: string): Promise<void> {
  const verdict = await checkText(ctx.openid, `${title}\n${description}`, SCENE.post, ctx.requestId);
  if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', '活动内容未通过安全检测，请修改后再发布');
}

export async function publishActivity(input: ActivityInput, ctx: CallContext): Promise<ActivityView> {
  const communityId = secretaryCommunity(ctx);
  return createActivity(ctx, communityId, input, null);
}

/** Who an activity is published by when a paired unit hosts it (cobuild.planChairActivity). */
export interface ActivityHost {
  unitId: string;
  unitName: string;
  /** The rota month it is planned for (`${communityId}-${year}-${MM}`) — also the activity's `_id` stem. */
  rotaMonth: string;
  /** The rota (`${communityId}-${year}`): cobuild.rota finds the chair activities by it. */
  rotaId: string;
}

/**
 * The one way an activity is published: the secretary's own (`host` null, a fresh id) and a chair
 * unit's (`host` set, the id `chair-<rotaMonth>` — one activity per rota month: a second insert
 * is a duplicate → CONFLICT). Times and content are checked before anything is written; then the
 * insert and, after it, the audit entry (two requests; the community's name from the directory).
 */
export async function createActivity(
  ctx: CallContext,
  communityId: string,
  input: ActivityInput,
  host: ActivityHost | null,
  /** What the caller moves once the activity exists (a tally), beside the audit entry. */
  alongside?: () => Promise<void>,
): Promise<ActivityView> {
  const times = { startAt: new Date(input.startAt), endAt: new Date(input.endAt), signUpBy: new Date(input.signUpBy) };
  checkTimes(times, ctx.now, { startAt: true, signUpBy: true });
  await checkContent(ctx, input.title, input.description);
  const community = (await directory(ctx, 'communities')).find((c) => c._id === communityId);
  if (!community) throw notFound('社区不存在');
  const activity: ActivityDoc = {
    _id: host ? chairActivityId(host.rotaMonth) : newId(),
    communityId,
    communityName: community.name,
    type: input.type,
    title: input.title,
    description: input.description,
    ...times,
    place: input.place,
    capacity: input.capacity,
    signedUp: 0,
    status: 'open',
    cancelReason: null,
    ...(host
      ? { host: { unitId: host.unitId, unitName: host.unitName, rotaMonth: host.rotaMonth }, rotaId: host.rotaId }
      : {}),
    history: [step(ctx, 'publish', host ? `轮值主席单位：${host.unitName}` : null)],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  try {
    await ctx.db.collection('activities').add({ data: activity });
  } catch (err) {
    if (host && isDuplicate(err)) throw conflict('本月的轮值活动已策划，每月一次');
    throw err;
  }
  // After the activity exists (a failed insert leaves no entry).
  await Promise.all([
    audit(ctx, activityAudit(activity, 'publish', host ? `轮值主席单位：${host.unitName}` : undefined)),
    alongside?.(),
  ]);
  return toActivityView(activity, ctx, null);
}

/** Signed-up members of an activity (for notices and the organiser's list). */
export async function activeSignups(ctx: CallContext, activityId: string): Promise<SignupDoc[]> {
  const { data } = await ctx.db
    .collection('signups')
    .where({ activityId, status: 'active' })
    .limit(1000)
    .get<SignupDoc>();
  return data;
}

async function tellSignedUp(ctx: CallContext, a: ActivityDoc, what: string, note: string): Promise<void> {
  const to = (await activeSignups(ctx, a._id)).map((s) => s.openid);
  await notify(
    ctx,
    to,
    'activityChanged',
    { subject: a.title, status: what, time: new Date(a.startAt), place: a.place.name, note },
    activityPage(a._id),
  );
}

export async function updateActivity(
  input: Partial<ActivityInput> & { activityId: string },
  ctx: CallContext,
): Promise<ActivityView> {
  const a = await loadActivity(ctx, input.activityId);
  requireScope(ctx.user, ['secretary'], { communityId: a.communityId }, '只能修改本社区的活动');
  if (a.status !== 'open') throw conflict('活动已取消，不能修改');
  if (ctx.now.getTime() > new Date(a.endAt).getTime()) throw conflict('活动已结束，不能修改');
  const { activityId: _id, ...changes } = input;
  const times = {
    startAt: changes.startAt ? new Date(changes.startAt) : new Date(a.startAt),
    endAt: changes.endAt ? new Date(changes.endAt) : new Date(a.endAt),
    signUpBy: changes.signUpBy ? new Date(changes.signUpBy) : new Date(a.signUpBy),
  };
  checkTimes(times, ctx.now, { startAt: changes.startAt !== undefined, signUpBy: changes.signUpBy !== undefined });
  if (changes.title !== undefined || changes.description !== undefined)
    await checkContent(ctx, changes.title ?? a.title, changes.description ?? a.description);
  if (changes.type !== undefined && changes.type !== a.type && a.signedUp > 0)
    throw conflict('已有党员报名，不能修改活动类型（签到记录按类型计入六个一）');
  const capacity = changes.capacity ?? a.capacity;
  if (capacity < a.signedUp) throw conflict(`已有 ${a.signedUp} 人报名，名额不能少于报名人数`);

  const _ = ctx.db.command;
  const data = {
    ...changes,
    ...times,
    capacity,
    updatedAt: ctx.now,
    history: _.push(step(ctx, 'edit', null)),
  };
  // Conditional on the state read and on the sign-ups still fitting the new capacity.
  const { stats } = await ctx.db
    .collection('activities')
    .where({ _id: a._id, status: 'open', signedUp: _.lte(capacity) })
    .update({ data });
  if (stats.updated !== 1) throw conflict('活动刚刚被修改或报名人数已变化，请刷新后重试');
  const next: ActivityDoc = { ...a, ...changes, ...times, capacity, updatedAt: ctx.now };
  // What the edit changed, in words (a form sends every field, changed or not).
  const TIMES = new Set<string>(['startAt', 'endAt', 'signUpBy']);
  const same = (k: keyof ActivityInput) =>
    TIMES.has(k)
      ? new Date(next[k] as Date).getTime() === new Date(a[k] as Date).getTime()
      : JSON.stringify(next[k]) === JSON.stringify(a[k]);
  const changedFields = (Object.keys(ACTIVITY_FIELDS) as Array<keyof ActivityInput>)
    .filter((k) => changes[k] !== undefined && !same(k))
    .map((k) => ACTIVITY_FIELDS[k]);
  await Promise.all([
    audit(ctx, activityAudit(next, 'edit', changedFields.length ? `修改了${changedFields.join('、')}` : '')),
    tellSignedUp(ctx, next, '已变更', `时间：${changes.startAt ? '已调整' : '不变'}，地点：${next.place.name}`),
  ]);
  return toActivityView(next, ctx, null);
}

export async function cancelActivity(
  input: { activityId: string; reason: string },
  ctx: CallContext,
): Promise<ActivityView> {
  const a = await loadActivity(ctx, input.activityId);
  requireScope(ctx.user, ['secretary'], { communityId: a.communityId }, '只能取消本社区的活动');
  if (ctx.now.getTime() > new Date(a.endAt).getTime()) throw conflict('活动已结束，不能取消');
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('activities')
    .where({ _id: a._id, status: 'open' })
    .update({
      data: {
        status: 'cancelled',
        cancelReason: input.reason,
        updatedAt: ctx.now,
        history: _.push(step(ctx, 'cancel', input.reason)),
      },
    });
  if (stats.updated !== 1) throw conflict('活动已取消');
  const next: ActivityDoc = { ...a, status: 'cancelled', cancelReason: input.reason, updatedAt: ctx.now };
  await Promise.all([
    audit(ctx, activityAudit(next, 'cancel', input.reason)),
    tellSignedUp(ctx, next, '已取消', input.reason),
  ]);
  return toActivityView(next, ctx, null);
}

/** The community whose activities the caller sees: a member's verified one, else their own as secretary. */
function viewedCommunity(ctx: CallContext): string {
  const member = memberCommunity(ctx.user);
  if (member) return member.communityId;
  return secretaryCommunity(ctx);
}

export async function activities(
  input: { when: 'upcoming' | 'past'; from: number },
  ctx: CallContext,
): Promise<ActivityPage> {
  const communityId = viewedCommunity(ctx);
  const _ = ctx.db.command;
  const upcoming = input.when === 'upcoming';
  const { data } = await ctx.db
    .collection('activities')
    .where({ communityId, endAt: upcoming ? _.gte(ctx.now) : _.lt(ctx.now) })
    .orderBy('startAt', upcoming ? 'asc' : 'desc')
    .skip(input.from)
    .limit(PAGE + 1)
    .field({ history: false })
    .get<ActivityDoc>();
  const page = data.slice(0, PAGE);
  const mine = new Map<string, SignupDoc>();
  if (page.length > 0 && memberCommunity(ctx.user)) {
    const { data: signups } = await ctx.db
      .collection('signups')
      .where({ _id: _.in(page.map((a) => signupId(a._id, ctx.openid))) })
      .limit(PAGE)
      .get<SignupDoc>();
    for (const s of signups) mine.set(s.activityId, s);
  }
  return {
    items: page.map((a) => toActivityView(a, ctx, mine.get(a._id) ?? null)),
    next: data.length > PAGE ? input.from + PAGE : null,
  };
}

/** Members see their community's activities; the organiser theirs; anyone else: not found. */
function assertMayView(ctx: CallContext, a: ActivityDoc): void {
  const member = memberCommunity(ctx.user);
  if (member?.communityId === a.communityId || isOrganiser(ctx.user, a)) return;
  throw notFound('活动不存在');
}

export async function activity(input: { activityId: string }, ctx: CallContext): Promise<ActivityView> {
  const a = await loadActivity(ctx, input.activityId);
  assertMayView(ctx, a);
  const s = await loadSignup(ctx, signupId(a._id, ctx.openid));
  return toActivityView(a, ctx, s);
}

export function toAttendee(s: SignupDoc): AttendeeView {
  return {
    ...attendanceOf(s)!,
    openid: s.openid,
    name: s.name,
    unitName: s.unitName,
    status: s.status,
    manualReason: s.checkOut?.manual ? s.checkOut.reason : s.checkIn?.manual ? s.checkIn.reason : null,
  };
}

export async function attendees(input: { activityId: string }, ctx: CallContext): Promise<AttendeeView[]> {
  const a = await loadActivity(ctx, input.activityId);
  requireScope(ctx.user, ['secretary'], { communityId: a.communityId }, '只能查看本社区活动的报名');
  const { data } = await ctx.db
    .collection('signups')
    .where({ activityId: a._id })
    .orderBy('signedUpAt', 'asc')
    .limit(1000)
    .get<SignupDoc>();
  return data.map(toAttendee);
}

/**
 * 报名: a seat, then the sign-up (four database round trips: the caller, the activity, the seat,
 * the sign-up). The seat is a conditional increment (`signedUp < capacity`), so sign-ups sent at
 * once never pass the capacity; the sign-up's id is the activity's and the member's, so a second
 * one of the same member is a duplicate: then the member's earlier sign-up decides — active: the
 * seat goes back, 您已报名; cancelled: it is moved back to active on this seat. A crash between
 * the seat and the sign-up leaves a seat taken by nobody: the repair job recounts `signedUp`
 * from the sign-ups (server/repair).
 */
export async function signUp(input: { activityId: string }, ctx: CallContext): Promise<ActivityView> {
  const member = memberCommunity(ctx.user);
  if (!member) throw forbidden('请先完成双报到');
  const [a, units] = await Promise.all([loadActivity(ctx, input.activityId), directory(ctx, 'units')]);
  if (a.communityId !== member.communityId) throw forbidden('只能报名您报到社区的活动');
  if (a.status !== 'open') throw conflict('活动已取消');
  if (!signUpOpen(a, ctx.now)) throw conflict('报名已截止');
  const id = signupId(a._id, ctx.openid);

  const _ = ctx.db.command;
  const taken = await ctx.db
    .collection('activities')
    .where({ _id: a._id, status: 'open', capacity: a.capacity, signedUp: _.lt(a.capacity) })
    .update({ data: { signedUp: _.inc(1), signedUpMovedAt: ctx.now } });
  if (taken.stats.updated !== 1) throw conflict('名额已满');
  const release = () =>
    ctx.db
      .collection('activities')
      .where({ _id: a._id, signedUp: _.gt(0) })
      .update({ data: { signedUp: _.inc(-1), signedUpMovedAt: ctx.now } });

  let signup: SignupDoc = {
    _id: id,
    activityId: a._id,
    openid: ctx.openid,
    name: callerName(ctx),
    unitId: member.unitId,
    unitName: (member.unitId && units.find((u) => u._id === member.unitId)?.name) || null,
    communityId: a.communityId,
    status: 'active',
    signedUpAt: ctx.now,
    checkIn: null,
    checkOut: null,
    minutes: null,
    updatedAt: ctx.now,
  };
  try {
    await ctx.db.collection('signups').add({ data: signup });
  } catch (err) {
    if (!isDuplicate(err)) {
      await release();
      throw err;
    }
    // Signed up before: again after cancelling moves the document back, only from `cancelled`.
    const fields = { status: 'active' as const, signedUpAt: ctx.now, updatedAt: ctx.now };
    const { stats } = await ctx.db
      .collection('signups')
      .where({ _id: id, status: 'cancelled' })
      .update({ data: fields });
    const again = stats.updated === 1 ? await loadSignup(ctx, id) : null;
    if (!again) {
      await release();
      throw conflict('您已报名该活动');
    }
    signup = again;
  }
  return toActivityView({ ...a, signedUp: a.signedUp + 1 }, ctx, signup);
}

export async function cancelSignUp(input: { activityId: string }, ctx: CallContext): Promise<ActivityView> {
  const a = await loadActivity(ctx, input.activityId);
  if (!signUpOpen(a, ctx.now)) throw conflict('报名已截止，不能取消');
  const id = signupId(a._id, ctx.openid);
  const _ = ctx.db.command;
  const { stats } = await ctx.db
    .collection('signups')
    .where({ _id: id, status: 'active', checkIn: null })
    .update({ data: { status: 'cancelled', updatedAt: ctx.now } });
  if (stats.updated !== 1) throw conflict('您没有可取消的报名');
  await ctx.db
    .collection('activities')
    .where({ _id: a._id, signedUp: _.gt(0) })
    .update({ data: { signedUp: _.inc(-1), signedUpMovedAt: ctx.now } });
  const s = await loadSignup(ctx, id);
  return toActivityView({ ...a, signedUp: Math.max(0, a.signedUp - 1) }, ctx, s);
}
