import type { ActivityView, Attendance } from '../../contract/functions/sixOnes';
import { CHECK_IN_OPENS_BEFORE_MINUTES } from '../../contract/sixOnes';
import { grantsFor } from '../platform/authorize';
import { verifiedMember, type UserDoc } from '../platform/identity';
import { toIso } from '../platform/time';
import type { AuditInput } from '../platform/audit';
import type { RecordDoc } from './credit';
import type { ActivityDoc, SignupDoc } from './model';

/**
 * The rules of an activity's day, in one place:
 *
 *   publish ─▶ sign-up open ─(signUpBy)─▶ closed ─(start − 30 min)─▶ check-in ─(end)─▶ ended
 *                  │ cancel (secretary, before the end, with a reason) ─▶ cancelled
 *
 * Sign-up and its cancellation until `signUpBy`; check-in from 30 minutes before the start to
 * the end; check-out (volunteer activities) from check-in until 2 hours after the end; the
 * organiser marks attendance by hand until 7 days after the end.
 */
export const CHECK_OUT_GRACE_MS = 2 * 3_600_000;
export const MANUAL_GRACE_MS = 7 * 86_400_000;

const t = (d: Date | string) => new Date(d).getTime();

export const checkInOpensAt = (a: Pick<ActivityDoc, 'startAt'>) =>
  t(a.startAt) - CHECK_IN_OPENS_BEFORE_MINUTES * 60_000;

export function inCheckInWindow(a: Pick<ActivityDoc, 'startAt' | 'endAt'>, now: Date): boolean {
  return now.getTime() >= checkInOpensAt(a) && now.getTime() <= t(a.endAt);
}

export function signUpOpen(a: Pick<ActivityDoc, 'signUpBy' | 'endAt' | 'status'>, now: Date): boolean {
  return a.status === 'open' && now.getTime() < t(a.signUpBy) && now.getTime() < t(a.endAt);
}

export function phaseOf(a: ActivityDoc, now: Date): ActivityView['phase'] {
  if (a.status === 'cancelled') return 'cancelled';
  if (now.getTime() > t(a.endAt)) return 'ended';
  if (inCheckInWindow(a, now)) return 'checkIn';
  if (signUpOpen(a, now)) return 'signUp';
  return 'closed';
}

/** Volunteer minutes: check-out − check-in, capped at the activity's length; never negative. */
export function serviceMinutes(a: Pick<ActivityDoc, 'startAt' | 'endAt'>, checkIn: Date, checkOut: Date): number {
  const length = Math.round((t(a.endAt) - t(a.startAt)) / 60_000);
  const served = Math.floor((t(checkOut) - t(checkIn)) / 60_000);
  return Math.max(0, Math.min(served, length));
}

export const isOrganiser = (user: UserDoc | null, a: Pick<ActivityDoc, 'communityId'>) =>
  grantsFor(user, ['secretary'], { communityId: a.communityId }).length > 0;

export const memberCommunity = verifiedMember;

export function attendanceOf(s: SignupDoc | null): Attendance | null {
  if (!s) return null;
  const iso = toIso;
  return {
    signedUp: s.status === 'active',
    signedUpAt: iso(s.signedUpAt),
    checkedInAt: iso(s.checkIn?.at),
    checkedOutAt: iso(s.checkOut?.at),
    manual: Boolean(s.checkIn?.manual || s.checkOut?.manual),
    minutes: s.minutes,
  };
}

/** What the viewer may do with the activity now (the server re-checks each on the call). */
export function allowedActions(
  a: ActivityDoc,
  user: UserDoc | null,
  s: SignupDoc | null,
  now: Date,
): ActivityView['can'] {
  const can: ActivityView['can'] = [];
  const open = a.status === 'open';
  const member = memberCommunity(user);
  if (member && member.communityId === a.communityId && open) {
    const active = s?.status === 'active';
    if (!active && signUpOpen(a, now) && a.signedUp < a.capacity) can.push('signUp');
    if (active && !s?.checkIn && signUpOpen(a, now)) can.push('cancelSignUp');
    if (active && !s?.checkIn && inCheckInWindow(a, now)) can.push('checkIn');
    if (
      active &&
      a.type === 'volunteer' &&
      s?.checkIn &&
      !s.checkOut &&
      now.getTime() <= t(a.endAt) + CHECK_OUT_GRACE_MS
    )
      can.push('checkOut');
  }
  if (isOrganiser(user, a) && open && now.getTime() <= t(a.endAt)) {
    can.push('edit', 'cancel');
    if (inCheckInWindow(a, now)) can.push('runCheckIn');
  }
  return can;
}

// ------------------------------------------------------------------ 操作记录 (audit entries)

const recordLabel = (r: Pick<RecordDoc, 'memberName' | 'title'>) => `${r.memberName}：${r.title}`;

/**
 * The audit entries of a review (server/platform/audit.ts): one per community the records
 * belong to (a batch is one step: one entry, naming each record in `targets`). The live approval
 * and the seed make them alike.
 */
export function recordAudits(
  records: ReadonlyArray<Pick<RecordDoc, '_id' | 'memberName' | 'title' | 'communityId' | 'unitId'>>,
  decision: 'approve' | 'reject',
  reason: string | null,
): AuditInput[] {
  const byCommunity = new Map<string | null, typeof records>();
  for (const r of records) byCommunity.set(r.communityId, [...(byCommunity.get(r.communityId) ?? []), r]);
  return [...byCommunity].map(([communityId, list]) => {
    const names = [...new Set(list.map((r) => r.memberName))];
    const units = new Set(list.map((r) => r.unitId));
    return {
      kind: 'record',
      action: decision,
      entity: 'records',
      entityId: list[0]._id,
      label:
        list.length === 1
          ? recordLabel(list[0])
          : `${list.length} 条记录（${names.slice(0, 3).join('、')}${names.length > 3 ? ` 等 ${names.length} 人` : ''}）`,
      targets: list.length === 1 ? [] : list.map((r) => ({ id: r._id, label: recordLabel(r) })),
      summary: reason ?? '',
      scope: { communityId, unitId: units.size === 1 ? [...units][0] : null },
    };
  });
}

/** An activity published, edited or cancelled by its community's secretary. */
export function activityAudit(
  a: Pick<ActivityDoc, '_id' | 'title' | 'communityId'>,
  action: 'publish' | 'edit' | 'cancel',
  summary = '',
): AuditInput {
  return {
    kind: 'activity',
    action,
    entity: 'activities',
    entityId: a._id,
    label: a.title,
    summary,
    scope: { communityId: a.communityId },
  };
}

/** Attendance marked by hand by the organiser: the member, the activity, why. */
export function attendanceAudit(
  a: Pick<ActivityDoc, '_id' | 'title' | 'communityId'>,
  s: Pick<SignupDoc, '_id' | 'name' | 'unitId'>,
  action: 'manualCheckIn' | 'manualCheckOut',
  reason: string | null,
): AuditInput {
  return {
    kind: 'activity',
    action,
    entity: 'signups',
    entityId: s._id,
    label: `${s.name}：${a.title}`,
    summary: reason ?? '',
    scope: { communityId: a.communityId, unitId: s.unitId },
  };
}
