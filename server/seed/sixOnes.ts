/**
 * 六个一 seed: activities, sign-ups and records exactly as the live actions (publish, sign up,
 * check in and out, file, approve or reject) would have left them — county.ts then writes the
 * counters with `recompute()`/`reportedCounts()`, so they agree with the records to the unit.
 *
 * Everything is dated from the anchor (the day the seed runs): past activities before it,
 * upcoming ones after it, so the demo looks current whenever `npm start` seeds it.
 *
 * - The demo story (every scale): community c01 (demo-secretary's) in every phase — ended with
 *   sign-ups and check-ins (QR, manual with a reason, volunteer check-outs with minutes, one
 *   without check-out), sign-up closed, open for sign-up (demo-member signed up to one),
 *   cancelled — with a dozen records awaiting approval and demo-member's year half done; and
 *   a lighter story in c02, c06 and c14. Last year's activities and records too.
 * - Bulk (county scales): the other verified members' activities, sign-ups and records in
 *   every status over this year and last, filling the seed up to a given number of records.
 */
import type { ActivityType, RecordStatus } from '../../contract/sixOnes';
import type { RecordDoc } from '../sixOnes/credit';
import type { ActivityDoc, AttendanceMark, SignupDoc } from '../sixOnes/model';
import { attendanceRecordId, signupId } from '../sixOnes/model';
import { serviceMinutes } from '../sixOnes/rules';
import * as N from './names';
import { Rng } from './rng';
import type { CommunityDoc, UnitDoc } from '../directory/model';
import type { SeedUserDoc } from './types';

export interface SixOnesSeed {
  activities: ActivityDoc[];
  signups: SignupDoc[];
  records: RecordDoc[];
}

export interface SixOnesOptions {
  users: SeedUserDoc[];
  communities: CommunityDoc[];
  units: UnitDoc[];
  anchor: Date;
  /** Records to hold in all, the demo story's included (0: the demo story only); bulk makes up the rest. */
  records: number;
}

// ---------------------------------------------------------------- time (Asia/Shanghai = UTC+8, no DST): the seed's one clock

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const UTC8 = 8 * HOUR;

/** Local midnight of the day of `ms`. */
export const localMidnight = (ms: number): number => Math.floor((ms + UTC8) / DAY) * DAY - UTC8;
/** The local calendar year of `ms` (as server/platform/time's localYear, without dayjs: the bulk dates 600,000 records). */
export const localYearOf = (ms: number): number => new Date(ms + UTC8).getUTCFullYear();
/** The local month of `ms` as `YYYYMM`, as `local(at).format('YYYYMM')`. */
export function localMonthOf(ms: number): string {
  const d = new Date(ms + UTC8);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
/** Local midnight of 1 January of `year`. */
export const yearStart = (year: number): number => Date.UTC(year, 0, 1) - UTC8;
/** Local `month`/`day` `hh:mm` of `year`. */
const localDate = (year: number, month: number, day: number, hh = 0, mm = 0): number =>
  Date.UTC(year, month - 1, day, hh, mm) - UTC8;

interface Clock {
  anchor: number;
  /** Local midnight of the anchor's day. */
  today: number;
  year: number;
  /** Whole days of the anchor's year before the anchor's day (0 on 1 January). */
  elapsed: number;
}

function clockOf(anchor: Date): Clock {
  const today = localMidnight(anchor.getTime());
  const year = localYearOf(today);
  return { anchor: anchor.getTime(), today, year, elapsed: Math.round((today - yearStart(year)) / DAY) };
}

/** The demo story's past days reach back this far. */
const STORY_DAYS = 60;

/**
 * Local midnight `d` days from the anchor's day. This year's past (d < 0) is pulled into the
 * anchor's year when the year is younger than the story (so early January still shows this
 * year's activities, a few to a day); on 1 January it stays last year.
 */
function storyDay(clock: Clock, d: number): number {
  if (d >= 0 || clock.elapsed >= STORY_DAYS || clock.elapsed === 0) return clock.today + d * DAY;
  return clock.today - Math.max(1, Math.round((-d * clock.elapsed) / STORY_DAYS)) * DAY;
}

/** Never at or after the anchor: whatever the seed says happened, happened before it ran. */
const beforeAnchor = (clock: Clock, ms: number) => Math.min(ms, clock.anchor - 30 * MIN);

// ---------------------------------------------------------------- texts

const TITLES: Record<ActivityType, string[]> = {
  partyMeeting: [
    '主题党日：重温入党誓词',
    '“三会一课”专题党课',
    '主题党日：学习身边榜样',
    '组织生活会',
    '主题党日：红色故事分享会',
  ],
  symposium: ['在职党员座谈会', '社区治理议事座谈会', '共驻共建座谈交流会', '“我为群众办实事”座谈会'],
  survey: ['老旧小区改造入户调研', '居民需求入户调研', '背街小巷环境调研', '社区养老服务需求调研'],
  volunteer: [
    '社区环境整治志愿服务',
    '文明交通劝导志愿服务',
    '关爱独居老人志愿服务',
    '垃圾分类宣传志愿服务',
    '反诈宣传志愿服务',
    '义务植树志愿服务',
  ],
};

const DESCRIPTIONS: Record<ActivityType, string> = {
  partyMeeting: '请在职党员佩戴党员徽章准时参加，会后交流学习体会。',
  symposium: '围绕社区治理中的难点问题座谈交流，欢迎提出意见建议。',
  survey: '分组入户走访，了解居民急难愁盼问题，形成调研记录。',
  volunteer: '请穿着志愿者马甲，自备饮用水，活动结束后签退计时。',
};

const PLACES = ['党群服务中心', '新时代文明实践站', '居民议事厅', '社区广场'];

/** [start hour, minute, length in minutes] that suit each type. */
const SLOTS: Record<ActivityType, Array<[number, number, number]>> = {
  partyMeeting: [
    [9, 0, 90],
    [15, 0, 120],
    [19, 30, 90],
  ],
  symposium: [
    [9, 30, 90],
    [15, 0, 90],
    [19, 0, 90],
  ],
  survey: [
    [9, 0, 120],
    [14, 30, 180],
  ],
  volunteer: [
    [8, 0, 240],
    [8, 30, 180],
    [14, 0, 240],
    [15, 0, 120],
  ],
};

const MANUAL_IN = [
  '手机没电，现场登记签到',
  '扫码失败，书记现场补签',
  '未带手机，按签到表补签',
  '老年党员不会扫码，现场登记',
];
const MANUAL_OUT = ['忘记签退，按签退表补签', '手机没电未能签退，组织者补签退'];
const ATTENDANCE_REJECT = ['签到人与参加人不符', '未全程参加活动，不予认定', '签到时间与活动时间不符，请核实'];
const FILED_REJECT = [
  '调研报告缺少走访照片和居民意见，请补充后重新提交',
  '结对对象信息不完整，请补充困难群众住址',
  '走访记录过于简单，请补充走访内容',
];
const SURVEY_TITLES = [
  '关于小区停车难问题的调研',
  '关于老旧小区加装电梯意愿的调研',
  '关于社区养老服务需求的调研',
  '关于背街小巷路灯照明的调研',
  '关于垃圾分类投放点设置的调研',
];
const SURVEY_NOTE = '走访居民二十余户，整理出主要问题和建议，已形成书面材料。';
const HOUSEHOLD_KINDS = ['独居老人', '困难家庭', '残疾人家庭', '留守儿童家庭'];
const VISITS = ['上门走访，了解近况', '陪同就医复查', '帮助打扫卫生', '送去米面油', '帮忙办理医保业务'];
const VISIT_NOTE = '上门看望，了解生活和身体情况，帮助解决实际困难。';
const PAIRING_NOTE = '经社区推荐结对帮扶，每月至少走访一次，帮助解决生活困难。';

// ---------------------------------------------------------------- who

interface Member {
  openid: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  communityId: string;
}

interface Secretary {
  openid: string;
  name: string;
}

interface World {
  clock: Clock;
  communities: Map<string, CommunityDoc>;
  secretaries: Map<string, Secretary>;
  out: SixOnesSeed;
}

function verifiedMembers(users: SeedUserDoc[], units: UnitDoc[]): Member[] {
  const unitNames = new Map(units.map((u) => [u._id, u.name]));
  const out: Member[] = [];
  for (const u of users) {
    const g = u.roles.find((r) => r.role === 'member');
    if (!g || g.role !== 'member' || !g.verified || !g.communityId) continue;
    out.push({
      openid: u.openid,
      name: u.name ?? u.nickname,
      unitId: g.unitId ?? null,
      unitName: g.unitId ? (unitNames.get(g.unitId) ?? null) : null,
      communityId: g.communityId,
    });
  }
  return out;
}

// ---------------------------------------------------------------- activities, sign-ups, attendance

interface Review {
  status: RecordStatus;
  /** When the secretary approved or rejected it. */
  at?: number;
  reason?: string;
}

interface Attendee {
  member: Member;
  /** Signed up then cancelled; signed up and never came; checked in. */
  state: 'cancelled' | 'noShow' | 'in';
  /** Check-in, minutes from the start (negative: before it). */
  inAt?: number;
  manualIn?: string;
  /** Metres from the place, when the member sent a location. */
  distance?: number | null;
  /** Check-out (volunteer activities), minutes from the start; null: never checked out. */
  outAt?: number | null;
  manualOut?: string;
  review?: Review;
}

interface ActivityPlan {
  id: string;
  communityId: string;
  type: ActivityType;
  title: string;
  start: number;
  minutes: number;
  signUpBy: number;
  createdAt: number;
  capacity: number;
  cancelled?: { at: number; reason: string };
  people: Attendee[];
}

function place(world: World, communityId: string, rng: Rng): ActivityDoc['place'] {
  const c = world.communities.get(communityId)!;
  const jitter = () => Math.round((rng.float() - 0.5) * 0.002 * 1e6) / 1e6;
  return {
    name: `${c.name}${rng.pick(PLACES)}`,
    lat: Math.round((c.location.lat + jitter()) * 1e6) / 1e6,
    lng: Math.round((c.location.lng + jitter()) * 1e6) / 1e6,
    radius: rng.pick([200, 300, 500]),
  };
}

/** Writes one activity with its sign-ups and attendance records, as the live calls would have. */
function emitActivity(world: World, plan: ActivityPlan, rng: Rng): void {
  const { clock, out } = world;
  const secretary = world.secretaries.get(plan.communityId)!;
  const community = world.communities.get(plan.communityId)!;
  const end = plan.start + plan.minutes * MIN;
  const a: ActivityDoc = {
    _id: plan.id,
    communityId: plan.communityId,
    communityName: community.name,
    type: plan.type,
    title: plan.title,
    description: DESCRIPTIONS[plan.type],
    startAt: new Date(plan.start),
    endAt: new Date(end),
    signUpBy: new Date(plan.signUpBy),
    place: place(world, plan.communityId, rng),
    capacity: plan.capacity,
    signedUp: 0,
    status: plan.cancelled ? 'cancelled' : 'open',
    cancelReason: plan.cancelled?.reason ?? null,
    history: [
      { at: new Date(plan.createdAt), by: secretary.openid, byName: secretary.name, action: 'publish', note: null },
    ],
    createdAt: new Date(plan.createdAt),
    updatedAt: new Date(plan.cancelled?.at ?? plan.createdAt),
    createdBy: secretary.openid,
  };
  if (plan.cancelled)
    a.history.push({
      at: new Date(plan.cancelled.at),
      by: secretary.openid,
      byName: secretary.name,
      action: 'cancel',
      note: plan.cancelled.reason,
    });
  out.activities.push(a);

  // Sign-ups between publication and the deadline (and before the seed runs, or the cancellation).
  const signUpEnd = Math.min(plan.signUpBy, clock.anchor, plan.cancelled?.at ?? Infinity, plan.start);
  const span = Math.max(MIN, signUpEnd - plan.createdAt);
  for (const p of plan.people) {
    const m = p.member;
    const signedUpAt = plan.createdAt + Math.floor(span * (0.05 + 0.85 * rng.float()));
    const s: SignupDoc = {
      _id: signupId(a._id, m.openid),
      activityId: a._id,
      openid: m.openid,
      name: m.name,
      unitId: m.unitId,
      unitName: m.unitName,
      communityId: a.communityId,
      status: p.state === 'cancelled' ? 'cancelled' : 'active',
      signedUpAt: new Date(signedUpAt),
      checkIn: null,
      checkOut: null,
      minutes: null,
      updatedAt: new Date(
        p.state === 'cancelled' ? signedUpAt + Math.floor((signUpEnd - signedUpAt) * rng.float()) : signedUpAt,
      ),
    };
    out.signups.push(s);
    if (s.status === 'active') a.signedUp += 1;
    if (p.state !== 'in') continue;

    // Check-in (the QR code, or by hand with a reason) creates the pending attendance record.
    const inAt = plan.start + (p.inAt ?? 0) * MIN;
    s.checkIn = mark(inAt, p.manualIn, secretary, p.distance ?? null);
    const record: RecordDoc = {
      _id: attendanceRecordId(a._id, m.openid),
      openid: m.openid,
      memberName: m.name,
      unitName: m.unitName,
      year: localYearOf(plan.start),
      item: plan.type,
      kind: 'attendance',
      status: 'pending',
      title: a.title,
      note: null,
      photos: [],
      minutes: null,
      activity: { id: a._id, title: a.title, startAt: new Date(plan.start), manual: Boolean(p.manualIn) },
      wishId: null,
      pairingId: null,
      household: null,
      communityId: a.communityId,
      unitId: m.unitId,
      rejectReason: null,
      reviewedBy: null,
      reviewedAt: null,
      history: [
        p.manualIn
          ? {
              at: new Date(inAt),
              by: secretary.openid,
              byName: secretary.name,
              action: 'manualCheckIn',
              note: p.manualIn,
            }
          : { at: new Date(inAt), by: m.openid, byName: m.name, action: 'checkIn', note: null },
      ],
      createdAt: new Date(inAt),
      updatedAt: new Date(inAt),
      createdBy: p.manualIn ? secretary.openid : m.openid,
    };
    let last = inAt;
    // Check-out of a volunteer activity: the minutes, on the sign-up and on the pending record.
    if (plan.type === 'volunteer' && p.outAt !== undefined && p.outAt !== null) {
      const outAt = Math.max(inAt + MIN, plan.start + p.outAt * MIN);
      // A manual check-out is entered by the organiser afterwards, for the time the member left.
      const entered = p.manualOut ? beforeAnchor(clock, Math.max(outAt, end) + HOUR) : outAt;
      s.checkOut = mark(outAt, p.manualOut, secretary, p.manualOut ? null : (p.distance ?? null));
      s.minutes = serviceMinutes(a, new Date(inAt), new Date(outAt));
      record.minutes = s.minutes;
      if (p.manualOut) record.activity!.manual = true;
      record.history.push(
        p.manualOut
          ? {
              at: new Date(entered),
              by: secretary.openid,
              byName: secretary.name,
              action: 'manualCheckOut',
              note: p.manualOut,
            }
          : { at: new Date(entered), by: m.openid, byName: m.name, action: 'checkOut', note: null },
      );
      last = entered;
    }
    s.updatedAt = new Date(last);
    record.updatedAt = new Date(last);
    const review = p.review ?? { status: 'pending' };
    // A volunteer record without check-out cannot be approved (reviewRecords skips it).
    const status = plan.type === 'volunteer' && record.minutes === null ? 'pending' : review.status;
    if (status !== 'pending') decide(clock, record, status, review, last, secretary);
    out.records.push(record);
  }
}

function mark(
  at: number,
  manualReason: string | undefined,
  secretary: Secretary,
  distance: number | null,
): AttendanceMark {
  return manualReason
    ? { at: new Date(at), manual: true, by: secretary.openid, reason: manualReason, distance: null }
    : { at: new Date(at), manual: false, by: null, reason: null, distance };
}

/** The secretary's approval or rejection, after the record's last step and before the anchor. */
function decide(
  clock: Clock,
  r: RecordDoc,
  status: RecordStatus,
  review: Review,
  last: number,
  secretary: Secretary,
): void {
  const at = Math.max(last + 10 * MIN, beforeAnchor(clock, review.at ?? last + 20 * HOUR));
  const reason = status === 'rejected' ? (review.reason ?? FILED_REJECT[0]) : null;
  r.status = status;
  r.rejectReason = reason;
  r.reviewedBy = secretary.openid;
  r.reviewedAt = new Date(at);
  r.updatedAt = new Date(at);
  r.history.push({
    at: new Date(at),
    by: secretary.openid,
    byName: secretary.name,
    action: status === 'approved' ? 'approve' : 'reject',
    note: reason,
  });
}

// ---------------------------------------------------------------- filed records

interface FiledPlan {
  id: string;
  member: Member;
  kind: 'surveyReport' | 'pairing' | 'visit';
  title: string;
  note: string;
  household?: { name: string; address: string };
  pairingId?: string;
  filedAt: number;
  review?: Review;
  /** Rejected, corrected and filed again (pending again): when, and why it was rejected. */
  refiled?: { rejectedAt: number; reason: string; at: number };
}

function emitFiled(world: World, plan: FiledPlan): RecordDoc {
  const m = plan.member;
  const secretary = world.secretaries.get(m.communityId)!;
  const r: RecordDoc = {
    _id: plan.id,
    openid: m.openid,
    memberName: m.name,
    // As records.fileRecord writes it.
    unitName: null,
    year: localYearOf(plan.filedAt),
    item: plan.kind === 'surveyReport' ? 'survey' : 'pairing',
    kind: plan.kind,
    status: 'pending',
    title: plan.title,
    note: plan.note,
    photos: [],
    minutes: null,
    activity: null,
    wishId: null,
    pairingId: plan.pairingId ?? null,
    household: plan.household ?? null,
    communityId: m.communityId,
    unitId: m.unitId,
    rejectReason: null,
    reviewedBy: null,
    reviewedAt: null,
    history: [{ at: new Date(plan.filedAt), by: m.openid, byName: m.name, action: 'file', note: null }],
    createdAt: new Date(plan.filedAt),
    updatedAt: new Date(plan.filedAt),
    createdBy: m.openid,
  };
  if (plan.refiled) {
    const { rejectedAt, reason, at } = plan.refiled;
    r.reviewedBy = secretary.openid;
    r.reviewedAt = new Date(rejectedAt);
    r.history.push(
      { at: new Date(rejectedAt), by: secretary.openid, byName: secretary.name, action: 'reject', note: reason },
      { at: new Date(at), by: m.openid, byName: m.name, action: 'refile', note: null },
    );
    r.updatedAt = new Date(at);
  }
  const review = plan.review ?? { status: 'pending' };
  if (review.status !== 'pending') decide(world.clock, r, review.status, review, r.updatedAt.getTime(), secretary);
  world.out.records.push(r);
  return r;
}

function household(rng: Rng, community: CommunityDoc): { name: string; address: string } {
  const compound = rng.pick(N.COMPOUND_PREFIXES) + rng.pick(N.COMPOUND_SUFFIXES);
  return {
    name: rng.pick(N.SURNAMES) + rng.pick(N.GIVEN_NAMES),
    address: `${community.name}${compound}${rng.int(1, 12)}栋${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`,
  };
}

// ---------------------------------------------------------------- the demo story

function storyMembers(members: Member[], communityId: string, openids: string[]): Member[] {
  return openids.map((openid) => {
    const m = members.find((x) => x.openid === openid);
    if (!m || m.communityId !== communityId)
      throw new Error(`seed: ${openid} is not a verified member of ${communityId}`);
    return m;
  });
}

/** A plan's times from a day (local midnight), a start hh:mm and a length. */
function timed(day: number, hh: number, mm: number, minutes: number, clock: Clock) {
  const start = day + (hh * 60 + mm) * MIN;
  // Published two weeks ahead (never after the seed runs); sign-up closes the evening before.
  const createdAt = Math.min(start - 14 * DAY, clock.anchor - 2 * DAY);
  return { start, minutes, signUpBy: day - 6 * HOUR, createdAt };
}

const came = (member: Member, extra: Partial<Attendee> = {}): Attendee => ({
  member,
  state: 'in',
  inAt: -10,
  distance: 40,
  ...extra,
});

/**
 * c01 (demo-secretary): demo-member, seed-member-01, -02 and -05 are its verified members.
 * Pending for the secretary: 8 attendances and 4 filed records. demo-member this year: 组织生活
 * and 志愿者 done; 座谈 and a走访 pending; a rejected survey report to correct; signed up to
 * one upcoming volunteer activity.
 */
function c01Story(world: World, members: Member[], rng: Rng): void {
  const { clock } = world;
  const [dm, m1, m2, m5] = storyMembers(members, 'c01', [
    'demo-member',
    'seed-member-01',
    'seed-member-02',
    'seed-member-05',
  ]);
  const approved: Review = { status: 'approved' };
  const pending: Review = { status: 'pending' };
  const day = (d: number) => storyDay(clock, d);
  const act = (
    n: number,
    type: ActivityType,
    title: string,
    t: ReturnType<typeof timed>,
    capacity: number,
    people: Attendee[],
    cancelled?: ActivityPlan['cancelled'],
  ) =>
    emitActivity(
      world,
      {
        id: `activity-c01-${String(n).padStart(2, '0')}`,
        communityId: 'c01',
        type,
        title,
        ...t,
        capacity,
        people,
        cancelled,
      },
      rng,
    );

  // This year, ended. Distinct hours, so days pulled together early in January never overlap.
  act(1, 'partyMeeting', '主题党日：重温入党誓词', timed(day(-45), 8, 0, 90, clock), 40, [
    came(dm, { review: approved, distance: 25 }),
    came(m1, { review: approved, distance: null }),
    came(m2, { manualIn: MANUAL_IN[0], review: approved }),
    came(m5, { inAt: 5, review: approved, distance: 60 }),
  ]);
  act(2, 'volunteer', '社区环境整治志愿服务', timed(day(-30), 12, 30, 240, clock), 20, [
    came(dm, { outAt: 245, review: approved }),
    came(m1, { inAt: -5, outAt: 205, review: approved }),
    came(m2, { outAt: 240, manualOut: MANUAL_OUT[0], review: approved }),
    { member: m5, state: 'noShow' },
  ]);
  act(3, 'survey', '老旧小区改造入户调研', timed(day(-14), 9, 45, 120, clock), 10, [
    { member: dm, state: 'cancelled' },
    came(m1, { review: approved }),
    came(m2, { review: pending, distance: 120 }),
    came(m5, { review: pending }),
  ]);
  act(4, 'symposium', '在职党员座谈会', timed(day(-6), 19, 0, 90, clock), 30, [
    came(dm, { review: pending }),
    came(m1, { manualIn: MANUAL_IN[1], review: pending }),
    came(m2, { review: pending, distance: 15 }),
    { member: m5, state: 'noShow' },
  ]);
  // Recent: the secretary can still mark seed-member-05's missing check-out by hand (7 days).
  act(5, 'volunteer', '文明交通劝导志愿服务', timed(day(-3), 16, 45, 120, clock), 15, [
    came(dm, { outAt: 122, review: pending }),
    came(m1, { outAt: 95, review: pending }),
    came(m5, { outAt: null, review: pending }),
  ]);

  // Upcoming: cancelled, sign-up closed, sign-up open.
  act(
    6,
    'partyMeeting',
    '党史专题讲座',
    timed(day(5), 9, 0, 90, clock),
    50,
    [
      { member: m1, state: 'noShow' },
      { member: m2, state: 'noShow' },
    ],
    { at: clock.anchor - 20 * HOUR, reason: '主讲人临时有事，活动改期举行' },
  );
  act(7, 'symposium', '社区议事协商会', { ...timed(day(1), 19, 0, 90, clock), signUpBy: day(-1) + 18 * HOUR }, 20, [
    { member: m1, state: 'noShow' },
    { member: m5, state: 'noShow' },
  ]);
  act(8, 'volunteer', '关爱独居老人志愿服务', timed(day(4), 8, 0, 240, clock), 20, [
    { member: dm, state: 'noShow' },
    { member: m1, state: 'noShow' },
    { member: m2, state: 'cancelled' },
  ]);
  act(9, 'survey', '居民需求入户调研', timed(day(9), 14, 30, 120, clock), 10, [
    { member: m2, state: 'noShow' },
    { member: m5, state: 'noShow' },
  ]);
  act(10, 'partyMeeting', '主题党日：学习身边榜样', timed(day(16), 9, 0, 90, clock), 50, []);

  // Last year: all approved.
  const prev = clock.year - 1;
  const on = (month: number, d: number) => localDate(prev, month, d);
  act(11, 'volunteer', '学雷锋志愿服务', timed(on(3, 5), 8, 30, 240, clock), 30, [
    came(dm, { outAt: 240, review: approved }),
    came(m1, { outAt: 240, review: approved }),
    came(m2, { outAt: 180, review: approved }),
    came(m5, { outAt: 245, review: approved }),
  ]);
  act(12, 'partyMeeting', '“七一”主题党日', timed(on(7, 1), 9, 0, 90, clock), 50, [
    came(dm, { review: approved }),
    came(m1, { review: approved }),
    came(m2, { review: approved }),
    came(m5, { review: approved }),
  ]);
  act(13, 'symposium', '共驻共建座谈交流会', timed(on(9, 16), 19, 0, 90, clock), 30, [
    came(dm, { review: approved }),
    came(m5, { manualIn: MANUAL_IN[2], review: approved }),
  ]);
  act(14, 'survey', '背街小巷环境调研', timed(on(11, 12), 9, 0, 120, clock), 10, [
    came(dm, { review: approved }),
    came(m2, { review: approved }),
  ]);

  // Filed records.
  const c01 = world.communities.get('c01')!;
  const at = (d: number, hh: number) => day(d) + hh * HOUR;
  const filed = (n: number, m: Member, plan: Omit<FiledPlan, 'id' | 'member'>) =>
    emitFiled(world, { id: `filed-c01-${String(n).padStart(2, '0')}`, member: m, ...plan });
  const dmHousehold = { name: '刘桂英', address: `${c01.name}幸福小区3栋2单元101室` };
  const dmPairing = filed(1, dm, {
    kind: 'pairing',
    title: '结对帮扶独居老人刘桂英',
    note: PAIRING_NOTE,
    household: dmHousehold,
    filedAt: at(-60, 10),
    review: approved,
  });
  filed(2, dm, {
    kind: 'visit',
    pairingId: dmPairing._id,
    title: '走访刘桂英：送去米面油',
    note: VISIT_NOTE,
    filedAt: at(-2, 15),
  });
  filed(3, dm, {
    kind: 'surveyReport',
    title: '关于小区停车难问题的调研',
    note: SURVEY_NOTE,
    filedAt: at(-20, 9),
    review: { status: 'rejected', reason: FILED_REJECT[0] },
  });
  filed(4, m1, {
    kind: 'surveyReport',
    title: SURVEY_TITLES[1],
    note: SURVEY_NOTE,
    filedAt: at(-25, 9),
    review: approved,
  });
  const m1Pairing = filed(5, m1, {
    kind: 'pairing',
    title: '结对帮扶困难家庭曾德华',
    note: PAIRING_NOTE,
    household: { name: '曾德华', address: `${c01.name}锦绣花园5栋1单元302室` },
    filedAt: at(-50, 9),
    review: approved,
  });
  filed(6, m1, {
    kind: 'visit',
    pairingId: m1Pairing._id,
    title: '走访曾德华：陪同就医复查',
    note: VISIT_NOTE,
    filedAt: at(-40, 16),
    review: approved,
  });
  filed(7, m1, {
    kind: 'visit',
    pairingId: m1Pairing._id,
    title: '走访曾德华：帮助打扫卫生',
    note: VISIT_NOTE,
    filedAt: at(-10, 16),
    review: approved,
  });
  filed(8, m2, { kind: 'surveyReport', title: SURVEY_TITLES[2], note: SURVEY_NOTE, filedAt: at(-4, 20) });
  filed(9, m2, {
    kind: 'pairing',
    title: '结对帮扶残疾人家庭温秀英',
    note: PAIRING_NOTE,
    household: { name: '温秀英', address: `${c01.name}阳光小区2栋3单元501室` },
    filedAt: at(-1, 20),
  });
  const m5Pairing = filed(10, m5, {
    kind: 'pairing',
    title: '结对帮扶留守儿童家庭邱小军',
    note: PAIRING_NOTE,
    household: { name: '邱小军', address: `${c01.name}翠竹新村1栋1单元201室` },
    filedAt: at(-35, 10),
    review: approved,
  });
  filed(11, m5, {
    kind: 'visit',
    pairingId: m5Pairing._id,
    title: '走访邱小军：辅导作业',
    note: VISIT_NOTE,
    filedAt: at(-20, 19),
    review: approved,
  });
  // Rejected, corrected and filed again: pending once more.
  filed(12, m5, {
    kind: 'surveyReport',
    title: SURVEY_TITLES[3],
    note: `${SURVEY_NOTE}（已补充照片）`,
    filedAt: at(-9, 9),
    refiled: { rejectedAt: at(-8, 12), reason: FILED_REJECT[2], at: at(-5, 21) },
  });
  // Last year.
  const dmPairingPrev = filed(13, dm, {
    kind: 'pairing',
    title: '结对帮扶独居老人刘桂英',
    note: PAIRING_NOTE,
    household: dmHousehold,
    filedAt: localDate(prev, 4, 10, 10),
    review: approved,
  });
  filed(14, dm, {
    kind: 'visit',
    pairingId: dmPairingPrev._id,
    title: '走访刘桂英：帮忙办理医保业务',
    note: VISIT_NOTE,
    filedAt: localDate(prev, 5, 20, 15),
    review: approved,
  });
  filed(15, m1, {
    kind: 'surveyReport',
    title: SURVEY_TITLES[0],
    note: SURVEY_NOTE,
    filedAt: localDate(prev, 10, 8, 9),
    review: approved,
  });
}

/** c02, c06, c14: a lighter story, so the county overview compares a few communities. */
function lightStory(world: World, communityId: string, members: Member[], rng: Rng): void {
  const { clock } = world;
  const own = members.filter((m) => m.communityId === communityId && /^seed-member-\d\d$/.test(m.openid));
  if (own.length === 0) return;
  const day = (d: number) => storyDay(clock, d);
  const approved: Review = { status: 'approved' };
  let n = 0;
  const act = (type: ActivityType, title: string, t: ReturnType<typeof timed>, capacity: number, people: Attendee[]) =>
    emitActivity(
      world,
      {
        id: `activity-${communityId}-${String(++n).padStart(2, '0')}`,
        communityId,
        type,
        title,
        ...t,
        capacity,
        people,
      },
      rng,
    );
  act(
    'partyMeeting',
    '主题党日：红色故事分享会',
    timed(day(-40), 8, 30, 90, clock),
    40,
    own.map((m) => came(m, { review: approved })),
  );
  act(
    'volunteer',
    '垃圾分类宣传志愿服务',
    timed(day(-21), 13, 0, 240, clock),
    20,
    own.map((m, i) =>
      came(m, {
        outAt: i === 0 ? 240 : rng.int(90, 240),
        review: i === own.length - 1 && i > 0 ? { status: 'pending' } : approved,
      }),
    ),
  );
  act(
    'symposium',
    '社区治理议事座谈会',
    timed(day(-8), 19, 0, 90, clock),
    30,
    own.map((m) => came(m)),
  );
  act(
    'survey',
    '社区养老服务需求调研',
    timed(localDate(clock.year - 1, 10, 20), 9, 0, 120, clock),
    10,
    own.map((m) => came(m, { review: approved })),
  );
  act('partyMeeting', '组织生活会', timed(day(7), 15, 0, 120, clock), 30, [{ member: own[0], state: 'noShow' }]);
  emitFiled(world, {
    id: `filed-${communityId}-01`,
    member: own[0],
    kind: 'surveyReport',
    title: SURVEY_TITLES[4],
    note: SURVEY_NOTE,
    filedAt: day(-15) + 10 * HOUR,
    review: approved,
  });
}

// ---------------------------------------------------------------- bulk (county scales)

const TYPE_WEIGHTS: Array<[ActivityType, number]> = [
  ['volunteer', 0.35],
  ['partyMeeting', 0.3],
  ['symposium', 0.2],
  ['survey', 0.15],
];

function pickType(rng: Rng): ActivityType {
  let x = rng.float();
  for (const [t, w] of TYPE_WEIGHTS) if ((x -= w) < 0) return t;
  return 'volunteer';
}

/** A record's fate by its age: old ones mostly approved, recent ones mostly awaiting review. */
function fate(rng: Rng, clock: Clock, doneAt: number, rejectReasons: string[]): Review {
  const age = (clock.anchor - doneAt) / DAY;
  const x = rng.float();
  const [approve, reject] = age > 30 ? [0.93, 0.03] : age > 7 ? [0.75, 0.03] : [0.25, 0.01];
  const at = doneAt + rng.int(2, Math.max(3, Math.min(240, Math.floor(age * 24) - 1))) * HOUR;
  if (x < approve) return { status: 'approved', at };
  if (x < approve + reject) return { status: 'rejected', at, reason: rng.pick(rejectReasons) };
  return { status: 'pending' };
}

interface YearWindow {
  year: number;
  /** First and last local midnight of the past days of the year to place records on. */
  from: number;
  to: number;
  days: number;
}

function windows(clock: Clock): YearWindow[] {
  const prev = clock.year - 1;
  const out: YearWindow[] = [
    {
      year: prev,
      from: yearStart(prev),
      to: yearStart(clock.year) - DAY,
      days: Math.round((yearStart(clock.year) - yearStart(prev)) / DAY),
    },
  ];
  if (clock.elapsed > 0)
    out.push({ year: clock.year, from: yearStart(clock.year), to: clock.today - DAY, days: clock.elapsed });
  return out;
}

function groupByCommunity(members: Member[]): Map<string, Member[]> {
  const out = new Map<string, Member[]>();
  for (const m of members) {
    const list = out.get(m.communityId);
    if (list) list.push(m);
    else out.set(m.communityId, [m]);
  }
  return out;
}

const randomDay = (rng: Rng, w: YearWindow) => w.from + rng.int(0, w.days - 1) * DAY;

/** Survey reports, pairings and their visits: about one member in four files something a year. */
function bulkFiled(world: World, rng: Rng, members: Member[]): void {
  const { clock } = world;
  for (const w of windows(clock)) {
    for (const m of members) {
      let n = 0;
      const id = () => `filed-${m.openid}-${w.year}-${++n}`;
      const community = world.communities.get(m.communityId)!;
      if (rng.chance(0.12)) {
        const filedAt = randomDay(rng, w) + rng.int(8, 21) * HOUR;
        emitFiled(world, {
          id: id(),
          member: m,
          kind: 'surveyReport',
          title: rng.pick(SURVEY_TITLES),
          note: SURVEY_NOTE,
          filedAt,
          review: fate(rng, clock, filedAt, FILED_REJECT),
        });
      }
      if (rng.chance(0.15)) {
        const filedAt = randomDay(rng, w) + rng.int(8, 21) * HOUR;
        const h = household(rng, community);
        const pairing = emitFiled(world, {
          id: id(),
          member: m,
          kind: 'pairing',
          title: `结对帮扶${rng.pick(HOUSEHOLD_KINDS)}${h.name}`,
          note: PAIRING_NOTE,
          household: h,
          filedAt,
          review: fate(rng, clock, filedAt, FILED_REJECT),
        });
        if (pairing.status === 'rejected') continue;
        let visitAt = filedAt;
        for (let v = rng.int(0, 3); v > 0; v--) {
          visitAt += rng.int(3, 45) * DAY;
          if (visitAt > w.to + DAY - HOUR || visitAt >= clock.anchor - HOUR) break;
          emitFiled(world, {
            id: id(),
            member: m,
            kind: 'visit',
            pairingId: pairing._id,
            title: `走访${h.name}：${rng.pick(VISITS)}`,
            note: VISIT_NOTE,
            filedAt: visitAt,
            review: fate(rng, clock, visitAt, FILED_REJECT),
          });
        }
      }
    }
  }
}

/**
 * Ended activities of every community and year, with their attendance, until `quota`
 * attendance records: shared over communities by members and over the years by the days past.
 */
function bulkAttendance(world: World, rng: Rng, members: Member[], quota: number): void {
  const { clock } = world;
  const byCommunity = groupByCommunity(members);
  const shares: Array<{ communityId: string; w: YearWindow; weight: number; pool: Member[] }> = [];
  for (const [communityId, pool] of byCommunity)
    for (const w of windows(clock)) shares.push({ communityId, w, weight: pool.length * w.days, pool });
  const total = shares.reduce((n, s) => n + s.weight, 0);
  let given = 0;
  shares.forEach((share, i) => {
    const q = i === shares.length - 1 ? quota - given : Math.floor((quota * share.weight) / total);
    given += q;
    let made = 0;
    let seq = 0;
    while (made < q) {
      const type = pickType(rng);
      const [hh, mm, minutes] = rng.pick(SLOTS[type]);
      const day = randomDay(rng, share.w);
      const k = Math.min(rng.int(10, 40), q - made, share.pool.length);
      const noShows = rng.int(0, Math.max(1, Math.floor(k / 8)));
      const cancels = rng.int(0, 2);
      const who = rng.sample(share.pool, k + noShows + cancels);
      const t = timed(day, hh, mm, minutes, clock);
      const id = `activity-${share.communityId}-${share.w.year}-${String(++seq).padStart(4, '0')}`;
      const end = t.start + minutes * MIN;
      // Now and then an activity is called off before it starts: sign-ups, no attendance.
      if (rng.chance(0.015)) {
        emitActivity(
          world,
          {
            id,
            communityId: share.communityId,
            type,
            title: rng.pick(TITLES[type]),
            ...t,
            capacity: who.length + 10,
            people: who.map((member) => ({ member, state: 'noShow' as const })),
            cancelled: { at: t.start - rng.int(6, 48) * HOUR, reason: '因天气原因取消' },
          },
          rng,
        );
        continue;
      }
      const people: Attendee[] = who.map((member, j) => {
        if (j >= k + noShows) return { member, state: 'cancelled' };
        if (j >= k) return { member, state: 'noShow' };
        const manualIn = rng.chance(0.04) ? rng.pick(MANUAL_IN) : undefined;
        const volunteer = type === 'volunteer';
        const inAt = rng.int(-25, 10);
        const outAt = volunteer && !rng.chance(0.06) ? Math.max(inAt + 20, minutes + rng.int(-45, 20)) : null;
        const manualOut = outAt !== null && rng.chance(0.03) ? rng.pick(MANUAL_OUT) : undefined;
        return {
          member,
          state: 'in',
          inAt,
          manualIn,
          distance: rng.chance(0.7) ? rng.int(3, 180) : null,
          outAt,
          manualOut,
          review: fate(rng, clock, end, ATTENDANCE_REJECT),
        };
      });
      emitActivity(
        world,
        {
          id,
          communityId: share.communityId,
          type,
          title: rng.pick(TITLES[type]),
          ...t,
          capacity: Math.ceil((k + noShows + rng.int(0, 20)) / 5) * 5,
          people,
        },
        rng,
      );
      made += k;
    }
  });
}

/** Each community's coming month: open for sign-up (some full-ish), a few closed or cancelled. */
function bulkUpcoming(world: World, rng: Rng, members: Member[]): void {
  const { clock } = world;
  const byCommunity = groupByCommunity(members);
  for (const [communityId, pool] of byCommunity) {
    const n = Math.max(6, Math.round(pool.length / 40));
    for (let i = 1; i <= n; i++) {
      const type = pickType(rng);
      const [hh, mm, minutes] = rng.pick(SLOTS[type]);
      const d = rng.int(1, 30);
      const t = timed(clock.today + d * DAY, hh, mm, minutes, clock);
      const createdAt = clock.anchor - rng.int(1, 14) * DAY;
      const closed = d <= 3 && rng.chance(0.5);
      const capacity = rng.int(4, 16) * 5;
      const active = rng.int(0, Math.floor(capacity * 0.6));
      const who = rng.sample(pool, active + rng.int(0, 2));
      emitActivity(
        world,
        {
          id: `activity-${communityId}-next-${String(i).padStart(3, '0')}`,
          communityId,
          type,
          title: rng.pick(TITLES[type]),
          ...t,
          createdAt,
          signUpBy: closed ? clock.today - 6 * HOUR : t.signUpBy,
          capacity,
          people: who.map((member, j) => ({ member, state: j < active ? 'noShow' : 'cancelled' })),
          cancelled: rng.chance(0.08)
            ? { at: clock.anchor - rng.int(1, 20) * HOUR, reason: '场地临时调整，活动取消' }
            : undefined,
        },
        rng,
      );
    }
  }
}

// ---------------------------------------------------------------- entry point

const STORY_COMMUNITIES = ['c02', 'c06', 'c14'];

export function buildSixOnes(options: SixOnesOptions): SixOnesSeed {
  const { users, communities, units, anchor, records } = options;
  const names = new Map(users.map((u) => [u._id, u.name ?? u.nickname]));
  const world: World = {
    clock: clockOf(anchor),
    communities: new Map(communities.map((c) => [c._id, c])),
    secretaries: new Map(
      communities.map((c) => [c._id, { openid: c.secretaryOpenid, name: names.get(c.secretaryOpenid) ?? '' }]),
    ),
    out: { activities: [], signups: [], records: [] },
  };
  const members = verifiedMembers(users, units);
  c01Story(world, members, new Rng('sixOnes-c01'));
  for (const c of STORY_COMMUNITIES) lightStory(world, c, members, new Rng(`sixOnes-${c}`));

  const bulkRecords = records - world.out.records.length;
  if (bulkRecords > 0) {
    // The bulk concerns the members added for the benchmark, so the demo identities' story stays as told.
    const bulk = members.filter((m) => m.openid.startsWith('seed-member-x'));
    const before = world.out.records.length;
    bulkFiled(world, new Rng('sixOnes-filed'), bulk);
    const filed = world.out.records.length - before;
    bulkAttendance(world, new Rng('sixOnes-attendance'), bulk, Math.max(0, bulkRecords - filed));
    bulkUpcoming(world, new Rng('sixOnes-upcoming'), bulk);
  }
  return world.out;
}
