import {
  caseScopes,
  COUNTERS,
  countersFrom,
  departmentScope,
  type Counter,
  type CounterDoc,
} from '../complaints/metrics';
import type { CaseDoc } from '../complaints/model';
import { repairLiaisonGrants } from '../directory/liaison';
import { log } from '../platform/log';
import { readAll } from '../platform/read';
import type { JobContext } from '../platform/router';
import { addAttendanceRecord } from '../sixOnes/checkin';
import { attendanceRecordId, type ActivityDoc, type SignupDoc } from '../sixOnes/model';
import type { WishDoc } from '../wishes/model';

/**
 * Counters kept outside a transaction — an activity's `signedUp`, a member's `activeClaims`,
 * the complaint metrics — are moved right after (or right before) the change they count. A
 * function that dies in between leaves them wrong: phantom sign-ups that use up capacity, a
 * claim slot that never comes back, a month's metrics one short. This job recomputes each from
 * the documents and rewrites what differs.
 *
 * It never races a change in flight: a counter whose documents moved within SETTLE_MS (a step
 * is milliseconds from its counter; a crash leaves them apart for good) is left for the next
 * run, and each fix is a conditional update on the value as read, so one that moved meanwhile
 * is left alone too.
 */
export const SETTLE_MS = 10 * 60_000;

const settled = (at: Date | string | null | undefined, now: Date) =>
  !at || new Date(at).getTime() < now.getTime() - SETTLE_MS;

/**
 * Activities that can still take or lose sign-ups (ended a week ago at most): `signedUp` = active
 * sign-ups; and each checked-in sign-up has its attendance record (a check-in that died between
 * its mark and its record, server/sixOnes/checkin.ts).
 */
export async function repairSignups(ctx: JobContext): Promise<{ checked: number; fixed: number; recordsMade: number }> {
  const _ = ctx.db.command;
  const since = new Date(ctx.now.getTime() - 8 * 86_400_000);
  const activities = await readAll<ActivityDoc & { signedUpMovedAt?: Date }>(ctx.db, 'activities', {
    endAt: _.gte(since),
  });
  const active = new Map<string, number>();
  const checkedIn: SignupDoc[] = [];
  for (let i = 0; i < activities.length; i += 100) {
    const ids = activities.slice(i, i + 100).map((a) => a._id);
    for (const s of await readAll<SignupDoc>(ctx.db, 'signups', { activityId: _.in(ids), status: 'active' })) {
      active.set(s.activityId, (active.get(s.activityId) ?? 0) + 1);
      if (s.checkIn && settled(s.checkIn.at, ctx.now)) checkedIn.push(s);
    }
  }
  let recordsMade = 0;
  const byId = new Map(activities.map((a) => [a._id, a]));
  for (let i = 0; i < checkedIn.length; i += 100) {
    const batch = checkedIn.slice(i, i + 100);
    const ids = batch.map((s) => attendanceRecordId(s.activityId, s.openid));
    const have = new Set((await readAll<{ _id: string }>(ctx.db, 'records', { _id: _.in(ids) })).map((r) => r._id));
    for (const s of batch.filter((x) => !have.has(attendanceRecordId(x.activityId, x.openid))))
      if (await addAttendanceRecord(ctx, byId.get(s.activityId)!, s, s.checkIn!.manual ? '组织者' : s.name))
        recordsMade += 1;
  }
  let fixed = 0;
  for (const a of activities) {
    const expected = active.get(a._id) ?? 0;
    if (a.signedUp === expected || !settled(a.signedUpMovedAt, ctx.now)) continue;
    const { stats } = await ctx.db
      .collection('activities')
      .where({ _id: a._id, signedUp: a.signedUp })
      .update({ data: { signedUp: expected } });
    fixed += stats.updated ?? 0;
  }
  return { checked: activities.length, fixed, recordsMade };
}

/** `activeClaims` of each member = the wishes they hold as `claimed`. */
export async function repairClaims(ctx: JobContext): Promise<{ checked: number; fixed: number }> {
  const _ = ctx.db.command;
  const claimed = await readAll<WishDoc>(ctx.db, 'wishes', { status: 'claimed' });
  const expected = new Map<string, number>();
  for (const w of claimed) if (w.claim) expected.set(w.claim.openid, (expected.get(w.claim.openid) ?? 0) + 1);
  const counted = await readAll<{ _id: string; activeClaims?: number; claimsMovedAt?: Date }>(ctx.db, 'users', {
    activeClaims: _.gt(0),
  });
  const stored = new Map(counted.map((u) => [u._id, u]));
  let fixed = 0;
  for (const openid of new Set([...expected.keys(), ...stored.keys()])) {
    const want = expected.get(openid) ?? 0;
    const user = stored.get(openid);
    const have = user?.activeClaims ?? 0;
    if (have === want || !settled(user?.claimsMovedAt, ctx.now)) continue;
    // A member counted 0 may hold the field or not: match either, as read.
    const where = user
      ? { _id: openid, activeClaims: have }
      : { _id: openid, activeClaims: _.or([_.exists(false), _.lte(0)]) };
    const { stats } = await ctx.db
      .collection('users')
      .where(where as never)
      .update({ data: { activeClaims: want } });
    fixed += stats.updated ?? 0;
  }
  return { checked: expected.size + stored.size, fixed };
}

/** The counters each step of a case's timeline moves (an unknown step: all of them). */
const STEP_COUNTERS: Record<string, readonly Counter[]> = {
  submit: ['submitted', 'communityLevel'],
  assign: ['communityLevel'],
  notifyProperty: [],
  withdraw: ['withdrawn'],
  accept: ['respondedOnTime', 'responseDue'],
  reply: [],
  resolve: ['resolved'],
  deptResolve: ['resolved'],
  escalate: ['communityLevel', 'responseDue'],
  whistle: ['whistled', 'whistlesReceived'],
  reportIn: ['reportedOnTime', 'reportInDue'],
  assist: [],
  requestExtension: [],
  approveExtension: [],
  refuseExtension: [],
  flagLate: ['reportInDue'],
  flagUnanswered: ['responseDue'],
  rate: ['rated', 'satisfied'],
  rateDepartment: COUNTERS.filter((k) => k.startsWith('grade_')),
  autoClose: [],
};

/**
 * The complaint metrics (`caseMetrics`) = `countersFrom` all cases. A counter field is left
 * alone while a step that moves it happened within SETTLE_MS in one of its cases (its
 * increment may still be on its way); the other fields of the same document are fixed.
 */
export async function repairCaseMetrics(ctx: JobContext): Promise<{ checked: number; fixed: number }> {
  const cases = await readAll<CaseDoc>(ctx.db, 'cases', {});
  const stored = new Map((await readAll<CounterDoc>(ctx.db, 'caseMetrics', {})).map((d) => [d._id, d]));
  const unsettled = new Map<string, Set<Counter>>();
  for (const c of cases) {
    if (settled(c.updatedAt, ctx.now)) continue;
    const scopes = [
      ...caseScopes(c),
      ...(c.whistle?.departments ?? []).map((d) => departmentScope(d.departmentId, c.month)),
    ];
    for (const step of c.timeline) {
      if (settled(step.at, ctx.now)) continue;
      for (const id of scopes) {
        const fields = unsettled.get(id) ?? new Set<Counter>();
        for (const k of STEP_COUNTERS[step.action] ?? COUNTERS) fields.add(k);
        unsettled.set(id, fields);
      }
    }
  }
  const expected = new Map(countersFrom(cases).map((d) => [d._id, d]));
  for (const [id, doc] of stored)
    if (!expected.has(id))
      expected.set(id, { ...doc, ...(Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Record<Counter, number>) });
  let fixed = 0;
  for (const [id, want] of expected) {
    const have = stored.get(id);
    const fields = COUNTERS.filter((k) => !unsettled.get(id)?.has(k) && (have?.[k] ?? 0) !== want[k]);
    if (fields.length === 0) continue;
    if (!have) {
      // Created with every field: those in flight (if any) come as increments on top.
      const counters = Object.fromEntries(COUNTERS.map((k) => [k, fields.includes(k) ? want[k] : 0]));
      await ctx.db
        .collection('caseMetrics')
        .add({ data: { ...want, ...counters } })
        .then(() => (fixed += 1))
        .catch(() => undefined);
      continue;
    }
    // A field the document does not hold yet (a counter added since it was made) is matched as absent.
    const _ = ctx.db.command;
    const asRead = Object.fromEntries(fields.map((k) => [k, k in have ? have[k] : _.exists(false)]));
    const { stats } = await ctx.db
      .collection('caseMetrics')
      .where({ _id: id, ...asRead })
      .update({ data: Object.fromEntries(fields.map((k) => [k, want[k]])) });
    fixed += stats.updated ?? 0;
  }
  return { checked: expected.size, fixed };
}

/** The daily repair of every counter kept outside a transaction (the 六个一 tallies have their own job). */
export async function repairCounters(ctx: JobContext) {
  const out = {
    signups: await repairSignups(ctx),
    claims: await repairClaims(ctx),
    caseMetrics: await repairCaseMetrics(ctx),
    // Not a counter, but kept beside one the same way: users' 物业联络员 grants = the companies naming them.
    liaisonGrants: await repairLiaisonGrants(ctx),
  };
  const fixed =
    out.signups.fixed + out.signups.recordsMade + out.claims.fixed + out.caseMetrics.fixed + out.liaisonGrants.fixed;
  if (fixed > 0) log.warn('counters differed from their documents; fixed', { requestId: ctx.requestId, ...out });
  return out;
}
