import { PRIVACY_VERSION } from '../../contract';
import { halfOf } from '../../contract/quarters';
import { quarterAt } from '../../server/supervision/sources';
import { localFunctionEnv } from '../../emulator/functions/env';
import type { LocalCloud } from '../../emulator/local-cloud';
import { codeFor, slotAt } from '../../server/sixOnes/checkin';
import type { RecordDoc } from '../../server/sixOnes/credit';
import type { ActivityDoc, SignupDoc } from '../../server/sixOnes/model';
import { signupId } from '../../server/sixOnes/model';

/** One benchmarked action: called `runs` times through the h5 gateway, sequentially. */
export interface BenchCase {
  name: string;
  fn: string;
  action: string;
  /**
   * Payload and caller for call number `i` of pass `pass` (so a case can use a fresh user per
   * call): pass 0 at latency 0, pass 1 with the database latency (`--latency`).
   */
  call: (i: number, prepared: string[], pass: 0 | 1) => { openid: string; payload: unknown };
  /**
   * Reads (or, for the bench only, writes) what the calls need before timing starts — e.g. ids
   * of published wishes; `need` is how many calls will be made (runs and warm-up). Called again
   * for the latency pass, after the first pass's calls: it must find (or make) fresh targets.
   */
  prepare?: (cloud: LocalCloud, need: number) => string[];
  /** At most this many timed calls (for calls that each consume a lot of data), after `warmUp` (default 5). */
  maxRuns?: number;
  warmUp?: number;
  /**
   * What the case must stay within: database requests per call, database round trips per call
   * (requests sent side by side share one), p95 latency, and p95 with the database latency at
   * `--latency` (10 ms; default 300 ms for every case).
   */
  budget?: { requests?: number; roundTrips?: number; p95Ms?: number; p95AtLatencyMs?: number };
  /**
   * Compared between a 1× and a 10× seed, latency within 1.5×: `records` — the 六个一 views,
   * county (1×) against county10 (`--scale county10`); `cases` — the complaint metrics, the
   * county with 10,000 cases (1×) against the county's 100,000 (`--scale county`).
   */
  compare?: Tenfold;
}

/** Which of the seed's data a compared case is measured at 1× and 10× of. */
export type Tenfold = 'records' | 'cases';

const publishedWishes = (cloud: LocalCloud) =>
  cloud.store.find('wishes', { query: { status: 'published' }, sort: { _id: 1 } }).map((w) => w._id);
/** Verified members without active claims, so every timed claim can succeed. */
const freeMembers = (cloud: LocalCloud) =>
  cloud.store
    .find('users', {
      query: { roles: { $elemMatch: { role: 'member', verified: true } }, activeClaims: { $exists: false } },
    })
    .map((u) => u._id);

// ---------------------------------------------------------------- 六个一 helpers

/** Where the bench activities take place (the member checks in from there). */
const BENCH_PLACE = { lat: 26.34, lng: 115.35, radius: 500 };

interface MemberRow {
  openid: string;
  name: string;
  unitId: string | null;
}

/** Verified members of a community, by openid. */
function communityMembers(cloud: LocalCloud, communityId: string): MemberRow[] {
  return cloud.store
    .find('users', {
      query: { roles: { $elemMatch: { role: 'member', verified: true, communityId } } },
      sort: { _id: 1 },
    })
    .map((u) => {
      const g = (u.roles as Array<{ role: string; unitId?: string }>).find((r) => r.role === 'member');
      return { openid: u._id, name: (u.name as string) ?? '', unitId: g?.unitId ?? null };
    });
}

/** Bench activities made so far in this process: the ids of later ones follow on. */
let benchActivityCount = 0;

/**
 * Bench-only activities of a community (ids `bench-<kind>-<n>`, `n` counted over the process),
 * written straight into the database: `signedUpAll` signs every verified member of the community
 * up (for check-in).
 */
function benchActivities(
  cloud: LocalCloud,
  kind: string,
  communityId: string,
  count: number,
  times: { startAt: Date; endAt: Date; signUpBy: Date },
  members: MemberRow[],
  signedUpAll: boolean,
): string[] {
  const community = cloud.store.find('communities', { query: { _id: communityId } })[0] as unknown as {
    name: string;
    secretaryOpenid: string;
  };
  const now = new Date();
  const activities: ActivityDoc[] = [];
  const signups: SignupDoc[] = [];
  for (let k = 0; k < count; k++) {
    const a: ActivityDoc = {
      _id: `bench-${kind}-${benchActivityCount++}`,
      communityId,
      communityName: community.name,
      type: 'partyMeeting',
      title: '压测活动',
      description: '',
      ...times,
      place: { name: `${community.name}党群服务中心`, ...BENCH_PLACE },
      capacity: 2000,
      signedUp: signedUpAll ? members.length : 0,
      status: 'open',
      cancelReason: null,
      history: [],
      createdAt: now,
      updatedAt: now,
      createdBy: community.secretaryOpenid,
    };
    activities.push(a);
    if (!signedUpAll) continue;
    for (const m of members) {
      signups.push({
        _id: signupId(a._id, m.openid),
        activityId: a._id,
        openid: m.openid,
        name: m.name,
        unitId: m.unitId,
        unitName: null,
        communityId,
        status: 'active',
        signedUpAt: now,
        checkIn: null,
        checkOut: null,
        minutes: null,
        updatedAt: now,
      });
    }
  }
  cloud.store.insert('activities', activities as never);
  if (signups.length) cloud.store.insert('signups', signups as never);
  return activities.map((a) => a._id);
}

/** Members × activities, one member after another across the activities (each pair once). */
const pairs = (activityIds: string[], members: MemberRow[], need: number) => {
  const out: string[] = [];
  for (const m of members)
    for (const a of activityIds) {
      if (out.length >= need) return out;
      out.push(`${a} ${m.openid}`);
    }
  return out;
};

/** (activity, member) pairs that can sign up now: open activities with room, members not signed up yet. */
function signUpTargets(cloud: LocalCloud, need: number): string[] {
  const now = new Date();
  const open = cloud.store
    .find('activities', {
      query: { status: 'open', signUpBy: { $gt: now }, endAt: { $gt: now } },
      sort: { _id: 1 },
      projection: { history: 0 },
    })
    .filter((a) => (a.signedUp as number) < (a.capacity as number)) as unknown as ActivityDoc[];
  const members = new Map<string, MemberRow[]>();
  const out: string[] = [];
  for (const a of open) {
    if (!members.has(a.communityId)) members.set(a.communityId, communityMembers(cloud, a.communityId));
    const taken = new Set(cloud.store.find('signups', { query: { activityId: a._id } }).map((s) => s.openid as string));
    let room = a.capacity - a.signedUp;
    for (const m of members.get(a.communityId)!) {
      if (room === 0 || out.length >= need) break;
      if (taken.has(m.openid)) continue;
      out.push(`${a._id} ${m.openid}`);
      room--;
    }
    if (out.length >= need) return out;
  }
  // The demo seed has too few: add bench activities open for sign-up in c01.
  const c01 = communityMembers(cloud, 'c01');
  const day = 86_400_000;
  const start = new Date(now.getTime() + 3 * day);
  const extra = benchActivities(
    cloud,
    'signup',
    'c01',
    Math.ceil((need - out.length) / c01.length),
    { startAt: start, endAt: new Date(start.getTime() + 2 * 3_600_000), signUpBy: new Date(start.getTime() - day) },
    c01,
    false,
  );
  return [...out, ...pairs(extra, c01, need - out.length)];
}

/** Bench activities in c01 whose check-in window is open now, every member of c01 signed up. */
function checkInTargets(cloud: LocalCloud, need: number): string[] {
  const now = Date.now();
  const members = communityMembers(cloud, 'c01');
  const ids = benchActivities(
    cloud,
    'checkin',
    'c01',
    Math.ceil(need / members.length),
    {
      startAt: new Date(now + 10 * 60_000),
      endAt: new Date(now + 3 * 3_600_000),
      signUpBy: new Date(now - 60_000),
    },
    members,
    true,
  );
  return pairs(ids, members, need);
}

/**
 * Pending attendance records of `count` verified members' attendances at bench activities of
 * c01 (as check-in writes them), for when the seed has too few to approve 100 at a time.
 */
function benchPendingRecords(cloud: LocalCloud, count: number): string[] {
  const community = cloud.store.find('communities', { query: { _id: 'c01' } })[0];
  const members = communityMembers(cloud, 'c01').filter((m) => m.openid !== community.secretaryOpenid);
  const now = new Date();
  const day = 86_400_000;
  const start = new Date(now.getTime() - day);
  const ids = benchActivities(
    cloud,
    'review',
    'c01',
    Math.ceil(count / members.length),
    { startAt: start, endAt: new Date(start.getTime() + 2 * 3_600_000), signUpBy: new Date(start.getTime() - day) },
    members,
    false,
  );
  const byOpenid = new Map(members.map((m) => [m.openid, m]));
  const records: RecordDoc[] = pairs(ids, members, count).map((pair) => {
    const [activityId, openid] = pair.split(' ');
    const m = byOpenid.get(openid)!;
    return {
      _id: `bench-record-${activityId}-${openid}`,
      openid,
      memberName: m.name,
      unitName: null,
      year: now.getUTCFullYear(),
      item: 'partyMeeting',
      kind: 'attendance',
      status: 'pending',
      title: '压测活动',
      note: null,
      photos: [],
      minutes: null,
      activity: { id: activityId, title: '压测活动', startAt: start, manual: false },
      wishId: null,
      pairingId: null,
      household: null,
      communityId: 'c01',
      unitId: m.unitId,
      rejectReason: null,
      reviewedBy: null,
      reviewedAt: null,
      history: [{ at: start, by: openid, byName: m.name, action: 'checkIn', note: null }],
      createdAt: start,
      updatedAt: start,
      createdBy: openid,
    };
  });
  cloud.store.insert('records', records as never);
  return records.map((r) => r._id);
}

/**
 * Batches of 100 pending records that can all be approved, each with its community's secretary;
 * when the seed has too few (the demo seed), pending records written for the bench make up the rest.
 */
function reviewBatches(cloud: LocalCloud, need: number): string[] {
  const secretaries = new Map(
    cloud.store.find('communities', { query: {} }).map((c) => [c._id, c.secretaryOpenid as string]),
  );
  const batches: string[][] = [];
  for (const [communityId, secretary] of secretaries) {
    const pending = (
      cloud.store.find('records', {
        query: { communityId, status: 'pending' },
        sort: { _id: 1 },
      }) as unknown as RecordDoc[]
    ).filter((r) => !(r.kind === 'attendance' && r.item === 'volunteer' && r.minutes === null));
    for (let i = 0; i + 100 <= pending.length; i += 100)
      batches.push([secretary, ...pending.slice(i, i + 100).map((r) => r._id)]);
  }
  // Round robin over the communities.
  batches.sort((a, b) => a[1].localeCompare(b[1]));
  if (batches.length < need) {
    const extra = benchPendingRecords(cloud, (need - batches.length) * 100);
    for (let i = 0; i + 100 <= extra.length; i += 100)
      batches.push([secretaries.get('c01')!, ...extra.slice(i, i + 100)]);
  }
  return batches.slice(0, need).map((b) => b.join(' '));
}

export const CASES: BenchCase[] = [
  {
    name: 'account.me (registered user)',
    fn: 'account',
    action: 'me',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'account.me (first call: registers)',
    fn: 'account',
    action: 'me',
    call: (i, _prepared, pass) => ({ openid: `o-bench-new-${pass}-${i}`, payload: {} }),
    budget: { roundTrips: 4 },
  },
  {
    name: 'account.acceptPrivacy',
    fn: 'account',
    action: 'acceptPrivacy',
    // users registered by the case above, who have not accepted yet: one read, one write
    call: (i, _prepared, pass) => ({
      openid: `o-bench-new-${pass}-${i}`,
      payload: { version: PRIVACY_VERSION },
    }),
    budget: { roundTrips: 4 },
  },
  {
    name: 'account.myGrid (我的网格)',
    fn: 'account',
    action: 'myGrid',
    call: () => ({ openid: 'demo-resident', payload: {} }),
  },
  {
    name: 'directory.stations (near)',
    fn: 'directory',
    action: 'stations',
    call: () => ({ openid: 'demo-resident', payload: { near: { lat: 26.34, lng: 115.35 } } }),
  },
  {
    name: 'directory.community (profile pickers)',
    fn: 'directory',
    action: 'community',
    call: () => ({ openid: 'demo-resident', payload: { communityId: 'c01' } }),
  },
  {
    name: 'account.reportQueue (secretary)',
    fn: 'account',
    action: 'reportQueue',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'account.communityMembers (secretary)',
    fn: 'account',
    action: 'communityMembers',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'account.unitMembers (unit admin)',
    fn: 'account',
    action: 'unitMembers',
    call: () => ({ openid: 'demo-unit-admin', payload: {} }),
  },
  {
    name: 'wish.hall (20 a page)',
    fn: 'wish',
    action: 'hall',
    call: (i) => ({ openid: 'demo-member', payload: { from: (i % 5) * 20 } }),
  },
  {
    name: 'wish.claim',
    fn: 'wish',
    action: 'claim',
    prepare: (cloud) => {
      const wishes = publishedWishes(cloud);
      const members = freeMembers(cloud);
      // One claim per member (each has 3 free slots), each on its own wish.
      return wishes.map((w, i) => `${w} ${members[i % members.length]}`);
    },
    call: (i, pairs) => {
      const [wishId, openid] = pairs[i].split(' ');
      return { openid, payload: { wishId } };
    },
    budget: { roundTrips: 4 },
  },
  {
    name: 'wish.submit (my address)',
    fn: 'wish',
    action: 'submit',
    // Spread over the seed's residents (20 at demo scale): one resident may submit 30 an hour.
    call: (i, _prepared, pass) => ({
      openid: `seed-resident-${String((i % 20) + 1).padStart(4, '0')}`,
      payload: { category: '维修', description: `压测：家里水龙头漏水想请人帮忙修 ${pass}-${i}` },
    }),
    budget: { roundTrips: 4 },
  },
  // 六个一: the reads first (the writes below add bench activities to c01).
  {
    name: 'sixOnes.myYear (我的六个一)',
    fn: 'sixOnes',
    action: 'myYear',
    call: () => ({ openid: 'demo-member', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'sixOnes.tally (secretary, community)',
    fn: 'sixOnes',
    action: 'tally',
    call: () => ({ openid: 'demo-secretary', payload: { scope: 'community' } }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'sixOnes.tally (county admin, county)',
    fn: 'sixOnes',
    action: 'tally',
    call: () => ({ openid: 'demo-county-admin', payload: { scope: 'county' } }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'sixOnes.overview (county admin)',
    fn: 'sixOnes',
    action: 'overview',
    call: () => ({ openid: 'demo-county-admin', payload: {} }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'sixOnes.progress (secretary, 1st page)',
    fn: 'sixOnes',
    action: 'progress',
    call: () => ({ openid: 'demo-secretary', payload: { scope: 'community', from: 0 } }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'sixOnes.progress (unit admin, 1st page)',
    fn: 'sixOnes',
    action: 'progress',
    call: () => ({ openid: 'demo-unit-admin', payload: { scope: 'unit', from: 0 } }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'sixOnes.activities (member, upcoming)',
    fn: 'sixOnes',
    action: 'activities',
    call: () => ({ openid: 'demo-member', payload: { when: 'upcoming' } }),
  },
  {
    name: 'sixOnes.activities (secretary, past)',
    fn: 'sixOnes',
    action: 'activities',
    call: () => ({ openid: 'demo-secretary', payload: { when: 'past' } }),
  },
  {
    name: 'sixOnes.recordQueue (secretary)',
    fn: 'sixOnes',
    action: 'recordQueue',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
  },
  {
    name: 'sixOnes.signUp',
    fn: 'sixOnes',
    action: 'signUp',
    prepare: signUpTargets,
    call: (i, targets) => {
      const [activityId, openid] = targets[i].split(' ');
      return { openid, payload: { activityId } };
    },
    budget: { roundTrips: 4 },
  },
  {
    name: 'sixOnes.checkIn (QR code and location)',
    fn: 'sixOnes',
    action: 'checkIn',
    prepare: checkInTargets,
    call: (i, targets) => {
      const [activityId, openid] = targets[i].split(' ');
      const key = localFunctionEnv().TXY_CHECKIN_SECRET;
      return {
        openid,
        payload: {
          activityId,
          code: codeFor(activityId, slotAt(new Date()), key),
          location: { lat: BENCH_PLACE.lat + 0.001, lng: BENCH_PLACE.lng },
        },
      };
    },
    budget: { roundTrips: 4 },
  },
  {
    name: 'sixOnes.reviewRecords (approve 100)',
    fn: 'sixOnes',
    action: 'reviewRecords',
    prepare: reviewBatches,
    maxRuns: 10,
    warmUp: 2,
    budget: { p95Ms: 3000, p95AtLatencyMs: 2000 },
    call: (i, batches) => {
      const [openid, ...recordIds] = batches[i].split(' ');
      return { openid, payload: { recordIds, decision: 'approve' } };
    },
  },
  // 民情诉求: the queues and the metrics (reads), then a case's page and a submission.
  {
    name: 'complaint.gridQueue (grid worker)',
    fn: 'complaint',
    action: 'gridQueue',
    call: () => ({ openid: 'demo-grid-worker', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'complaint.communityQueue (secretary)',
    fn: 'complaint',
    action: 'communityQueue',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'complaint.deptInbox (department)',
    fn: 'complaint',
    action: 'deptInbox',
    call: () => ({ openid: 'demo-department', payload: {} }),
    budget: { requests: 2 },
  },
  ...(
    [
      ['community', 'demo-secretary'],
      ['department', 'demo-department'],
      ['county', 'demo-county-admin'],
    ] as const
  ).flatMap(([scope, openid]) =>
    (['month', 'year'] as const).map(
      (period): BenchCase => ({
        name: `complaint.metrics (${scope}, ${period})`,
        fn: 'complaint',
        action: 'metrics',
        call: () => ({ openid, payload: { scope, period } }),
        budget: { requests: 3 },
        compare: 'cases',
      }),
    ),
  ),
  {
    name: 'complaint.detail (whistled case, resident)',
    fn: 'complaint',
    action: 'detail',
    // The demo story's case reported in by two departments (server/seed/cases.ts).
    call: () => ({ openid: 'demo-resident', payload: { caseId: 'seed-case-000005' } }),
  },
  {
    name: 'complaint.submit (my address)',
    fn: 'complaint',
    action: 'submit',
    // Spread over the seed's residents (20 at demo scale): one resident may file 30 an hour.
    call: (i) => ({
      openid: `seed-resident-${String((i % 20) + 1).padStart(4, '0')}`,
      payload: {
        category: '环境卫生',
        description: `压测：小区门口垃圾堆积无人清理 ${i}`,
        location: { kind: 'address' },
      },
    }),
    budget: { roundTrips: 4 },
  },
  // 结对共建 (cobuild) and 轮值主席 / 联席会议 (meeting): reads ≤ 2 requests (the caller's included), writes ≤ 4 round trips.
  {
    name: 'cobuild.countyOverview (county admin)',
    fn: 'cobuild',
    action: 'countyOverview',
    call: () => ({ openid: 'demo-county-admin', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.needs (secretary)',
    fn: 'cobuild',
    action: 'needs',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.projects (unit admin)',
    fn: 'cobuild',
    action: 'projects',
    call: () => ({ openid: 'demo-unit-admin', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.publicProjects (resident)',
    fn: 'cobuild',
    action: 'publicProjects',
    call: () => ({ openid: 'demo-resident', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.propertyStats (county admin)',
    fn: 'cobuild',
    action: 'propertyStats',
    call: () => ({ openid: 'demo-county-admin', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.counts (secretary)',
    fn: 'cobuild',
    action: 'counts',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
    budget: { requests: 2 },
  },
  // 督导: the county's table and a report from the quarter's counts (the first call, a warm-up, counts
  // the quarter if the job has not yet); ≤ 3 requests whatever the data (compared at 10× 六个一 data).
  {
    name: 'supervision.ranking (county admin, communities)',
    fn: 'supervision',
    action: 'ranking',
    call: () => ({ openid: 'demo-county-admin', payload: { scope: 'community' } }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'supervision.halfYear (county admin, communities)',
    fn: 'supervision',
    action: 'halfYear',
    call: () => ({ openid: 'demo-county-admin', payload: { ...halfOf(quarterAt(new Date()))!, scope: 'community' } }),
    budget: { requests: 3 },
    compare: 'records',
  },
  {
    name: 'supervision.report (secretary)',
    fn: 'supervision',
    action: 'report',
    call: () => ({ openid: 'demo-secretary', payload: {} }),
    budget: { requests: 3 },
  },
  // The quarter's workbook: written and stored within 10 s at county scale (its function's timeout is 20 s).
  {
    name: 'supervisionExport.exportReport (county admin)',
    fn: 'supervisionExport',
    action: 'exportReport',
    call: () => ({ openid: 'demo-county-admin', payload: {} }),
    warmUp: 1,
    maxRuns: 5,
    budget: { p95Ms: 10_000, p95AtLatencyMs: 10_000 },
  },
  {
    name: 'cobuild.counts (unit admin)',
    fn: 'cobuild',
    action: 'counts',
    call: () => ({ openid: 'demo-unit-admin', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.need (secretary)',
    fn: 'cobuild',
    action: 'need',
    // One of c01's needs, read every call.
    prepare: (cloud, need) => {
      const [one] = cloud.store.find('cobuildNeeds', { query: { communityId: 'c01' } });
      return one ? Array<string>(need).fill(one._id) : [];
    },
    call: (_, [needId]) => ({ openid: 'demo-secretary', payload: { needId } }),
    budget: { requests: 2 },
  },
  {
    name: 'cobuild.saveNeed (secretary, new)',
    fn: 'cobuild',
    action: 'saveNeed',
    call: (i) => ({
      openid: 'demo-secretary',
      payload: {
        category: '助老助残',
        title: `压测需求 ${i}`,
        description: '为高龄独居老人上门服务',
        quantity: 10,
        quantityUnit: '户',
        wantedBy: `${new Date().getFullYear()}-12-31`,
        contact: { name: '谢春梅', phone: '13800000001' },
      },
    }),
    budget: { roundTrips: 4 },
  },
  {
    name: 'meeting.rota (unit admin)',
    fn: 'meeting',
    action: 'rota',
    call: () => ({ openid: 'demo-unit-admin', payload: {} }),
    budget: { requests: 2 },
  },
  {
    name: 'meeting.meeting (secretary)',
    fn: 'meeting',
    action: 'meeting',
    // The latest held meeting of c01 (with its decisions and the one before), read every call.
    prepare: (cloud, need) => {
      const [latest] = cloud.store.find('meetings', {
        query: { communityId: 'c01', status: 'held' },
        sort: { startAt: -1 },
      });
      return latest ? Array<string>(need).fill(latest._id) : [];
    },
    call: (_, [meetingId]) => ({ openid: 'demo-secretary', payload: { meetingId } }),
    budget: { requests: 2 },
  },
  {
    name: 'meeting.decisions (unit admin)',
    fn: 'meeting',
    action: 'decisions',
    call: () => ({ openid: 'demo-unit-admin', payload: {} }),
    budget: { requests: 2 },
  },
];
