import { contract, PRIVACY_VERSION, type ErrorCode } from '../../contract';
import { nextQuarter, previousQuarter } from '../../contract/quarters';
import { emulatorClock } from '../../emulator/clock';
import { DEFAULT_RULES } from '../../contract/supervision';
import { quarterAt } from '../../server/supervision/sources';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { C01_ADDRESS, clockNow, people, type FunctionName, type People } from '../helpers/people';

/**
 * The authorization matrix: every action of `account`, `directory`, `wish`, `complaint` and `sixOnes` ×
 * every kind of caller, in scope (c01, its grid c01-g01, unit u01, department d01) and out of it.
 * A refused call answers FORBIDDEN (or NOT_FOUND, for a case the caller may not know of) and
 * changes nothing. An action without a row fails the suite, so a new action cannot slip through
 * unchecked.
 */

let t: TestCloud;
let p: People;

/** The callers. `fresh` is a different never-seen openid in every cell. */
const CALLERS = {
  fresh: '',
  resident: 'demo-resident-2',
  pendingMember: 'demo-member-pending',
  gridWorker: 'demo-grid-worker',
  otherGridWorker: 'seed-grid-c03-g01-2',
  secretary: 'demo-secretary',
  otherSecretary: 'seed-secretary-c03',
  department: 'demo-department',
  unitAdmin: 'demo-unit-admin',
  otherUnitAdmin: '', // a unit admin of u02, appointed in beforeAll
  countyAdmin: 'demo-county-admin',
  liaison: 'demo-property', // 物业联络员 of p01, which manages c01-g01-m1
  otherLiaison: 'seed-liaison-p14', // of p14, which does not
};
type Caller = keyof typeof CALLERS;
type Outcome = 'ok' | ErrorCode;
type Expectation = Record<Caller, Outcome>;

const ALL = Object.keys(CALLERS) as Caller[];
/** `ok` for `allowed`, FORBIDDEN for everyone else. */
const only = (...allowed: Caller[]): Expectation =>
  Object.fromEntries(ALL.map((c) => [c, allowed.includes(c) ? 'ok' : 'FORBIDDEN'])) as Expectation;
const everyone = (): Expectation => only(...ALL);
/** Any registered caller (every registered user is a resident); a never-seen caller must register first. */
const registered = (): Expectation => ({ ...everyone(), fresh: 'FORBIDDEN' });

interface Cell {
  caller: Caller;
  openid: string;
}
interface Row {
  fn: FunctionName;
  action: string;
  /** Prepares whatever the call needs, in scope of c01 / c01-g01 / u01, and answers the payload. */
  payload: (cell: Cell) => unknown;
  /** For write actions: what a refused call must leave unchanged. */
  writes?: (payload: any) => { collections: string[]; docs?: Array<readonly [string, string]> };
  expect: Expectation;
}

/** The quarter before the current one: the next to close. */
const lastQuarter = () => previousQuarter(quarterAt(new Date(emulatorClock.nowMs())));

/** The next version of the 督导 rules (the built-in v1 and those saved), from the next quarter. */
const nextRules = () => ({
  ...DEFAULT_RULES,
  version: t.cloud.store.count('supervisionRules', {}) + 2,
  effectiveFrom: nextQuarter(quarterAt(new Date(emulatorClock.nowMs()))),
});

/** A fresh member whose report to c01 awaits the secretary. */
const pendingReportToC01 = async () => (await p.newMember({ unitId: 'u01' })).report.id as string;
/** A fresh resident of c01 to appoint. */
const appointee = async () => (await p.newResident()).openid;
/** The caller's own profile, resubmitted (a fresh caller gets a made-up one). */
const ownProfile = ({ openid }: Cell) => {
  const user = p.doc('users', openid);
  const { gridId: _gridId, ...address } = user?.address ?? { ...C01_ADDRESS };
  return { name: user?.name ?? p.freshName(), phone: user?.phone ?? p.freshPhone(), address };
};

/** Wishes in c01-g01 (demo-resident's building), in the state a row needs. */
let photoSeq = 0;
const wishCall = (action: string, payload: unknown, openid: string) => p.ok(p.call('wish', action, payload, openid));
const submittedWish = async () => {
  const photo = t.cloud.storage.put(`uploads/demo-resident/m-${++photoSeq}.png`, Buffer.from('png'));
  return (
    await wishCall(
      'submit',
      { category: '维修', description: `楼道灯坏了 ${photoSeq}`, photos: [photo] },
      'demo-resident',
    )
  ).id as string;
};
const publishedWish = async () => {
  const id = await submittedWish();
  await wishCall('review', { wishId: id, decision: 'publish' }, 'demo-grid-worker');
  return id;
};
/** A verified member with a free claim slot (claims refused to the matrix's callers pile up). */
const freeMember = () =>
  t.cloud.store
    .find('users', { query: { roles: { $elemMatch: { role: 'member', verified: true } } } })
    .find((u) => ((u.activeClaims as number | undefined) ?? 0) < 3)!._id;
const claimedWish = async () => {
  const wishId = await publishedWish();
  const member = freeMember();
  await wishCall('claim', { wishId }, member);
  return { wishId, member };
};
const fulfilledWish = async () => {
  const { wishId, member } = await claimedWish();
  const photo = t.cloud.storage.put(`uploads/${member}/m-${++photoSeq}.png`, Buffer.from('png'));
  await wishCall('fulfil', { wishId, photos: [photo], note: '已经修好了' }, member);
  return wishId;
};
const wishWrites = (payload: { wishId: string }) => ({
  collections: ['wishes', 'records', 'audits'],
  docs: [['wishes', payload.wishId] as const],
});
/** No caller of the matrix is a verified member: member-only actions refuse them all. */
const noVerifiedMember = (): Expectation => only();

/**
 * Cases of demo-resident (no caller of the matrix) in c01-g01, in the state a row needs. A row's
 * case is reused from cell to cell while nothing changed it (refused calls change nothing).
 */
const complaintCall = (action: string, payload: unknown, openid: string) =>
  p.ok(p.call('complaint', action, payload, openid));
const prepared = new Map<string, { id: string; stamp: string }>();
async function caseFor(row: string, make: () => Promise<string>): Promise<string> {
  const last = prepared.get(row);
  if (last && JSON.stringify(p.doc('cases', last.id)) === last.stamp) return last.id;
  const id = await make();
  prepared.set(row, { id, stamp: JSON.stringify(p.doc('cases', id)) });
  return id;
}
const assignedCase = async (category = '环境卫生') =>
  (
    await complaintCall(
      'submit',
      {
        category,
        description: `楼下垃圾桶满了没人清 ${++photoSeq}`,
        location: { kind: 'building', microGridId: 'c01-g01-m1' },
      },
      'demo-resident',
    )
  ).id as string;
const acceptedCase = async (category?: string) => {
  const caseId = await assignedCase(category);
  await complaintCall('accept', { caseId }, CALLERS.gridWorker);
  return caseId;
};
/** 红色物业: a property case of c01-g01-m1, whose company (p01) the matrix's liaison works for. */
const propertyCase = () => assignedCase('物业');
const acceptedPropertyCase = () => acceptedCase('物业');
const resolvedCase = async () => {
  const caseId = await acceptedCase();
  await complaintCall('resolve', { caseId, note: '已清理' }, CALLERS.gridWorker);
  return caseId;
};
const escalatedCase = async () => {
  const caseId = await acceptedCase();
  await complaintCall('escalate', { caseId, reason: '需部门执法' }, CALLERS.gridWorker);
  return caseId;
};
const inTenDays = async () => new Date((await clockNow(t)).getTime() + 10 * 86_400_000).toISOString();
/** Whistled to `lead` (d01 is the matrix's department) and `assist`. */
const whistledCase = async (lead = 'd01', assist: string[] = []) => {
  const caseId = await escalatedCase();
  await complaintCall(
    'whistle',
    {
      caseId,
      leadDepartmentId: lead,
      assistDepartmentIds: assist,
      reason: '需要综合执法',
      class: '日常',
      deadline: await inTenDays(),
    },
    CALLERS.secretary,
  );
  return caseId;
};
const reportedCase = async () => {
  const caseId = await whistledCase();
  await complaintCall('reportIn', { caseId }, CALLERS.department);
  return caseId;
};
const caseWrites = (payload: { caseId: string }) => ({
  collections: ['cases', 'deptTasks', 'caseMetrics', 'audits'],
  docs: [['cases', payload.caseId] as const],
});
/**
 * A case action of the resident role: the complainant only. Handlers in scope are refused
 * (FORBIDDEN); anyone else does not find the case (NOT_FOUND); a never-seen caller is not registered.
 */
const complainantOnly = (): Expectation => ({
  ...(Object.fromEntries(ALL.map((c) => [c, 'NOT_FOUND'])) as Expectation),
  fresh: 'FORBIDDEN',
  gridWorker: 'FORBIDDEN',
  secretary: 'FORBIDDEN',
  countyAdmin: 'FORBIDDEN',
});

// cobuild: lists
/**
 * 结对共建 三清单一协议 (cobuild-lists.test.ts covers every scope in depth): c01's lists in years
 * of their own ahead (each agreement cell a year of its own, one draft per pair and year), made by
 * demo-secretary and demo-unit-admin (u01).
 */
const listsCall = (action: string, payload: unknown, openid: string) =>
  p.ok(p.call('cobuild', action, payload, openid));
let listsSeq = 0;
let agreementYears = 0;
const listsYear = async () => (await clockNow(t)).getFullYear() + 3;
/** A verified member of the caller's unit (u01's demo-member for anyone else). */
const liaisonFor = (openid: string) => {
  const unitId = p.doc('users', openid)?.roles?.find((g: any) => g.role === 'unitAdmin')?.unitId ?? 'u01';
  const member = t.cloud.store
    .find('users', { query: { roles: { $elemMatch: { role: 'member', unitId, verified: true } } } })
    .map((u) => u._id as string)[0];
  return member ?? 'demo-member';
};
const needOfC01 = async (year?: number) =>
  (await listsCall(
    'saveNeed',
    {
      year: year ?? (await listsYear()),
      category: '助老助残',
      title: `独居老人陪护 ${++listsSeq}`,
      description: '',
      quantity: 10,
      quantityUnit: '户',
      wantedBy: `${year ?? (await listsYear())}-10-01`,
      contact: { name: '谢春梅', phone: '13800000001' },
    },
    CALLERS.secretary,
  )) as { id: string; version: number };
const resourceOfU01 = async (year?: number) =>
  (await listsCall(
    'saveResource',
    {
      year: year ?? (await listsYear()),
      category: '助老助残',
      title: `志愿服务队 ${++listsSeq}`,
      description: '',
      capacity: { amount: 12, unit: '次', frequency: '每月一次' },
      liaisonOpenid: 'demo-member',
      availability: '周末全天',
    },
    CALLERS.unitAdmin,
  )) as { id: string; version: number };
/** A planned project of c01 using a resource of u01 (only). */
const projectInputOf = async (year?: number) => {
  const y = year ?? (await listsYear());
  return {
    year: y,
    title: `银龄关爱行动 ${++listsSeq}`,
    goal: '',
    needIds: [(await needOfC01(y)).id],
    resourceIds: [(await resourceOfU01(y)).id],
    milestones: [{ title: '摸底走访', dueAt: `${y}-03-01` }],
    leads: { community: { name: '谢春梅' }, unit: { name: '肖国平' } },
  };
};
const plannedProject = async (year?: number) =>
  (await listsCall('saveProject', await projectInputOf(year), CALLERS.secretary)) as { id: string; version: number };
const activeProject = async () => {
  const pr = await plannedProject();
  return (await listsCall('startProject', { projectId: pr.id, version: pr.version }, CALLERS.secretary)) as {
    id: string;
    version: number;
  };
};
/** One done project of c01 for the rating row (every caller rates it once). */
let doneProject: string | null = null;
const doneProjectOfC01 = async () => {
  if (doneProject) return doneProject;
  const pr = await activeProject();
  const photo = t.cloud.storage.put(`uploads/${CALLERS.secretary}/l-${++listsSeq}.png`, Buffer.from('png'));
  await listsCall(
    'finishProject',
    { projectId: pr.id, version: pr.version, note: '服务老人二十户', photos: [photo] },
    CALLERS.secretary,
  );
  return (doneProject = pr.id);
};
/** A payload for a new agreement of c01 and u01, in a year of its own. */
const agreementInputOf = async () => {
  const year = (await listsYear()) + ++agreementYears;
  const pr = await plannedProject(year);
  return {
    year,
    unitId: 'u01',
    projectIds: [pr.id],
    duties: { community: '提供场地并组织居民', unit: '派出志愿者每月服务' },
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
  };
};
const listsWrites = (collection: string, idField: string) => (payload: Record<string, string>) => ({
  collections: [
    'cobuildNeeds',
    'cobuildResources',
    'cobuildProjects',
    'cobuildProjectUpdates',
    'cobuildRatings',
    'cobuildAgreements',
    'cobuildTallies',
    'audits',
  ],
  docs: payload[idField] ? [[collection, payload[idField]] as const] : [],
});
const listsStaff = (): Expectation => only('secretary', 'otherSecretary', 'unitAdmin', 'otherUnitAdmin', 'countyAdmin');
// cobuild: lists (end)

/** 六个一: an activity of c01 (check-in open now), published by its secretary. */
const sixCall = (action: string, payload: unknown, openid: string) => p.ok(p.call('sixOnes', action, payload, openid));
const activityInput = async () => {
  const now = (await clockNow(t)).getTime();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  return {
    type: 'volunteer',
    title: `社区志愿服务 ${++photoSeq}`,
    description: '清理楼道杂物',
    startAt: at(10),
    endAt: at(70),
    signUpBy: at(5),
    place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
    capacity: 30,
  };
};
const activityOfC01 = async () =>
  (await sixCall('publishActivity', await activityInput(), CALLERS.secretary)).id as string;
/** demo-member (a verified member of c01, not a caller of the matrix) signed up. */
const signedUpActivity = async () => {
  const activityId = await activityOfC01();
  await sixCall('signUp', { activityId }, 'demo-member');
  return activityId;
};
const sixOnesPhoto = (openid: string) =>
  t.cloud.storage.put(`uploads/${openid || 'nobody'}/m-${++photoSeq}.png`, Buffer.from('png'));
const surveyReport = (openid: string) => ({
  kind: 'surveyReport',
  title: '加装电梯调研',
  note: '走访了十二户居民了解加装电梯意愿',
  photos: [sixOnesPhoto(openid)],
});
/** A record of demo-member awaiting c01's secretary. */
const pendingRecord = async () =>
  (await sixCall('fileRecord', surveyReport('demo-member'), 'demo-member')).id as string;
const activityWrites = (payload: { activityId: string }) => ({
  collections: ['activities', 'signups', 'records', 'audits'],
  docs: [['activities', payload.activityId] as const],
});
const recordWrites = (payload: { recordId?: string; recordIds?: string[] }) => ({
  collections: ['records', 'sixOnes', 'tallies', 'audits'],
  docs: (payload.recordIds ?? [payload.recordId!]).map((id) => ['records', id] as const),
});

/** 结对共建 meetings (cobuild-meetings.test.ts covers every scope in depth): c01's rota two years ahead and its meetings. */
const meetingCall = (action: string, payload: unknown, openid: string) =>
  p.ok(p.call('meeting', action, payload, openid));
const rotaYear = async () => (await clockNow(t)).getFullYear() + 2;
/** c01's rota month chaired by u01 (the matrix's unit). */
const chairedByU01 = async (month: number) => {
  const year = await rotaYear();
  const rota = await meetingCall('rota', { year }, CALLERS.secretary);
  if (rota.months[month - 1].chair?.id !== 'u01')
    await meetingCall(
      'setRota',
      { year, version: rota.version, months: [{ month, unitId: 'u01' }] },
      CALLERS.secretary,
    );
  return year;
};
const chairActivityInput = async () => {
  const year = await chairedByU01(7);
  return {
    year,
    month: 7,
    type: 'volunteer',
    title: '轮值志愿服务',
    description: '清理楼道杂物',
    startAt: `${year}-07-10T09:00:00+08:00`,
    endAt: `${year}-07-10T11:00:00+08:00`,
    signUpBy: `${year}-07-09T18:00:00+08:00`,
    place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
    capacity: 30,
  };
};
/** A meeting of c01 called by its secretary (topics open for a week). */
const meetingOfC01 = async () =>
  (await meetingCall('callMeeting', { startAt: await inTenDays(), place: '潋江社区会议室' }, CALLERS.secretary)) as {
    id: string;
    version: number;
  };
/** A meeting of c01 whose time has come (called ahead, then moved back in the store). */
const startedMeeting = async () => {
  const m = await meetingOfC01();
  const past = new Date((await clockNow(t)).getTime() - 3_600_000);
  t.cloud.store.update(
    'meetings',
    { _id: m.id },
    { $set: { startAt: past, topicsBy: new Date(past.getTime() - 3_600_000) } },
    { multi: false, merge: true, upsert: false },
  );
  return m;
};
/** An open decision of a held c01 meeting, owned by u01. */
const decisionOfU01 = async () => {
  const m = await startedMeeting();
  const due = new Date((await clockNow(t)).getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  const held = await meetingCall(
    'recordMeeting',
    {
      meetingId: m.id,
      version: m.version,
      presentUnitIds: ['u01'],
      minutes: '会议议定一项事项，由单位负责。',
      decisions: [{ title: '更换楼道灯', ownerUnitId: 'u01', dueAt: due }],
    },
    CALLERS.secretary,
  );
  return held.decisions[0] as { id: string; version: number };
};
const meetingWrites = (payload: { meetingId: string }) => ({
  collections: ['meetings', 'meetingDecisions', 'cobuildTallies', 'audits', 'notifications'],
  docs: [['meetings', payload.meetingId] as const],
});

const ROWS: Row[] = [
  // ------------------------------------------------------------------ account
  { fn: 'account', action: 'me', payload: () => ({}), expect: everyone() },
  { fn: 'account', action: 'acceptPrivacy', payload: () => ({ version: PRIVACY_VERSION }), expect: everyone() },
  // Everyone has a 消息 list of their own (the queries are scoped to the caller's openid).
  { fn: 'account', action: 'messages', payload: () => ({}), expect: everyone() },
  { fn: 'account', action: 'unreadCount', payload: () => ({}), expect: everyone() },
  { fn: 'account', action: 'markRead', payload: () => ({ all: true }), expect: everyone() },
  {
    fn: 'account',
    action: 'updateProfile',
    payload: ownProfile,
    writes: () => ({ collections: ['users'] }),
    // A fresh caller has not accepted the privacy guide.
    expect: registered(),
  },
  { fn: 'account', action: 'myGrid', payload: () => ({}), expect: registered() },
  {
    fn: 'account',
    action: 'registerMember',
    payload: () => ({ unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2012-07-01' }),
    writes: () => ({ collections: ['users', 'memberReports'] }),
    // Anyone registered may report (staff are often members too); one report at a time.
    expect: { ...registered(), pendingMember: 'CONFLICT' },
  },
  { fn: 'account', action: 'myReports', payload: () => ({}), expect: registered() },
  // Every secretary has a queue: their own community's (member-reports.test.ts checks c01's stays out of c03's).
  { fn: 'account', action: 'reportQueue', payload: () => ({}), expect: only('secretary', 'otherSecretary') },
  {
    fn: 'account',
    action: 'reviewReport',
    payload: async () => ({ reportId: await pendingReportToC01(), decision: 'verify' }),
    writes: ({ reportId }) => ({
      collections: ['users', 'memberReports', 'audits'],
      docs: [
        ['memberReports', reportId],
        ['users', p.doc('memberReports', reportId).openid],
      ],
    }),
    expect: only('secretary'),
  },
  {
    fn: 'account',
    action: 'workbench',
    payload: () => ({}),
    expect: only(
      'gridWorker',
      'otherGridWorker',
      'secretary',
      'otherSecretary',
      'department',
      'unitAdmin',
      'otherUnitAdmin',
      'countyAdmin',
      'liaison',
      'otherLiaison',
    ),
  },
  {
    fn: 'account',
    action: 'communityMembers',
    payload: () => ({ communityId: 'c01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  {
    fn: 'account',
    action: 'unitMembers',
    payload: () => ({ unitId: 'u01' }),
    expect: only('unitAdmin', 'countyAdmin'),
  },
  {
    fn: 'account',
    action: 'findUsers',
    // A secretary searches only among residents of their own community (staff-and-directory.test.ts).
    payload: () => ({ query: '张' }),
    expect: only('secretary', 'otherSecretary', 'countyAdmin'),
  },
  // 角色授权's list: the county admin every holder, a secretary her community's grid workers (audit.test.ts).
  {
    fn: 'account',
    action: 'roleHolders',
    payload: () => ({}),
    expect: only('secretary', 'otherSecretary', 'countyAdmin'),
  },
  {
    fn: 'account',
    action: 'grantRole',
    payload: async () => ({
      openid: await appointee(),
      grant: { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] },
    }),
    writes: ({ openid }) => ({
      collections: ['users', 'audits'],
      docs: [
        ['users', openid],
        ['grids', 'c01-g02'],
      ],
    }),
    expect: only('secretary', 'countyAdmin'),
  },
  {
    fn: 'account',
    action: 'revokeRole',
    payload: async () => {
      const openid = await appointee();
      await p.ok(
        p.account(
          'grantRole',
          { openid, grant: { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g02'] } },
          CALLERS.countyAdmin,
        ),
      );
      return { openid, role: 'gridWorker', scopeId: 'c01' };
    },
    writes: ({ openid }) => ({
      collections: ['users', 'audits'],
      docs: [
        ['users', openid],
        ['grids', 'c01-g02'],
      ],
    }),
    expect: only('secretary', 'countyAdmin'),
  },
  // ------------------------------------------------------------------ directory
  { fn: 'directory', action: 'communities', payload: () => ({}), expect: everyone() },
  { fn: 'directory', action: 'community', payload: () => ({ communityId: 'c01' }), expect: everyone() },
  { fn: 'directory', action: 'units', payload: () => ({ communityId: 'c01' }), expect: everyone() },
  {
    fn: 'directory',
    action: 'departments',
    payload: () => ({}),
    expect: only('secretary', 'otherSecretary', 'department', 'countyAdmin'),
  },
  {
    fn: 'directory',
    action: 'stations',
    payload: () => ({ near: { lat: 26.34, lng: 115.35 } }),
    expect: everyone(),
  },
  // The places of 潋江社区 an activity can be held at: its secretary and the county admin.
  {
    fn: 'directory',
    action: 'places',
    payload: () => ({ communityId: 'c01' }),
    expect: only('secretary', 'unitAdmin', 'otherUnitAdmin', 'countyAdmin'),
  },
  {
    fn: 'directory',
    action: 'gridCards',
    payload: () => ({ gridId: 'c01-g01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  {
    fn: 'directory',
    action: 'saveContactCard',
    payload: () => {
      const card = p.doc('contactCards', 'c01-g01-card2');
      return {
        gridId: 'c01-g01',
        cardId: card._id,
        openid: card.openid,
        title: card.title,
        name: card.name,
        phone: card.phone,
        photo: card.photo,
        duties: card.duties,
        published: card.published,
      };
    },
    writes: () => ({ collections: ['contactCards', 'audits'], docs: [['contactCards', 'c01-g01-card2']] }),
    expect: only('secretary', 'countyAdmin'),
  },
  // 1+1带N: the grid's workers and the community's secretary; their scope (c01-g01, c01) in household-pairs.test.ts.
  {
    fn: 'directory',
    action: 'householdPairs',
    payload: () => ({}),
    expect: only('gridWorker', 'otherGridWorker', 'secretary', 'otherSecretary'),
  },
  {
    fn: 'directory',
    action: 'pairMembers',
    payload: () => ({ microGridId: 'c01-g01-m2', query: '陈' }),
    expect: only('gridWorker', 'secretary'),
  },
  {
    fn: 'directory',
    action: 'savePair',
    payload: () => {
      const pair = p.doc('grids', 'c01-g01-m2').pair;
      return {
        microGridId: 'c01-g01-m2',
        memberOpenid: pair.memberOpenid,
        gridWorkerOpenid: pair.gridWorkerOpenid,
        households: pair.households,
        version: pair.version ?? 0,
      };
    },
    writes: () => ({ collections: ['grids', 'audits'], docs: [['grids', 'c01-g01-m2']] }),
    expect: only('gridWorker', 'secretary'),
  },
  {
    fn: 'directory',
    action: 'save',
    payload: () => {
      const d = p.doc('departments', 'd02');
      return {
        kind: 'department',
        id: 'd02',
        data: { name: d.name, shortName: d.shortName, liaisonName: p.freshName(), liaisonPhone: p.freshPhone() },
      };
    },
    writes: () => ({ collections: ['departments', 'audits'], docs: [['departments', 'd02']] }),
    expect: only('countyAdmin'),
  },
  // 操作记录: the county admin every entry, a secretary her own community's (audit.test.ts checks the scope).
  {
    fn: 'directory',
    action: 'audit',
    payload: () => ({ communityId: 'c01' }),
    expect: { ...only('secretary', 'countyAdmin'), otherSecretary: 'FORBIDDEN' },
  },
  {
    fn: 'directory',
    action: 'propertyCompanies',
    payload: () => ({}),
    // A liaison reads their own company (property.test.ts).
    expect: only('secretary', 'otherSecretary', 'countyAdmin', 'liaison', 'otherLiaison'),
  },
  { fn: 'directory', action: 'entry', payload: () => ({ kind: 'grid', id: 'c01-g01' }), expect: only('countyAdmin') },
  // ------------------------------------------------------------------ wish
  {
    fn: 'wish',
    action: 'submit',
    payload: () => ({ category: '其他', description: '想学用智能手机视频通话', photos: [] }),
    writes: () => ({ collections: ['wishes'] }),
    expect: registered(),
  },
  { fn: 'wish', action: 'mine', payload: () => ({}), expect: registered() },
  {
    fn: 'wish',
    action: 'reviewQueue',
    payload: () => ({}),
    expect: only('gridWorker', 'otherGridWorker', 'secretary', 'otherSecretary'),
  },
  {
    fn: 'wish',
    action: 'review',
    payload: async () => ({ wishId: await submittedWish(), decision: 'publish' }),
    writes: wishWrites,
    expect: only('gridWorker', 'secretary'),
  },
  { fn: 'wish', action: 'hall', payload: () => ({}), expect: noVerifiedMember() },
  { fn: 'wish', action: 'detail', payload: async () => ({ wishId: await publishedWish() }), expect: registered() },
  { fn: 'wish', action: 'myClaims', payload: () => ({}), expect: noVerifiedMember() },
  {
    fn: 'wish',
    action: 'claim',
    payload: async () => ({ wishId: await publishedWish() }),
    writes: wishWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'wish',
    action: 'cancelClaim',
    payload: async () => ({ wishId: (await claimedWish()).wishId, reason: '临时有事' }),
    writes: wishWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'wish',
    action: 'fulfil',
    // The photo is the caller's own upload, so only the claim decides.
    payload: async ({ openid }) => ({
      wishId: (await claimedWish()).wishId,
      photos: [t.cloud.storage.put(`uploads/${openid || 'nobody'}/m-${++photoSeq}.png`, Buffer.from('png'))],
      note: '做好了',
    }),
    writes: wishWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'wish',
    action: 'confirm',
    // Only the submitter (demo-resident, not a caller of the matrix) may confirm.
    payload: async () => ({ wishId: await fulfilledWish(), stars: 5 }),
    writes: wishWrites,
    expect: only(),
  },
  {
    fn: 'wish',
    action: 'confirmForResident',
    // Staff in scope get past the scope check and meet the 7-day rule; everyone else is refused.
    payload: async () => ({ wishId: await fulfilledWish(), verifiedHow: '电话回访居民本人' }),
    writes: wishWrites,
    expect: { ...only(), gridWorker: 'CONFLICT', secretary: 'CONFLICT' },
  },
  {
    fn: 'wish',
    action: 'awaitingConfirmation',
    // Every grid worker and secretary has a list: their own grids' / community's (wishes.test.ts checks the scoping).
    payload: () => ({}),
    expect: only('gridWorker', 'otherGridWorker', 'secretary', 'otherSecretary'),
  },
  {
    fn: 'wish',
    action: 'withdraw',
    // Only the submitter may withdraw.
    payload: async () => ({ wishId: await publishedWish() }),
    writes: wishWrites,
    expect: only(),
  },
  // ------------------------------------------------------------------ complaint
  {
    fn: 'complaint',
    action: 'submit',
    payload: () => ({
      category: '其他',
      description: '希望增设公交站点',
      location: { kind: 'building', microGridId: 'c01-g01-m1' },
    }),
    writes: () => ({ collections: ['cases', 'caseMetrics'] }),
    expect: registered(),
  },
  { fn: 'complaint', action: 'mine', payload: () => ({}), expect: registered() },
  {
    fn: 'complaint',
    action: 'detail',
    // The complainant and the handlers in scope (complaints.test.ts) — for a property case, its
    // company's liaison too; anyone else does not find it.
    payload: async () => ({ caseId: await caseFor('detail', propertyCase) }),
    expect: { ...complainantOnly(), gridWorker: 'ok', secretary: 'ok', countyAdmin: 'ok', liaison: 'ok' },
  },
  {
    fn: 'complaint',
    action: 'withdraw',
    payload: async () => ({ caseId: await caseFor('withdraw', assignedCase) }),
    writes: caseWrites,
    expect: complainantOnly(),
  },
  {
    fn: 'complaint',
    action: 'rate',
    payload: async () => ({ caseId: await caseFor('rate', resolvedCase), grade: '满意' }),
    writes: caseWrites,
    expect: complainantOnly(),
  },
  {
    fn: 'complaint',
    action: 'gridQueue',
    payload: () => ({}),
    expect: only('gridWorker', 'otherGridWorker'),
  },
  {
    fn: 'complaint',
    action: 'accept',
    // A grid-level property case: its grid's worker and its company's liaison; the secretary's turn
    // has not come; other scopes (another company's liaison) do not find it.
    payload: async () => ({ caseId: await caseFor('accept', propertyCase) }),
    writes: caseWrites,
    expect: {
      ...only('gridWorker', 'liaison'),
      otherGridWorker: 'NOT_FOUND',
      otherSecretary: 'NOT_FOUND',
      otherLiaison: 'NOT_FOUND',
    },
  },
  {
    fn: 'complaint',
    action: 'resolve',
    payload: async () => ({ caseId: await caseFor('resolve', acceptedPropertyCase), note: '已处理完毕' }),
    writes: caseWrites,
    expect: {
      ...only('gridWorker', 'liaison'),
      otherGridWorker: 'NOT_FOUND',
      otherSecretary: 'NOT_FOUND',
      otherLiaison: 'NOT_FOUND',
    },
  },
  {
    fn: 'complaint',
    action: 'propertyQueue',
    payload: () => ({}),
    expect: only('liaison', 'otherLiaison'),
  },
  {
    fn: 'complaint',
    action: 'reply',
    // The liaison of the case's company only; another company's does not find it.
    payload: async () => ({ caseId: await caseFor('reply', acceptedPropertyCase), note: '维修师傅明天上门' }),
    writes: caseWrites,
    expect: { ...only('liaison'), otherLiaison: 'NOT_FOUND' },
  },
  {
    fn: 'complaint',
    action: 'escalate',
    payload: async () => ({ caseId: await caseFor('escalate', acceptedCase), reason: '需社区协调' }),
    writes: caseWrites,
    expect: { ...only('gridWorker'), otherGridWorker: 'NOT_FOUND' },
  },
  {
    fn: 'complaint',
    action: 'communityQueue',
    payload: () => ({}),
    expect: only('secretary', 'otherSecretary'),
  },
  {
    fn: 'complaint',
    action: 'whistle',
    payload: async () => ({
      caseId: await caseFor('whistle', escalatedCase),
      leadDepartmentId: 'd02',
      reason: '需要综合执法',
      class: '日常',
      deadline: await inTenDays(),
    }),
    writes: caseWrites,
    expect: { ...only('secretary'), otherSecretary: 'NOT_FOUND' },
  },
  { fn: 'complaint', action: 'deptInbox', payload: () => ({}), expect: only('department') },
  {
    fn: 'complaint',
    action: 'reportIn',
    payload: async () => ({ caseId: await caseFor('reportIn', () => whistledCase()) }),
    writes: caseWrites,
    expect: only('department'),
  },
  {
    fn: 'complaint',
    action: 'requestExtension',
    payload: async () => ({
      caseId: await caseFor('requestExtension', reportedCase),
      until: new Date((await clockNow(t)).getTime() + 20 * 86_400_000).toISOString(),
      reason: '需等待施工队',
    }),
    writes: caseWrites,
    expect: only('department'),
  },
  {
    fn: 'complaint',
    action: 'decideExtension',
    payload: async () => ({
      caseId: await caseFor('decideExtension', async () => {
        const caseId = await reportedCase();
        const until = new Date((await clockNow(t)).getTime() + 20 * 86_400_000).toISOString();
        await complaintCall('requestExtension', { caseId, until, reason: '需等待施工队' }, CALLERS.department);
        return caseId;
      }),
      approve: true,
    }),
    writes: caseWrites,
    expect: { ...only('secretary'), otherSecretary: 'NOT_FOUND' },
  },
  {
    fn: 'complaint',
    action: 'deptResolve',
    // The evidence is the caller's own upload, so only the case decides.
    payload: async ({ openid }) => ({
      caseId: await caseFor('deptResolve', reportedCase),
      outcome: '已依法处置',
      photos: [t.cloud.storage.put(`uploads/${openid || 'nobody'}/m-${++photoSeq}.png`, Buffer.from('png'))],
    }),
    writes: caseWrites,
    expect: only('department'),
  },
  {
    fn: 'complaint',
    action: 'assist',
    // d02 leads, the matrix's department (d01) assists and has reported in.
    payload: async () => ({
      caseId: await caseFor('assist', async () => {
        const caseId = await whistledCase('d02', ['d01']);
        await complaintCall('reportIn', { caseId }, CALLERS.department);
        return caseId;
      }),
      note: '已派员配合',
    }),
    writes: caseWrites,
    expect: only('department'),
  },
  {
    fn: 'complaint',
    action: 'rateDepartment',
    payload: async () => ({
      caseId: await caseFor('rateDepartment', async () => {
        const caseId = await reportedCase();
        const photo = t.cloud.storage.put(`uploads/${CALLERS.department}/m-${++photoSeq}.png`, Buffer.from('png'));
        await complaintCall('deptResolve', { caseId, outcome: '已依法处置', photos: [photo] }, CALLERS.department);
        return caseId;
      }),
      grade: '好',
    }),
    writes: caseWrites,
    expect: { ...only('secretary'), otherSecretary: 'NOT_FOUND' },
  },
  {
    fn: 'complaint',
    action: 'metrics',
    // c01's: its secretary and the county admin (complaints.test.ts checks every scope).
    payload: () => ({ scope: 'community', scopeId: 'c01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  {
    fn: 'complaint',
    action: 'metricsTrend',
    // c01's 12 months, as metrics (complaint-metrics-trend.test.ts checks every scope).
    payload: () => ({ scope: 'community', scopeId: 'c01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  // ------------------------------------------------------------------ cobuild: property
  // Every registered caller lives in an estate with a company here (beforeAll gives them
  // addresses); each cell's caller rates once this quarter.
  {
    fn: 'cobuild',
    action: 'rateProperty',
    payload: () => ({ rating: 'satisfied' }),
    writes: () => ({ collections: ['propertyRatings'] }),
    expect: registered(),
  },
  { fn: 'cobuild', action: 'propertyRatingStatus', payload: () => ({}), expect: registered() },
  {
    fn: 'cobuild',
    action: 'propertyStats',
    payload: () => ({}),
    expect: only('countyAdmin', 'liaison', 'otherLiaison'),
  },
  // ------------------------------------------------------------------ cobuild: lists
  // u02 (otherUnitAdmin) is paired with c01 too: it sees c01's lists, not u01's projects.
  {
    fn: 'cobuild',
    action: 'needs',
    payload: () => ({ communityId: 'c01' }),
    expect: { ...listsStaff(), otherSecretary: 'FORBIDDEN' },
  },
  {
    fn: 'cobuild',
    action: 'need',
    payload: async () => ({ needId: (await needOfC01()).id }),
    expect: { ...listsStaff(), otherSecretary: 'NOT_FOUND' },
  },
  {
    fn: 'cobuild',
    action: 'saveNeed',
    // Each secretary adds to their own community's list.
    payload: async () => {
      const year = await listsYear();
      return {
        year,
        category: '环境整治',
        title: '楼道清理',
        description: '',
        quantity: 3,
        quantityUnit: '栋',
        wantedBy: `${year}-06-30`,
        contact: { name: '谢春梅', phone: '13800000001' },
      };
    },
    writes: listsWrites('cobuildNeeds', 'needId'),
    expect: only('secretary', 'otherSecretary'),
  },
  {
    fn: 'cobuild',
    action: 'closeNeed',
    payload: async () => {
      const n = await needOfC01();
      return { needId: n.id, version: n.version, reason: '已由其他渠道解决' };
    },
    writes: listsWrites('cobuildNeeds', 'needId'),
    expect: only('secretary'),
  },
  { fn: 'cobuild', action: 'resources', payload: () => ({}), expect: listsStaff() },
  {
    fn: 'cobuild',
    action: 'resource',
    payload: async () => ({ resourceId: (await resourceOfU01()).id }),
    // u01's: not u02's admin (paired with c01 too) nor c03's secretary.
    expect: { ...listsStaff(), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  {
    fn: 'cobuild',
    action: 'saveResource',
    // Each unit admin offers their own unit's, its liaison one of their unit's verified members.
    payload: async ({ openid }) => ({
      year: await listsYear(),
      category: '文体活动',
      title: '文艺演出队',
      description: '',
      capacity: { amount: 1, unit: '支', frequency: '节假日' },
      liaisonOpenid: liaisonFor(openid),
      availability: '节假日',
    }),
    writes: listsWrites('cobuildResources', 'resourceId'),
    expect: only('unitAdmin', 'otherUnitAdmin'),
  },
  {
    fn: 'cobuild',
    action: 'withdrawResource',
    payload: async () => {
      const r = await resourceOfU01();
      return { resourceId: r.id, version: r.version, reason: '人员调整' };
    },
    writes: listsWrites('cobuildResources', 'resourceId'),
    expect: only('unitAdmin'),
  },
  {
    fn: 'cobuild',
    action: 'matches',
    payload: async () => ({ needId: (await needOfC01()).id }),
    expect: { ...listsStaff(), otherSecretary: 'FORBIDDEN' },
  },
  { fn: 'cobuild', action: 'projects', payload: () => ({}), expect: listsStaff() },
  {
    fn: 'cobuild',
    action: 'project',
    payload: async () => ({ projectId: (await plannedProject()).id }),
    expect: { ...listsStaff(), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  {
    fn: 'cobuild',
    action: 'saveProject',
    payload: () => projectInputOf(),
    writes: listsWrites('cobuildProjects', 'projectId'),
    // c03's secretary may not link c01's needs; u02's admin not a project of u01's resource only.
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'INVALID_INPUT', otherUnitAdmin: 'FORBIDDEN' },
  },
  {
    fn: 'cobuild',
    action: 'startProject',
    payload: async () => {
      const pr = await plannedProject();
      return { projectId: pr.id, version: pr.version };
    },
    writes: listsWrites('cobuildProjects', 'projectId'),
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  {
    fn: 'cobuild',
    action: 'projectUpdate',
    // The photo is the caller's own upload, so only the scope decides.
    payload: async ({ openid }) => ({
      projectId: (await activeProject()).id,
      note: '第一次走访完成',
      photos: [t.cloud.storage.put(`uploads/${openid || 'nobody'}/l-${++listsSeq}.png`, Buffer.from('png'))],
    }),
    writes: listsWrites('cobuildProjects', 'projectId'),
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  {
    fn: 'cobuild',
    action: 'finishProject',
    payload: async ({ openid }) => {
      const pr = await activeProject();
      return {
        projectId: pr.id,
        version: pr.version,
        note: '服务老人二十户',
        photos: [t.cloud.storage.put(`uploads/${openid || 'nobody'}/l-${++listsSeq}.png`, Buffer.from('png'))],
      };
    },
    writes: listsWrites('cobuildProjects', 'projectId'),
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  {
    fn: 'cobuild',
    action: 'dropProject',
    payload: async () => {
      const pr = await plannedProject();
      return { projectId: pr.id, version: pr.version, reason: '计划调整' };
    },
    writes: listsWrites('cobuildProjects', 'projectId'),
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  // Every registered caller lives in c01 (beforeAll gives them an address there).
  { fn: 'cobuild', action: 'publicProjects', payload: () => ({}), expect: registered() },
  {
    fn: 'cobuild',
    action: 'publicProject',
    payload: async () => ({ projectId: await doneProjectOfC01() }),
    expect: registered(),
  },
  {
    fn: 'cobuild',
    action: 'rateProject',
    payload: async () => ({ projectId: await doneProjectOfC01(), stars: 5 }),
    writes: listsWrites('cobuildProjects', 'projectId'),
    expect: registered(),
  },
  { fn: 'cobuild', action: 'agreements', payload: () => ({}), expect: listsStaff() },
  {
    fn: 'cobuild',
    action: 'saveAgreement',
    payload: agreementInputOf,
    writes: listsWrites('cobuildAgreements', 'agreementId'),
    // u01 is not paired with c03 (its secretary: bad input); u02's admin drafts only for u02.
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'INVALID_INPUT', otherUnitAdmin: 'FORBIDDEN' },
  },
  {
    fn: 'cobuild',
    action: 'signAgreement',
    payload: async () => ({
      agreementId: (await listsCall('saveAgreement', await agreementInputOf(), CALLERS.secretary)).id,
    }),
    writes: listsWrites('cobuildAgreements', 'agreementId'),
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'NOT_FOUND', otherUnitAdmin: 'NOT_FOUND' },
  },
  // c01's counts: its secretary and the county admin; not another secretary nor a unit admin.
  {
    fn: 'cobuild',
    action: 'counts',
    payload: () => ({ communityId: 'c01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  { fn: 'cobuild', action: 'countyOverview', payload: () => ({}), expect: only('countyAdmin') },
  // ------------------------------------------------------------------ supervision (督导)
  // Rankings and the rules: the county admin's alone. A report: c01's to its secretary and the county.
  {
    fn: 'supervision',
    action: 'ranking',
    payload: () => ({ scope: 'community' }),
    expect: only('countyAdmin'),
  },
  {
    fn: 'supervision',
    action: 'halfYear',
    payload: () => ({ year: 2026, half: 1, scope: 'community' }),
    expect: only('countyAdmin'),
  },
  {
    fn: 'supervision',
    action: 'report',
    payload: () => ({ scope: 'community', id: 'c01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  { fn: 'supervision', action: 'rules', payload: () => ({}), expect: only('countyAdmin') },
  {
    fn: 'supervision',
    action: 'saveRules',
    payload: () => ({ rules: nextRules() }),
    writes: () => ({ collections: ['supervisionRules'] }),
    expect: only('countyAdmin'),
  },
  { fn: 'supervision', action: 'quarterReport', payload: () => ({}), expect: only('countyAdmin') },
  // Every community's figures are in the workbook: the county admin's alone.
  {
    fn: 'supervisionExport',
    action: 'exportReport',
    payload: () => ({}),
    expect: only('countyAdmin'),
  },
  // The quarter before the current one: closed by the county admin's cell, then edited and published.
  {
    fn: 'supervision',
    action: 'closeQuarter',
    payload: () => ({ quarter: lastQuarter() }),
    writes: () => ({ collections: ['supervisionReports'] }),
    expect: only('countyAdmin'),
  },
  {
    fn: 'supervision',
    action: 'saveBulletin',
    payload: async () => {
      const r = await p.ok<any>(
        p.call('supervision', 'quarterReport', { quarter: lastQuarter() }, CALLERS.countyAdmin),
      );
      return { quarter: r.quarter, title: r.title, text: `${r.bulletin}\n（补充）`, version: r.version };
    },
    writes: () => ({ collections: ['supervisionReports'], docs: [['supervisionReports', lastQuarter()]] }),
    expect: only('countyAdmin'),
  },
  {
    fn: 'supervision',
    action: 'publishReport',
    payload: async () => {
      const r = await p.ok<any>(
        p.call('supervision', 'quarterReport', { quarter: lastQuarter() }, CALLERS.countyAdmin),
      );
      return { quarter: r.quarter, version: r.version };
    },
    writes: () => ({
      collections: ['supervisionReports', 'notifications'],
      docs: [['supervisionReports', lastQuarter()]],
    }),
    expect: only('countyAdmin'),
  },
  // ------------------------------------------------------------------ cobuild: lists (end)
  // ------------------------------------------------------------------ sixOnes
  // No caller of the matrix is a verified member: member-only actions refuse them all
  // (six-ones.test.ts covers members in and out of the activity's community).
  {
    fn: 'sixOnes',
    action: 'publishActivity',
    // Each secretary publishes in their own community.
    payload: activityInput,
    writes: () => ({ collections: ['activities', 'audits'] }),
    expect: only('secretary', 'otherSecretary'),
  },
  {
    fn: 'sixOnes',
    action: 'updateActivity',
    payload: async () => ({ activityId: await signedUpActivity(), title: '社区志愿服务（改期）' }),
    writes: activityWrites,
    expect: only('secretary'),
  },
  {
    fn: 'sixOnes',
    action: 'cancelActivity',
    payload: async () => ({ activityId: await signedUpActivity(), reason: '暴雨预警活动延期' }),
    writes: activityWrites,
    expect: only('secretary'),
  },
  // Every secretary sees their own community's.
  { fn: 'sixOnes', action: 'activities', payload: () => ({}), expect: only('secretary', 'otherSecretary') },
  {
    fn: 'sixOnes',
    action: 'activity',
    // Another community's activity is not found.
    payload: async () => ({ activityId: await activityOfC01() }),
    expect: { ...only('secretary'), otherSecretary: 'NOT_FOUND' },
  },
  {
    fn: 'sixOnes',
    action: 'attendees',
    payload: async () => ({ activityId: await signedUpActivity() }),
    expect: only('secretary'),
  },
  {
    fn: 'sixOnes',
    action: 'signUp',
    payload: async () => ({ activityId: await activityOfC01() }),
    writes: activityWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'sixOnes',
    action: 'cancelSignUp',
    payload: async () => ({ activityId: await signedUpActivity() }),
    writes: activityWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'sixOnes',
    action: 'checkInCode',
    payload: async () => ({ activityId: await activityOfC01() }),
    expect: only('secretary'),
  },
  {
    fn: 'sixOnes',
    action: 'checkIn',
    // The organiser's current code: only the caller decides.
    payload: async () => {
      const activityId = await signedUpActivity();
      return { activityId, code: (await sixCall('checkInCode', { activityId }, CALLERS.secretary)).code };
    },
    writes: activityWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'sixOnes',
    action: 'checkOut',
    payload: async () => ({ activityId: await signedUpActivity() }),
    writes: activityWrites,
    expect: noVerifiedMember(),
  },
  {
    fn: 'sixOnes',
    action: 'manualAttendance',
    payload: async () => ({
      activityId: await signedUpActivity(),
      openid: 'demo-member',
      action: 'checkIn',
      reason: '手机没电，现场核实',
    }),
    writes: activityWrites,
    expect: only('secretary'),
  },
  {
    fn: 'sixOnes',
    action: 'fileRecord',
    // The photo is the caller's own upload, so only the role decides.
    payload: ({ openid }) => surveyReport(openid),
    writes: () => ({ collections: ['records'] }),
    expect: noVerifiedMember(),
  },
  {
    fn: 'sixOnes',
    action: 'refileRecord',
    payload: async ({ openid }) => {
      const recordId = await pendingRecord();
      await sixCall(
        'reviewRecords',
        { recordIds: [recordId], decision: 'reject', reason: '照片不清楚' },
        CALLERS.secretary,
      );
      const { title, note, photos } = surveyReport(openid);
      return { recordId, title, note, photos };
    },
    writes: recordWrites,
    expect: noVerifiedMember(),
  },
  // Every secretary has a queue: their own community's.
  { fn: 'sixOnes', action: 'recordQueue', payload: () => ({}), expect: only('secretary', 'otherSecretary') },
  {
    fn: 'sixOnes',
    action: 'reviewRecords',
    payload: async () => ({ recordIds: [await pendingRecord()], decision: 'approve' }),
    writes: recordWrites,
    expect: only('secretary'),
  },
  { fn: 'sixOnes', action: 'myYear', payload: () => ({}), expect: noVerifiedMember() },
  {
    fn: 'sixOnes',
    action: 'tally',
    payload: () => ({ scope: 'community', scopeId: 'c01' }),
    expect: only('secretary', 'countyAdmin'),
  },
  { fn: 'sixOnes', action: 'overview', payload: () => ({}), expect: only('countyAdmin') },
  {
    fn: 'sixOnes',
    action: 'progress',
    // u01's members: its admin and the county admin (a secretary sees communities only).
    payload: () => ({ scope: 'unit', scopeId: 'u01' }),
    expect: only('unitAdmin', 'countyAdmin'),
  },
  // ------------------------------------------------------------------ cobuild: 轮值主席 and 联席会议
  {
    fn: 'meeting',
    action: 'rota',
    payload: () => ({ communityId: 'c01' }),
    expect: { ...only('secretary', 'unitAdmin', 'otherUnitAdmin', 'countyAdmin') },
  },
  {
    fn: 'meeting',
    action: 'setRota',
    // Each secretary sets their own community's (month 12 without a chair: valid anywhere).
    payload: async ({ openid }) => {
      const year = await rotaYear();
      const own = p.doc('users', openid)?.roles?.find((g: any) => g.role === 'secretary')?.communityId ?? 'c01';
      const version = p.doc('rotas', `${own}-${year}`)?.version ?? 0;
      return { year, version, months: [{ month: 12, unitId: null }] };
    },
    writes: () => ({ collections: ['rotas', 'cobuildTallies', 'audits'] }),
    expect: only('secretary', 'otherSecretary'),
  },
  {
    fn: 'meeting',
    action: 'proposeTheme',
    payload: async () => ({ year: await chairedByU01(6), month: 6, theme: '垃圾分类进社区' }),
    writes: () => ({ collections: ['rotas', 'cobuildTallies', 'audits'] }),
    expect: only('unitAdmin'),
  },
  {
    fn: 'meeting',
    action: 'planChairActivity',
    payload: chairActivityInput,
    writes: () => ({ collections: ['activities', 'rotas', 'cobuildTallies', 'audits'] }),
    expect: only('unitAdmin'),
  },
  {
    fn: 'meeting',
    action: 'callMeeting',
    payload: async () => ({ startAt: await inTenDays(), place: '社区会议室' }),
    writes: () => ({ collections: ['meetings', 'audits', 'notifications'] }),
    expect: only('secretary', 'otherSecretary'),
  },
  {
    fn: 'meeting',
    action: 'meetings',
    payload: () => ({ communityId: 'c01' }),
    expect: only('secretary', 'unitAdmin', 'otherUnitAdmin', 'countyAdmin'),
  },
  {
    fn: 'meeting',
    action: 'meeting',
    payload: async () => ({ meetingId: (await meetingOfC01()).id }),
    expect: { ...only('secretary', 'unitAdmin', 'otherUnitAdmin', 'countyAdmin'), otherSecretary: 'NOT_FOUND' },
  },
  {
    fn: 'meeting',
    action: 'submitTopic',
    payload: async () => ({ meetingId: (await meetingOfC01()).id, title: '楼道照明改造', description: '' }),
    writes: meetingWrites,
    expect: { ...only('secretary', 'unitAdmin', 'otherUnitAdmin'), otherSecretary: 'NOT_FOUND' },
  },
  {
    fn: 'meeting',
    action: 'setAgenda',
    payload: async () => {
      const m = await meetingOfC01();
      return { meetingId: m.id, version: m.version, topicIds: [] };
    },
    writes: meetingWrites,
    expect: only('secretary'),
  },
  {
    fn: 'meeting',
    action: 'recordMeeting',
    payload: async () => {
      const m = await startedMeeting();
      return {
        meetingId: m.id,
        version: m.version,
        presentUnitIds: ['u01'],
        minutes: '会议听取了各单位意见。',
        decisions: [],
      };
    },
    writes: meetingWrites,
    expect: only('secretary'),
  },
  {
    fn: 'meeting',
    action: 'cancelMeeting',
    payload: async () => {
      const m = await meetingOfC01();
      return { meetingId: m.id, version: m.version, reason: '改期召开' };
    },
    writes: meetingWrites,
    expect: only('secretary'),
  },
  {
    fn: 'meeting',
    action: 'decisions',
    payload: () => ({}),
    expect: only('secretary', 'otherSecretary', 'unitAdmin', 'otherUnitAdmin', 'countyAdmin'),
  },
  {
    fn: 'meeting',
    action: 'updateDecision',
    payload: async () => {
      const d = await decisionOfU01();
      return { decisionId: d.id, version: d.version, note: '已启动' };
    },
    writes: (payload: { decisionId: string }) => ({
      collections: ['meetingDecisions', 'audits'],
      docs: [['meetingDecisions', payload.decisionId] as const],
    }),
    // u02 is paired with c01 but does not own it; c03's secretary does not know it.
    expect: { ...only('secretary', 'unitAdmin'), otherSecretary: 'NOT_FOUND' },
  },
];
beforeAll(async () => {
  t = await startLocalCloud();
  p = people(t);
  // A unit admin of another unit than u01.
  CALLERS.otherUnitAdmin = (await p.newResident({ address: { ...C01_ADDRESS, building: '' } })).openid;
  await p.ok(
    p.account(
      'grantRole',
      { openid: CALLERS.otherUnitAdmin, grant: { role: 'unitAdmin', unitId: 'u02' } },
      CALLERS.countyAdmin,
    ),
  );
  // Every registered caller lives somewhere, so "my grid" answers them all.
  for (const openid of Object.values(CALLERS).filter(Boolean)) {
    const user = p.doc('users', openid);
    if (!user.address) await p.ok(p.account('updateProfile', ownProfile({ caller: 'resident', openid }), openid));
  }
});
afterAll(() => t.stop());

describe('the authorization matrix', () => {
  it('has a row for every action of contract.account, contract.directory, contract.wish, contract.complaint, contract.sixOnes, contract.cobuild and contract.meeting, and no other', () => {
    const inContract = (
      [
        'account',
        'directory',
        'wish',
        'complaint',
        'sixOnes',
        'cobuild',
        'meeting',
        'supervision',
        'supervisionExport',
      ] as const
    ).flatMap((fn) => Object.keys(contract[fn]).map((action) => `${fn}.${action}`));
    const inMatrix = ROWS.map((r) => `${r.fn}.${r.action}`);
    expect({ missing: inContract.filter((a) => !inMatrix.includes(a)) }).toEqual({ missing: [] });
    expect({ unknown: inMatrix.filter((a) => !inContract.includes(a)) }).toEqual({ unknown: [] });
    expect(new Set(inMatrix).size).toBe(inMatrix.length);
  });

  it('agrees with the contract: whoever holds none of an action’s roles is FORBIDDEN', () => {
    // The seeded callers' roles as the router counts them (an unverified member is not a member).
    const held: Record<Caller, string[]> = {
      fresh: [],
      resident: ['resident'],
      pendingMember: ['resident'],
      gridWorker: ['resident', 'gridWorker'],
      otherGridWorker: ['resident', 'gridWorker'],
      secretary: ['resident', 'secretary'],
      otherSecretary: ['resident', 'secretary'],
      department: ['resident', 'department'],
      unitAdmin: ['resident', 'unitAdmin'],
      otherUnitAdmin: ['resident', 'unitAdmin'],
      countyAdmin: ['resident', 'countyAdmin'],
      liaison: ['resident', 'propertyLiaison'],
      otherLiaison: ['resident', 'propertyLiaison'],
    };
    for (const row of ROWS) {
      const roles = (contract[row.fn] as Record<string, { roles: 'anyone' | readonly string[] }>)[row.action].roles;
      if (roles === 'anyone') continue;
      for (const caller of ALL) {
        if (!roles.some((r) => held[caller].includes(r))) {
          expect({ cell: `${row.fn}.${row.action} × ${caller}`, outcome: row.expect[caller] }).toEqual({
            cell: `${row.fn}.${row.action} × ${caller}`,
            outcome: 'FORBIDDEN',
          });
        }
      }
    }
  });

  describe.each(ROWS.map((row) => [`${row.fn}.${row.action}`, row] as const))('%s', (_name, row) => {
    it.each(ALL.map((caller) => [caller, row.expect[caller]] as const))('%s → %s', async (caller, outcome) => {
      const openid = caller === 'fresh' ? p.freshOpenid('fresh') : CALLERS[caller];
      const payload = await row.payload({ caller, openid });
      const watched = row.writes?.(payload) ?? { collections: [] };
      const watchedDocs = [...(watched.docs ?? []), ['users', openid] as const];
      const before = p.snapshot(watched.collections, watchedDocs);

      const res = await p.call(row.fn, row.action, payload, openid);

      if (outcome === 'ok') {
        expect({ ok: res.ok, error: res.error }).toEqual({ ok: true, error: undefined });
      } else {
        expect({ ok: res.ok, code: res.error?.code }).toEqual({ ok: false, code: outcome });
      }
      if (outcome === 'FORBIDDEN' || outcome === 'NOT_FOUND')
        expect(p.snapshot(watched.collections, watchedDocs)).toEqual(before);
    });
  });
});
