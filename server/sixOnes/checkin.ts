import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActivityView, AttendeeView, CheckInCode } from '../../contract/functions/sixOnes';
import { CHECK_IN_QR_PREFIX, CHECK_IN_SLOT_SECONDS } from '../../contract/sixOnes';
import { audit } from '../platform/audit';
import { notOwn, requireScope } from '../platform/authorize';
import { AppError, conflict, forbidden, invalidInput, isDuplicate } from '../platform/errors';
import { distanceMetres } from '../platform/geo';
import { log } from '../platform/log';
import type { CallContext } from '../platform/router';
import { localYear } from '../platform/time';
import { takeTry, type Limit } from '../platform/throttle';
import { inTransaction, txGet } from '../platform/tx';
import { toAttendee } from './activities';
import type { RecordDoc } from './credit';
import type { ActivityDoc, AttendanceMark, SignupDoc } from './model';
import { attendanceRecordId, signupId } from './model';
import { attendanceAudit, CHECK_OUT_GRACE_MS, inCheckInWindow, MANUAL_GRACE_MS, serviceMinutes } from './rules';
import { callerName, loadActivity, loadSignup, toActivityView } from './shared';

/**
 * The rotating check-in code: 8 digits of HMAC-SHA256(secret, `${activityId}:${slot}`), with
 * `slot` = the 30-second period (HOTP's dynamic truncation). The organiser's phone shows it as
 * a QR code (`txy-checkin:<activityId>:<code>`) and as text; the server accepts the current and
 * the previous slot, so a code read at the last second still works. A forged, altered, expired
 * or other-activity code does not match.
 */
function secret(): string {
  const s = process.env.TXY_CHECKIN_SECRET;
  if (!s || s.length < 16) {
    log.error('TXY_CHECKIN_SECRET is not set (at least 16 characters)', { requestId: 'config' });
    throw new AppError('INTERNAL', '签到服务未配置，请联系管理员');
  }
  return s;
}

export const slotAt = (at: Date) => Math.floor(at.getTime() / (CHECK_IN_SLOT_SECONDS * 1000));

export function codeFor(activityId: string, slot: number, key = secret()): string {
  const h = createHmac('sha256', key).update(`${activityId}:${slot}`).digest();
  const offset = h[h.length - 1] & 0x0f;
  return String((h.readUInt32BE(offset) & 0x7fffffff) % 100_000_000).padStart(8, '0');
}

export function codeValid(activityId: string, code: string, at: Date): boolean {
  const key = secret();
  const slot = slotAt(at);
  const given = Buffer.from(code);
  return [slot, slot - 1].some((s) => {
    const want = Buffer.from(codeFor(activityId, s, key));
    return want.length === given.length && timingSafeEqual(want, given);
  });
}

export async function checkInCode(input: { activityId: string }, ctx: CallContext): Promise<CheckInCode> {
  const a = await loadActivity(ctx, input.activityId);
  requireScope(ctx.user, ['secretary'], { communityId: a.communityId }, '只能组织本社区活动的签到');
  if (a.status !== 'open') throw conflict('活动已取消');
  if (!inCheckInWindow(a, ctx.now)) throw conflict('不在签到时间内（开始前 30 分钟至结束）');
  const slot = slotAt(ctx.now);
  const code = codeFor(a._id, slot);
  return {
    activityId: a._id,
    code,
    qrText: `${CHECK_IN_QR_PREFIX}${a._id}:${code}`,
    rotatesAt: new Date((slot + 1) * CHECK_IN_SLOT_SECONDS * 1000).toISOString(),
  };
}

function attendanceRecord(
  a: ActivityDoc,
  s: SignupDoc,
  at: Date,
  manual: boolean,
  by: string,
  byName: string,
  /** The organiser's reason for a check-in by hand, so whoever approves the record sees it. */
  reason: string | null,
): RecordDoc {
  return {
    _id: attendanceRecordId(a._id, s.openid),
    openid: s.openid,
    memberName: s.name,
    unitName: s.unitName,
    year: localYear(new Date(a.startAt)),
    item: a.type,
    kind: 'attendance',
    status: 'pending',
    title: a.title,
    note: null,
    photos: [],
    minutes: null,
    activity: { id: a._id, title: a.title, startAt: new Date(a.startAt), manual },
    wishId: null,
    pairingId: null,
    household: null,
    communityId: a.communityId,
    unitId: s.unitId,
    rejectReason: null,
    reviewedBy: null,
    reviewedAt: null,
    history: [{ at, by, byName, action: manual ? 'manualCheckIn' : 'checkIn', note: reason }],
    createdAt: at,
    updatedAt: at,
    createdBy: by,
  };
}

/**
 * Marks a check-in on the sign-up `s` (as read), then creates the attendance record (pending):
 * two requests, no transaction. The mark is a conditional update (active, not checked in yet),
 * so of check-ins sent at once one marks and the others find it marked; the record's id is the
 * activity's and the member's, so it exists once. A crash between the two leaves a check-in
 * without its record: the member's next check-in (it answers 已签到) makes it, and so does the
 * repair job (server/repair). A second check-in changes nothing else.
 */
async function markCheckIn(
  ctx: CallContext,
  a: ActivityDoc,
  s: SignupDoc | null,
  mark: AttendanceMark,
  /** Sent beside the record's insert when this call made the mark (the organiser's audit entry). */
  onMarked?: (s: SignupDoc) => Promise<void>,
): Promise<SignupDoc> {
  if (!s || s.status !== 'active') throw forbidden('未报名该活动，不能签到');
  let marked: SignupDoc = s;
  let made = false;
  if (!s.checkIn) {
    const { stats } = await ctx.db
      .collection('signups')
      .where({ _id: s._id, status: 'active', checkIn: null })
      .update({ data: { checkIn: ctx.db.command.set(mark), updatedAt: ctx.now } });
    if (stats.updated === 1) {
      marked = { ...s, checkIn: mark };
      made = true;
    } else {
      // Cancelled or checked in meanwhile: as it is now.
      const now = await loadSignup(ctx, s._id);
      if (!now || now.status !== 'active' || !now.checkIn) throw forbidden('未报名该活动，不能签到');
      marked = now;
    }
  }
  await Promise.all([
    addAttendanceRecord(ctx, a, marked, marked.checkIn!.manual ? callerName(ctx) : marked.name),
    made && onMarked ? onMarked(marked) : null,
  ]);
  return marked;
}

/**
 * The pending attendance record of a checked-in sign-up, made unless it exists (its id is the
 * activity's and the member's). `byName`: who checked them in (the member, or the organiser).
 */
export async function addAttendanceRecord(
  ctx: { db: CallContext['db'] },
  a: ActivityDoc,
  s: SignupDoc,
  byName: string,
): Promise<boolean> {
  const mark = s.checkIn!;
  const { _id, ...data } = attendanceRecord(
    a,
    s,
    new Date(mark.at),
    mark.manual,
    mark.by ?? s.openid,
    byName,
    mark.reason,
  );
  try {
    await ctx.db.collection('records').add({ data: { _id, ...data } });
    return true;
  } catch (err) {
    if (!isDuplicate(err)) throw err; // made already: by the first check-in, or the repair job
    return false;
  }
}

/**
 * Check-in codes a member may try per activity: 5 in 10 minutes. A guess is right with odds of
 * 2 in 10⁸ (two valid 8-digit codes at a time), so a whole activity's window allows a guesser
 * next to nothing; a member who mistypes waits at most 10 minutes, and the organiser can still
 * check them in by hand.
 */
const CODE_TRIES: Limit = { max: 5, windowMinutes: 10 };

export async function checkIn(
  input: { activityId: string; code: string; location?: { lat: number; lng: number } },
  ctx: CallContext,
): Promise<ActivityView> {
  // The activity, the member's sign-up and a try, side by side (one round trip): each code typed
  // takes a try first, right or wrong, so guessing stops after a few, for a while.
  const [a, s, limited] = await Promise.all([
    loadActivity(ctx, input.activityId),
    loadSignup(ctx, signupId(input.activityId, ctx.openid)),
    takeTry(ctx, `checkin-${input.activityId}-${ctx.openid}`, CODE_TRIES, '签到码输错次数过多').then(
      () => null,
      (err: unknown) => err,
    ),
  ]);
  if (a.status !== 'open') throw conflict('活动已取消');
  if (limited) throw limited;
  if (!codeValid(a._id, input.code, ctx.now)) throw forbidden('签到码无效或已过期，请扫描组织者手机上的最新签到码');
  if (!inCheckInWindow(a, ctx.now)) throw conflict('不在签到时间内（开始前 30 分钟至结束）');
  let distance: number | null = null;
  if (input.location) {
    distance = Math.round(distanceMetres(input.location, a.place));
    if (distance > a.place.radius) throw forbidden(`您不在活动地点附近（相距约 ${distance} 米），请到场后签到`);
  }
  const marked = await markCheckIn(ctx, a, s, { at: ctx.now, manual: false, by: null, reason: null, distance });
  return toActivityView(a, ctx, marked);
}

/** Check-out (volunteer activities): minutes on the sign-up and on the pending record, in one transaction. */
async function markCheckOut(
  ctx: CallContext,
  a: ActivityDoc,
  openid: string,
  mark: AttendanceMark,
): Promise<SignupDoc> {
  if (a.type !== 'volunteer') throw conflict('只有志愿服务活动需要签退');
  return inTransaction(ctx, async (tx) => {
    const s = await txGet<SignupDoc>(tx, 'signups', signupId(a._id, openid));
    if (!s || s.status !== 'active') throw forbidden('未报名该活动');
    if (!s.checkIn) throw conflict('尚未签到，不能签退');
    if (s.checkOut) return s;
    if (mark.at.getTime() < new Date(s.checkIn.at).getTime()) throw conflict('签退时间不能早于签到时间');
    const minutes = serviceMinutes(a, new Date(s.checkIn.at), mark.at);
    await Promise.all([
      tx
        .collection('signups')
        .doc(s._id)
        .update({ data: { checkOut: ctx.db.command.set(mark), minutes, updatedAt: ctx.now } }),
      // The organiser's check-out by hand is audited in the same transaction.
      mark.manual ? audit(ctx, attendanceAudit(a, s, 'manualCheckOut', mark.reason), tx) : null,
    ]);
    const record = await txGet<RecordDoc>(tx, 'records', attendanceRecordId(a._id, openid));
    if (record && record.status === 'pending') {
      const _ = ctx.db.command;
      await tx
        .collection('records')
        .doc(record._id)
        .update({
          data: {
            minutes,
            ...(mark.manual ? { 'activity.manual': true } : {}),
            updatedAt: ctx.now,
            history: _.push({
              at: ctx.now,
              by: mark.by ?? openid,
              byName: mark.manual ? callerName(ctx) : s.name,
              action: mark.manual ? 'manualCheckOut' : 'checkOut',
              note: mark.reason,
            }),
          },
        });
    }
    return { ...s, checkOut: mark, minutes };
  });
}

export async function checkOut(
  input: { activityId: string; location?: { lat: number; lng: number } },
  ctx: CallContext,
): Promise<ActivityView> {
  const a = await loadActivity(ctx, input.activityId);
  if (a.status !== 'open') throw conflict('活动已取消');
  if (ctx.now.getTime() > new Date(a.endAt).getTime() + CHECK_OUT_GRACE_MS)
    throw conflict('已过签退时间，请联系组织者补签退');
  const distance = input.location ? Math.round(distanceMetres(input.location, a.place)) : null;
  if (distance !== null && distance > a.place.radius)
    throw forbidden(`您不在活动地点附近（相距约 ${distance} 米），请在活动地点签退`);
  const s = await markCheckOut(ctx, a, ctx.openid, { at: ctx.now, manual: false, by: null, reason: null, distance });
  return toActivityView(a, ctx, s);
}

/** The organiser marks attendance by hand (never their own): recorded as manual, with who and why. */
export async function manualAttendance(
  input: { activityId: string; openid: string; action: 'checkIn' | 'checkOut'; reason: string; at?: string },
  ctx: CallContext,
): Promise<AttendeeView> {
  const a = await loadActivity(ctx, input.activityId);
  requireScope(ctx.user, ['secretary'], { communityId: a.communityId }, '只能管理本社区活动的签到');
  notOwn(ctx.openid, [input.openid], 'markAttendance');
  if (a.status !== 'open') throw conflict('活动已取消');
  const opens = new Date(a.startAt).getTime() - 30 * 60_000;
  if (ctx.now.getTime() < opens) throw conflict('活动签到尚未开始');
  if (ctx.now.getTime() > new Date(a.endAt).getTime() + MANUAL_GRACE_MS)
    throw conflict('活动结束已超过 7 天，不能补签');
  const at = input.at ? new Date(input.at) : new Date(Math.min(ctx.now.getTime(), new Date(a.endAt).getTime()));
  // A time that makes no sense is bad input, not a state: it is refused as such.
  if (at.getTime() > ctx.now.getTime())
    throw invalidInput('补签时间不能晚于现在', [{ path: 'at', message: '不能晚于现在' }]);
  if (at.getTime() < opens || at.getTime() > new Date(a.endAt).getTime() + CHECK_OUT_GRACE_MS)
    throw invalidInput('补签时间须在活动时间内', [{ path: 'at', message: '须在活动时间内' }]);
  const mark: AttendanceMark = { at, manual: true, by: ctx.openid, reason: input.reason, distance: null };
  const s =
    input.action === 'checkIn'
      ? await markCheckIn(ctx, a, await loadSignup(ctx, signupId(a._id, input.openid)), mark, (marked) =>
          audit(ctx, attendanceAudit(a, marked, 'manualCheckIn', input.reason)),
        )
      : await markCheckOut(ctx, a, input.openid, mark);
  return toAttendee(s);
}
