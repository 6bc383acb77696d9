/**
 * Runtime parity: the built bundles (cloudfunctions/<fn>/index.js, exactly what is deployed) on
 * CloudBase's runtime, Node 16.13, through the real wx-server-sdk, against a seeded local
 * CloudBase. Every action of every function in the contract is called once validly — it must
 * answer its envelope (ok, or a refusal the row names), never INTERNAL, INVALID_INPUT, a crash or a
 * timeout — and once with a payload its schema refuses (INVALID_INPUT). Every timer trigger of the
 * scheduler fires once. A new action fails this layer until it has a row.
 *
 * The rows run in order and build on each other (a wish submitted, then reviewed, claimed …), each
 * valid call made by a demo user holding a role the action allows.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { contract, PRIVACY_VERSION, type ErrorCode } from '../../contract';
import { emulatorClock } from '../../emulator/clock';
import { CLOUDBASE_RUNTIME, type FunctionConfig } from '../../emulator/functions/host';
import { nextQuarter, previousQuarter } from '../../contract/quarters';
import { DEFAULT_RULES } from '../../contract/supervision';
import { rolesOf } from '../../server/platform/identity';
import { quarterAt } from '../../server/supervision/sources';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import type { Envelope, FunctionName } from '../helpers/people';

const ROOT = path.resolve(__dirname, '../..');
const R = 'demo-resident';
const R2 = 'demo-resident-2';
const M = 'demo-member';
const GW = 'demo-grid-worker';
const SEC = 'demo-secretary';
const DEP = 'demo-department';
const UA = 'demo-unit-admin';
const CA = 'demo-county-admin';
const LI = 'demo-property'; // 物业联络员 of the company managing c01-g01-m1

let t: TestCloud;
/** What the rows hand on to later rows. */
const s: Record<string, any> = {};

const call = (fn: FunctionName, action: string, payload: unknown, openid: string) =>
  t.invoke(fn, { action, payload }, openid) as Promise<Envelope>;
/** A preparing call that must succeed. */
async function ok(fn: FunctionName, action: string, payload: unknown, openid: string): Promise<any> {
  const res = await call(fn, action, payload, openid);
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${res.error?.code} ${res.error?.message}`);
  return res.data;
}
let photoSeq = 0;
/** A file the user uploaded (the functions accept only the caller's own uploads). */
const photo = (openid: string) => t.cloud.storage.put(`uploads/${openid}/b-${++photoSeq}.png`, Buffer.from('png'));
const fromNow = (minutes: number) => new Date(emulatorClock.nowMs() + minutes * 60_000).toISOString();

interface Row {
  fn: FunctionName;
  action: string;
  /** A demo user holding a role the action's spec allows. */
  as: string;
  /** The valid payload; may prepare what it needs (through the bundles as well). */
  valid: () => unknown;
  /** Keeps what later rows need from the valid call's data. */
  keep?: (data: any) => void;
  /** A payload the action's schema refuses. */
  invalid: unknown;
  /** A domain refusal the valid call may meet by design (else it must succeed). */
  mayRefuse?: ErrorCode;
}

const activityInput = () => ({
  type: 'volunteer',
  title: `社区志愿服务 ${++photoSeq}`,
  description: '清理楼道杂物',
  startAt: fromNow(10),
  endAt: fromNow(70),
  signUpBy: fromNow(5),
  place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
  capacity: 30,
});
const survey = (openid: string) => ({
  kind: 'surveyReport',
  title: '加装电梯调研',
  note: '走访了十二户居民了解加装电梯意愿',
  photos: [photo(openid)],
});
const caseInput = (n: string) => ({
  category: '环境卫生',
  description: `楼下垃圾桶满了没人清 ${n}`,
  location: { kind: 'building', microGridId: 'c01-g01-m1' },
});
// cobuild: lists
let listsSeq = 0;
const listsNeed = () => ({
  year: s.listsYear,
  category: '助老助残',
  title: `独居老人陪护 ${++listsSeq}`,
  description: '每周上门陪护独居老人',
  quantity: 20,
  quantityUnit: '户',
  wantedBy: `${s.listsYear}-10-01`,
  contact: { name: '谢春梅', phone: '13800000001' },
});
const listsResource = () => ({
  year: s.listsYear,
  category: '助老助残',
  title: `志愿服务队 ${++listsSeq}`,
  description: '单位志愿服务队每月上门',
  capacity: { amount: 12, unit: '次', frequency: '每月一次' },
  liaisonOpenid: M,
  availability: '周末全天',
});
const listsProject = (needIds: string[], resourceIds: string[]) => ({
  year: s.listsYear,
  title: `银龄关爱行动 ${++listsSeq}`,
  goal: '为独居老人提供每月上门服务',
  needIds,
  resourceIds,
  milestones: [{ title: '摸底走访', dueAt: `${s.listsYear}-03-01` }],
  leads: { community: { name: '谢春梅' }, unit: { name: '肖国平' } },
});
const listsAgreement = () => ({
  year: s.listsYear,
  unitId: 'u01',
  projectIds: [s.project.id],
  duties: { community: '提供场地并组织居民', unit: '派出志愿者每月服务' },
  period: { from: `${s.listsYear}-01-01`, to: `${s.listsYear}-12-31` },
});
// cobuild: lists (end)

/** A case of demo-resident accepted and escalated to c01 by its grid worker. */
async function escalatedCase(): Promise<string> {
  const { id } = await ok('complaint', 'submit', caseInput(`esc ${++photoSeq}`), R);
  await ok('complaint', 'accept', { caseId: id }, GW);
  await ok('complaint', 'escalate', { caseId: id, reason: '需部门执法' }, GW);
  return id;
}
const whistle = (caseId: string, lead: string, assist: string[]) => ({
  caseId,
  leadDepartmentId: lead,
  assistDepartmentIds: assist,
  reason: '需要综合执法',
  class: '日常',
  deadline: fromNow(10 * 24 * 60),
});

const ROWS: Row[] = [
  // ------------------------------------------------------------------ account
  { fn: 'account', action: 'me', as: R, valid: () => ({}), invalid: { openid: R } },
  {
    fn: 'account',
    action: 'acceptPrivacy',
    as: R,
    valid: () => ({ version: PRIVACY_VERSION }),
    invalid: { version: '' },
  },
  {
    fn: 'account',
    action: 'updateProfile',
    as: R,
    valid: () => {
      const { gridId: _g, ...address } = (t.cloud.store.find('users', { query: { _id: R } })[0] as any).address;
      return { name: '张秀兰', phone: '13800138000', address };
    },
    invalid: { name: '张秀兰', address: { communityId: 'c01', residentGroupId: 'c01-r01', microGridId: 'c01-g01-m1' } },
  },
  { fn: 'account', action: 'myGrid', as: R, valid: () => ({}), invalid: { gridId: 'c01-g01' } },
  {
    fn: 'account',
    action: 'registerMember',
    as: R2,
    valid: () => ({ unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2012-07-01' }),
    keep: (report) => (s.reportId = report.id),
    invalid: { unitId: 'u01', partyBranch: '机关第一党支部', joinedAt: '2012-02-30' },
  },
  { fn: 'account', action: 'myReports', as: R2, valid: () => ({}), invalid: { status: 'pending' } },
  { fn: 'account', action: 'workbench', as: SEC, valid: () => ({}), invalid: { scope: 'all' } },
  { fn: 'account', action: 'reportQueue', as: SEC, valid: () => ({}), invalid: { status: 'lost' } },
  {
    fn: 'account',
    action: 'reviewReport',
    as: SEC,
    valid: () => ({ reportId: s.reportId, decision: 'verify' }),
    invalid: { reportId: 'r1', decision: 'reject' },
  },
  { fn: 'account', action: 'communityMembers', as: SEC, valid: () => ({}), invalid: { communityId: 'c 01' } },
  { fn: 'account', action: 'unitMembers', as: UA, valid: () => ({}), invalid: { unitId: 7 } },
  { fn: 'account', action: 'findUsers', as: CA, valid: () => ({ query: '张' }), invalid: { query: '' } },
  { fn: 'account', action: 'roleHolders', as: CA, valid: () => ({}), invalid: { role: 'secretary' } },
  {
    fn: 'account',
    action: 'grantRole',
    as: CA,
    valid: () => ({ openid: R2, grant: { role: 'unitAdmin', unitId: 'u02' } }),
    invalid: { openid: R2, grant: { role: 'mayor' } },
  },
  {
    fn: 'account',
    action: 'revokeRole',
    as: CA,
    valid: () => ({ openid: R2, role: 'unitAdmin', scopeId: 'u02' }),
    invalid: { openid: R2, role: 'resident' },
  },
  { fn: 'account', action: 'messages', as: R, valid: () => ({}), invalid: { from: -1 } },
  { fn: 'account', action: 'unreadCount', as: R, valid: () => ({}), invalid: { all: true } },
  { fn: 'account', action: 'markRead', as: R, valid: () => ({ all: true }), invalid: {} },
  // ------------------------------------------------------------------ directory
  { fn: 'directory', action: 'communities', as: R, valid: () => ({}), invalid: { communityId: 'c01' } },
  { fn: 'directory', action: 'community', as: R, valid: () => ({ communityId: 'c01' }), invalid: {} },
  { fn: 'directory', action: 'units', as: R, valid: () => ({ communityId: 'c01' }), invalid: { communityId: '' } },
  { fn: 'directory', action: 'departments', as: SEC, valid: () => ({}), invalid: { kind: 'department' } },
  {
    fn: 'directory',
    action: 'stations',
    as: R,
    valid: () => ({ near: { lat: 26.34, lng: 115.35 } }),
    invalid: { near: { lat: 91, lng: 115.35 } },
  },
  { fn: 'directory', action: 'places', as: SEC, valid: () => ({}), invalid: { communityId: 'c 01' } },
  { fn: 'directory', action: 'gridCards', as: SEC, valid: () => ({ gridId: 'c01-g01' }), invalid: { gridId: null } },
  {
    fn: 'directory',
    action: 'saveContactCard',
    as: SEC,
    valid: () => {
      const card = t.cloud.store.find('contactCards', { query: { _id: 'c01-g01-card2' } })[0];
      const { gridId, openid, title, name, phone, photo: cardPhoto, duties, published } = card;
      return { gridId, cardId: card._id, openid, title, name, phone, photo: cardPhoto, duties, published };
    },
    invalid: { gridId: 'c01-g01', openid: GW, title: '组长', name: '钟晓燕', phone: '1', duties: '', published: {} },
  },
  { fn: 'directory', action: 'householdPairs', as: GW, valid: () => ({}), invalid: { gridId: 'c01-g01' } },
  {
    fn: 'directory',
    action: 'pairMembers',
    as: GW,
    valid: () => ({ microGridId: 'c01-g01-m1', query: '陈' }),
    invalid: { microGridId: 'c01-g01-m1', query: '' },
  },
  {
    fn: 'directory',
    action: 'savePair',
    as: GW,
    // The building's pair as stored, saved back on the version read.
    valid: () => {
      const { pair } = t.cloud.store.find('grids', { query: { _id: 'c01-g01-m1' } })[0] as unknown as { pair: any };
      const { memberOpenid, gridWorkerOpenid, households } = pair;
      return { microGridId: 'c01-g01-m1', memberOpenid, gridWorkerOpenid, households, version: pair.version ?? 0 };
    },
    invalid: { microGridId: 'c01-g01-m1', memberOpenid: M, gridWorkerOpenid: GW, households: 0, version: 0 },
  },
  { fn: 'directory', action: 'propertyCompanies', as: SEC, valid: () => ({}), invalid: { communityId: 'c01' } },
  {
    fn: 'directory',
    action: 'entry',
    as: CA,
    valid: () => ({ kind: 'department', id: 'd02' }),
    keep: (entry) => (s.entry = entry),
    invalid: { kind: 'street', id: 'd02' },
  },
  {
    fn: 'directory',
    action: 'save',
    as: CA,
    // The entry as `entry` gave it, saved back.
    valid: () => ({ kind: s.entry.kind, id: s.entry.id, data: s.entry.data }),
    invalid: { kind: 'department', id: 'd02', data: { name: '住' } },
  },
  { fn: 'directory', action: 'audit', as: CA, valid: () => ({ kind: 'wish' }), invalid: { kind: 'login' } },
  // ------------------------------------------------------------------ wish
  {
    fn: 'wish',
    action: 'submit',
    as: R,
    valid: () => ({ category: '维修', description: '楼道灯坏了需要维修', photos: [photo(R)] }),
    keep: (w) => (s.wishId = w.id),
    invalid: { category: '维修', description: '灯坏了' },
  },
  { fn: 'wish', action: 'mine', as: R, valid: () => ({}), invalid: { status: 'submitted' } },
  { fn: 'wish', action: 'reviewQueue', as: GW, valid: () => ({}), invalid: { from: 0 } },
  {
    fn: 'wish',
    action: 'review',
    as: GW,
    valid: () => ({ wishId: s.wishId, decision: 'publish' }),
    invalid: { wishId: 'w1', decision: 'reject' },
  },
  { fn: 'wish', action: 'hall', as: M, valid: () => ({}), invalid: { sort: 'random' } },
  { fn: 'wish', action: 'detail', as: R, valid: () => ({ wishId: s.wishId }), invalid: { wishId: '../w1' } },
  { fn: 'wish', action: 'claim', as: M, valid: () => ({ wishId: s.wishId }), invalid: { wishId: '' } },
  { fn: 'wish', action: 'myClaims', as: M, valid: () => ({}), invalid: { active: true } },
  {
    fn: 'wish',
    action: 'fulfil',
    as: M,
    valid: () => ({ wishId: s.wishId, photos: [photo(M)], note: '已经修好了' }),
    invalid: { wishId: 'w1', photos: [], note: '已经修好了' },
  },
  {
    fn: 'wish',
    action: 'confirm',
    as: R,
    valid: () => ({ wishId: s.wishId, stars: 5 }),
    invalid: { wishId: 'w1', stars: 6 },
  },
  {
    fn: 'wish',
    action: 'cancelClaim',
    as: M,
    valid: async () => {
      const { id } = await ok('wish', 'submit', { category: '其他', description: '想学用智能手机视频通话' }, R);
      await ok('wish', 'review', { wishId: id, decision: 'publish' }, GW);
      await ok('wish', 'claim', { wishId: id }, M);
      s.wish2 = id;
      return { wishId: id, reason: '临时有事' };
    },
    invalid: { wishId: 'w1' },
  },
  {
    fn: 'wish',
    action: 'withdraw',
    as: R,
    // Published again after the claim was given back: not claimed, so its submitter may withdraw it.
    valid: () => ({ wishId: s.wish2 }),
    invalid: { wishId: 'w1', reason: 5 },
  },
  // ------------------------------------------------------------------ sixOnes
  {
    fn: 'sixOnes',
    action: 'publishActivity',
    as: SEC,
    valid: activityInput,
    keep: (a) => (s.activityId = a.id),
    invalid: { ...activityInput(), endAt: fromNow(0) },
  },
  { fn: 'sixOnes', action: 'activities', as: SEC, valid: () => ({}), invalid: { when: 'tomorrow' } },
  {
    fn: 'sixOnes',
    action: 'activity',
    as: SEC,
    valid: () => ({ activityId: s.activityId }),
    invalid: { activityId: 'a 1' },
  },
  { fn: 'sixOnes', action: 'signUp', as: M, valid: () => ({ activityId: s.activityId }), invalid: {} },
  {
    fn: 'sixOnes',
    action: 'attendees',
    as: SEC,
    valid: () => ({ activityId: s.activityId }),
    invalid: { activityId: s.activityId, all: true },
  },
  {
    fn: 'sixOnes',
    action: 'checkInCode',
    as: SEC,
    valid: () => ({ activityId: s.activityId }),
    keep: (c) => (s.code = c.code),
    invalid: { activityId: ['a1'] },
  },
  {
    fn: 'sixOnes',
    action: 'checkIn',
    as: M,
    valid: () => ({ activityId: s.activityId, code: s.code }),
    invalid: { activityId: 'a1', code: '1234' },
  },
  {
    fn: 'sixOnes',
    action: 'checkOut',
    as: M,
    valid: () => ({ activityId: s.activityId }),
    invalid: { activityId: 'a1', location: { lat: 0, lng: 0 } },
  },
  {
    fn: 'sixOnes',
    action: 'manualAttendance',
    as: SEC,
    valid: () => ({ activityId: s.activityId, openid: M, action: 'checkIn', reason: '手机没电，现场核实' }),
    invalid: { activityId: 'a1', openid: M, action: 'signUp', reason: '手机没电' },
  },
  {
    fn: 'sixOnes',
    action: 'updateActivity',
    as: SEC,
    valid: () => ({ activityId: s.activityId, title: '社区志愿服务（改期）' }),
    invalid: { title: '社区志愿服务' },
  },
  {
    fn: 'sixOnes',
    action: 'cancelSignUp',
    as: M,
    valid: async () => {
      s.activity2 = (await ok('sixOnes', 'publishActivity', activityInput(), SEC)).id;
      await ok('sixOnes', 'signUp', { activityId: s.activity2 }, M);
      return { activityId: s.activity2 };
    },
    invalid: { activityId: 42 },
  },
  {
    fn: 'sixOnes',
    action: 'cancelActivity',
    as: SEC,
    valid: () => ({ activityId: s.activity2, reason: '暴雨预警活动延期' }),
    invalid: { activityId: 'a1', reason: '雨' },
  },
  {
    fn: 'sixOnes',
    action: 'fileRecord',
    as: M,
    valid: () => survey(M),
    keep: (r) => (s.recordId = r.id),
    invalid: { kind: 'diary', title: '加装电梯调研', note: '走访了十二户居民了解加装电梯意愿', photos: [] },
  },
  { fn: 'sixOnes', action: 'recordQueue', as: SEC, valid: () => ({}), invalid: { status: 'lost' } },
  {
    fn: 'sixOnes',
    action: 'reviewRecords',
    as: SEC,
    valid: () => ({ recordIds: [s.recordId], decision: 'reject', reason: '照片不清楚' }),
    invalid: { recordIds: ['r1', 'r1'], decision: 'approve' },
  },
  {
    fn: 'sixOnes',
    action: 'refileRecord',
    as: M,
    valid: () => {
      const { title, note, photos } = survey(M);
      return { recordId: s.recordId, title, note, photos };
    },
    invalid: { recordId: 'r1', title: '调研', note: '太短', photos: [] },
  },
  { fn: 'sixOnes', action: 'myYear', as: M, valid: () => ({}), invalid: { year: 1999 } },
  { fn: 'sixOnes', action: 'tally', as: SEC, valid: () => ({ scope: 'community' }), invalid: { scope: 'town' } },
  { fn: 'sixOnes', action: 'overview', as: CA, valid: () => ({}), invalid: { year: '2026' } },
  { fn: 'sixOnes', action: 'progress', as: UA, valid: () => ({ scope: 'unit' }), invalid: { scope: 'county' } },
  // ------------------------------------------------------------------ cobuild: lists
  // c01's lists three years ahead (the seed's years untouched): need → resource → project → agreement.
  {
    fn: 'cobuild',
    action: 'needs',
    as: SEC,
    valid: () => {
      s.listsYear = new Date(emulatorClock.nowMs()).getFullYear() + 3;
      return { year: s.listsYear };
    },
    invalid: { year: 1999 },
  },
  {
    fn: 'cobuild',
    action: 'saveNeed',
    as: SEC,
    valid: () => listsNeed(),
    keep: (n) => (s.needId = n.id),
    invalid: { category: '助老助残', title: '独居老人陪护', quantity: 0, quantityUnit: '户', wantedBy: '2030-10-01' },
  },
  {
    fn: 'cobuild',
    action: 'closeNeed',
    as: SEC,
    valid: async () => {
      const n = await ok('cobuild', 'saveNeed', listsNeed(), SEC);
      return { needId: n.id, version: n.version, reason: '已由其他渠道解决' };
    },
    invalid: { needId: 'n1', version: 1, reason: '' },
  },
  { fn: 'cobuild', action: 'resources', as: UA, valid: () => ({ year: s.listsYear }), invalid: { status: 'lost' } },
  {
    fn: 'cobuild',
    action: 'saveResource',
    as: UA,
    valid: () => listsResource(),
    keep: (r) => (s.resourceId = r.id),
    invalid: { category: '助老助残', title: '志愿服务队', capacity: { amount: 0, unit: '次', frequency: '每月一次' } },
  },
  {
    fn: 'cobuild',
    action: 'withdrawResource',
    as: UA,
    valid: async () => {
      const r = await ok('cobuild', 'saveResource', listsResource(), UA);
      return { resourceId: r.id, version: r.version, reason: '人员调整' };
    },
    invalid: { resourceId: 'r1', version: -1, reason: '人员调整' },
  },
  { fn: 'cobuild', action: 'matches', as: SEC, valid: () => ({ needId: s.needId }), invalid: { needId: 1 } },
  { fn: 'cobuild', action: 'need', as: UA, valid: () => ({ needId: s.needId }), invalid: { needId: 'n 1' } },
  {
    fn: 'cobuild',
    action: 'resource',
    as: SEC,
    valid: () => ({ resourceId: s.resourceId }),
    invalid: { resourceId: '' },
  },
  {
    fn: 'cobuild',
    action: 'saveProject',
    as: SEC,
    valid: () => listsProject([s.needId], [s.resourceId]),
    keep: (pr) => (s.project = pr),
    invalid: { title: '银龄关爱行动', goal: '', needIds: [], resourceIds: ['r1'], milestones: [] },
  },
  { fn: 'cobuild', action: 'projects', as: UA, valid: () => ({ year: s.listsYear }), invalid: { status: 'lost' } },
  { fn: 'cobuild', action: 'project', as: SEC, valid: () => ({ projectId: s.project.id }), invalid: { projectId: '' } },
  {
    fn: 'cobuild',
    action: 'startProject',
    as: UA,
    valid: () => ({ projectId: s.project.id, version: s.project.version }),
    keep: (pr) => (s.project = pr),
    invalid: { projectId: 'p1' },
  },
  {
    fn: 'cobuild',
    action: 'projectUpdate',
    as: SEC,
    valid: () => ({ projectId: s.project.id, note: '第一次走访完成', photos: [photo(SEC)] }),
    keep: (pr) => (s.project = pr),
    invalid: { projectId: 'p1', note: '太短', photos: [] },
  },
  {
    fn: 'cobuild',
    action: 'finishProject',
    as: SEC,
    valid: () => ({
      projectId: s.project.id,
      version: s.project.version,
      note: '服务老人二十户',
      photos: [photo(SEC)],
    }),
    invalid: { projectId: 'p1', version: 1, note: '', photos: [] },
  },
  {
    fn: 'cobuild',
    action: 'dropProject',
    as: UA,
    valid: async () => {
      const n = await ok('cobuild', 'saveNeed', listsNeed(), SEC);
      const r = await ok('cobuild', 'saveResource', listsResource(), UA);
      const pr = await ok('cobuild', 'saveProject', listsProject([n.id], [r.id]), UA);
      return { projectId: pr.id, version: pr.version, reason: '计划调整' };
    },
    invalid: { projectId: 'p1', version: 1, reason: '' },
  },
  { fn: 'cobuild', action: 'publicProjects', as: R, valid: () => ({}), invalid: { status: 'planned' } },
  {
    fn: 'cobuild',
    action: 'publicProject',
    as: R,
    valid: () => ({ projectId: s.project.id }),
    invalid: { projectId: 'p1', status: 'done' },
  },
  {
    fn: 'cobuild',
    action: 'rateProject',
    as: R,
    valid: () => ({ projectId: s.project.id, stars: 5, comment: '很好' }),
    invalid: { projectId: 'p1', stars: 6 },
  },
  {
    fn: 'cobuild',
    action: 'saveAgreement',
    as: SEC,
    valid: () => listsAgreement(),
    keep: (a) => (s.agreementId = a.id),
    invalid: {
      unitId: 'u01',
      projectIds: ['p1'],
      duties: { community: '提供场地并组织居民', unit: '派出志愿者每月服务' },
      period: { from: '2030-12-31', to: '2030-01-01' },
    },
  },
  {
    fn: 'cobuild',
    action: 'signAgreement',
    as: UA,
    valid: () => ({ agreementId: s.agreementId }),
    invalid: { agreementId: 5 },
  },
  { fn: 'cobuild', action: 'agreements', as: SEC, valid: () => ({ year: s.listsYear }), invalid: { year: 'x' } },
  { fn: 'cobuild', action: 'counts', as: UA, valid: () => ({ year: s.listsYear }), invalid: { year: 2019 } },
  { fn: 'cobuild', action: 'countyOverview', as: CA, valid: () => ({}), invalid: { year: 1999 } },
  // ------------------------------------------------------------------ cobuild: lists (end)
  // ------------------------------------------------------------------ complaint
  {
    fn: 'complaint',
    action: 'submit',
    as: R,
    valid: () => caseInput('a'),
    keep: (c) => (s.caseId = c.id),
    invalid: { ...caseInput('a'), location: { kind: 'moon' } },
  },
  { fn: 'complaint', action: 'mine', as: R, valid: () => ({}), invalid: { from: 0 } },
  { fn: 'complaint', action: 'detail', as: R, valid: () => ({ caseId: s.caseId }), invalid: { id: s.caseId } },
  { fn: 'complaint', action: 'gridQueue', as: GW, valid: () => ({}), invalid: { from: 1e9 } },
  { fn: 'complaint', action: 'propertyQueue', as: LI, valid: () => ({}), invalid: { tab: 'all' } },
  {
    fn: 'complaint',
    action: 'reply',
    as: LI,
    valid: async () => {
      const { id } = await ok('complaint', 'submit', { ...caseInput('物业'), category: '物业' }, R);
      await ok('complaint', 'accept', { caseId: id }, LI);
      return { caseId: id, note: '维修师傅明天上门' };
    },
    invalid: { caseId: 'c1', note: '' },
  },
  // 红色物业's quarterly ratings (function cobuild).
  { fn: 'cobuild', action: 'propertyRatingStatus', as: R, valid: () => ({}), invalid: { quarter: 1 } },
  {
    fn: 'cobuild',
    action: 'rateProperty',
    as: R,
    valid: () => ({ rating: 'satisfied', comment: '物业服务很周到' }),
    invalid: { rating: 'great' },
    mayRefuse: 'CONFLICT',
  },
  { fn: 'cobuild', action: 'propertyStats', as: CA, valid: () => ({}), invalid: { quarter: 5 } },
  // 督导 (function supervision): the first look counts the quarter when the job has not yet.
  { fn: 'supervision', action: 'ranking', as: CA, valid: () => ({ scope: 'unit' }), invalid: { scope: 'county' } },
  {
    fn: 'supervision',
    action: 'halfYear',
    as: CA,
    // This year's first half has begun (in UTC or in China).
    valid: () => ({ year: new Date().getUTCFullYear(), half: 1, scope: 'community' }),
    invalid: { year: 2026, half: 3, scope: 'community' },
  },
  { fn: 'supervision', action: 'report', as: SEC, valid: () => ({}), invalid: { quarter: '2026Q5' } },
  { fn: 'supervision', action: 'rules', as: CA, valid: () => ({}), invalid: { version: 1 } },
  {
    fn: 'supervision',
    action: 'saveRules',
    as: CA,
    valid: () => ({
      rules: { ...DEFAULT_RULES, version: 2, effectiveFrom: nextQuarter(quarterAt(new Date(emulatorClock.nowMs()))) },
    }),
    invalid: { rules: { ...DEFAULT_RULES, version: 0 } },
  },
  { fn: 'supervision', action: 'quarterReport', as: CA, valid: () => ({}), invalid: { quarter: 'Q3' } },
  // exceljs on CloudBase's Node 16.13: the workbook is written and stored.
  { fn: 'supervisionExport', action: 'exportReport', as: CA, valid: () => ({}), invalid: { half: 3 } },
  {
    fn: 'supervision',
    action: 'closeQuarter',
    as: CA,
    valid: () => ({ quarter: previousQuarter(quarterAt(new Date(emulatorClock.nowMs()))) }),
    keep: (d) => (s.report = d),
    invalid: { quarter: '2026Q0' },
  },
  {
    fn: 'supervision',
    action: 'saveBulletin',
    as: CA,
    valid: () => ({
      quarter: s.report.quarter,
      title: s.report.title,
      text: `${s.report.bulletin}\n（补充说明）`,
      version: s.report.version,
    }),
    keep: (d) => (s.report = d),
    invalid: { quarter: '2026Q3', title: '', text: '', version: 1 },
  },
  {
    fn: 'supervision',
    action: 'publishReport',
    as: CA,
    valid: () => ({ quarter: s.report.quarter, version: s.report.version }),
    invalid: { quarter: '2026Q3', version: 0 },
  },
  { fn: 'complaint', action: 'accept', as: GW, valid: () => ({ caseId: s.caseId }), invalid: { caseId: '' } },
  {
    fn: 'complaint',
    action: 'resolve',
    as: GW,
    valid: () => ({ caseId: s.caseId, note: '已清理' }),
    invalid: { caseId: 'c1', note: '' },
  },
  {
    fn: 'complaint',
    action: 'rate',
    as: R,
    valid: () => ({ caseId: s.caseId, grade: '满意' }),
    invalid: { caseId: 'c1', grade: '很好' },
  },
  {
    fn: 'complaint',
    action: 'withdraw',
    as: R,
    valid: async () => ({ caseId: (await ok('complaint', 'submit', caseInput('b'), R)).id }),
    invalid: { caseId: 'c1', reason: 'x'.repeat(201) },
  },
  {
    fn: 'complaint',
    action: 'escalate',
    as: GW,
    valid: async () => {
      s.case2 = (await ok('complaint', 'submit', caseInput('c'), R)).id;
      await ok('complaint', 'accept', { caseId: s.case2 }, GW);
      return { caseId: s.case2, reason: '需部门执法' };
    },
    invalid: { caseId: 'c1', reason: '' },
  },
  { fn: 'complaint', action: 'communityQueue', as: SEC, valid: () => ({}), invalid: { filter: 'mine' } },
  {
    fn: 'complaint',
    action: 'whistle',
    as: SEC,
    valid: () => whistle(s.case2, 'd01', ['d02']),
    invalid: whistle('c1', 'd01', ['d01']),
  },
  { fn: 'complaint', action: 'deptInbox', as: DEP, valid: () => ({}), invalid: { status: 'late' } },
  { fn: 'complaint', action: 'reportIn', as: DEP, valid: () => ({ caseId: s.case2 }), invalid: { caseId: 1 } },
  {
    fn: 'complaint',
    action: 'requestExtension',
    as: DEP,
    valid: () => ({ caseId: s.case2, until: fromNow(20 * 24 * 60), reason: '需等待施工队' }),
    invalid: { caseId: 'c1', until: 'next week', reason: '需等待施工队' },
  },
  {
    fn: 'complaint',
    action: 'decideExtension',
    as: SEC,
    valid: () => ({ caseId: s.case2, approve: true }),
    invalid: { caseId: 'c1', approve: 'yes' },
  },
  {
    fn: 'complaint',
    action: 'assist',
    as: DEP,
    // demo-department (d01) assists d02 here.
    valid: async () => {
      const caseId = await escalatedCase();
      await ok('complaint', 'whistle', whistle(caseId, 'd02', ['d01']), SEC);
      await ok('complaint', 'reportIn', { caseId }, DEP);
      return { caseId, note: '已派员配合' };
    },
    invalid: { caseId: 'c1', note: '好' },
  },
  {
    fn: 'complaint',
    action: 'deptResolve',
    as: DEP,
    valid: () => ({ caseId: s.case2, outcome: '已依法处置', photos: [photo(DEP)] }),
    invalid: { caseId: 'c1', outcome: '已依法处置', photos: [] },
  },
  {
    fn: 'complaint',
    action: 'rateDepartment',
    as: SEC,
    valid: () => ({ caseId: s.case2, grade: '好' }),
    invalid: { caseId: 'c1', grade: '优' },
  },
  {
    fn: 'complaint',
    action: 'metrics',
    as: SEC,
    valid: () => ({ scope: 'community', scopeId: 'c01' }),
    invalid: { scope: 'community', period: 'quarter', index: 5 },
  },
  {
    fn: 'complaint',
    action: 'metricsTrend',
    as: SEC,
    valid: () => ({ scope: 'community', scopeId: 'c01' }),
    invalid: { scope: 'community', month: 13 },
  },
  // ------------------------------------------------------------------ last: 8 days on
  {
    fn: 'wish',
    action: 'awaitingConfirmation',
    as: GW,
    // A wish fulfilled, then the clock moved 8 days on: it has waited for its resident 7 days.
    valid: async () => {
      const { id } = await ok('wish', 'submit', { category: '生活物资', description: '需要一袋大米和食用油' }, R);
      await ok('wish', 'review', { wishId: id, decision: 'publish' }, GW);
      await ok('wish', 'claim', { wishId: id }, M);
      await ok('wish', 'fulfil', { wishId: id, photos: [photo(M)], note: '已经送到家里' }, M);
      emulatorClock.advance(8 * 24 * 60 * 60_000);
      return {};
    },
    keep: (list) => (s.awaiting = list),
    invalid: { days: 7 },
  },
  {
    fn: 'wish',
    action: 'confirmForResident',
    as: GW,
    valid: () => ({ wishId: s.awaiting[0].id, verifiedHow: '电话回访居民本人' }),
    invalid: { wishId: 'w1', verifiedHow: '电话' },
  },
  // ------------------------------------------------------------------ cobuild: 轮值主席 and 联席会议
  { fn: 'meeting', action: 'rota', as: SEC, valid: () => ({}), keep: (r) => (s.rota = r), invalid: { year: 1999 } },
  {
    fn: 'meeting',
    action: 'setRota',
    as: SEC,
    // Two years ahead: every month is still to come.
    valid: async () => {
      s.rotaYear = new Date(emulatorClock.nowMs()).getFullYear() + 2;
      const r = await ok('meeting', 'rota', { year: s.rotaYear }, SEC);
      const unit = r.units.find((u: { id: string }) => u.id === 'u01') ?? r.units[0];
      return { year: s.rotaYear, version: r.version, months: [{ month: 4, unitId: unit.id }] };
    },
    invalid: { year: 2030, version: 0, months: [{ month: 13, unitId: 'u01' }] },
  },
  {
    fn: 'meeting',
    action: 'proposeTheme',
    as: UA,
    valid: () => ({ year: s.rotaYear, month: 4, theme: '垃圾分类进社区' }),
    // The demo unit admin's unit chairs month 4 only if it is u01.
    mayRefuse: 'FORBIDDEN',
    invalid: { year: 2030, month: 4, theme: '' },
  },
  {
    fn: 'meeting',
    action: 'planChairActivity',
    as: UA,
    valid: () => ({
      year: s.rotaYear,
      month: 4,
      type: 'volunteer',
      title: '轮值志愿服务',
      description: '清理楼道杂物',
      startAt: `${s.rotaYear}-04-10T09:00:00+08:00`,
      endAt: `${s.rotaYear}-04-10T11:00:00+08:00`,
      signUpBy: `${s.rotaYear}-04-09T18:00:00+08:00`,
      place: { name: '潋江社区党群服务中心', lat: 26.335, lng: 115.342143, radius: 200 },
      capacity: 30,
    }),
    mayRefuse: 'FORBIDDEN',
    invalid: { year: 2030, month: 4, title: '活动' },
  },
  {
    fn: 'meeting',
    action: 'callMeeting',
    as: SEC,
    valid: () => ({ startAt: fromNow(10 * 24 * 60), place: '潋江社区会议室', subject: '联席会议' }),
    keep: (m) => (s.meeting = m),
    invalid: { startAt: 'tomorrow', place: '会议室' },
  },
  { fn: 'meeting', action: 'meetings', as: UA, valid: () => ({}), invalid: { quarter: 5 } },
  { fn: 'meeting', action: 'meeting', as: SEC, valid: () => ({ meetingId: s.meeting.id }), invalid: { meetingId: '' } },
  {
    fn: 'meeting',
    action: 'submitTopic',
    as: UA,
    valid: () => ({ meetingId: s.meeting.id, title: '楼道照明改造', description: '老旧小区楼道灯' }),
    keep: (m) => (s.meeting = m),
    invalid: { meetingId: 'm1', title: '' },
  },
  {
    fn: 'meeting',
    action: 'setAgenda',
    as: SEC,
    valid: () => ({
      meetingId: s.meeting.id,
      version: s.meeting.version,
      topicIds: s.meeting.topics.map((x: { id: string }) => x.id),
    }),
    keep: (m) => (s.meeting = m),
    invalid: { meetingId: 'm1', version: 1, topicIds: ['a', 'a'] },
  },
  {
    fn: 'meeting',
    action: 'recordMeeting',
    as: SEC,
    // The meeting's time has come: moved back in the store.
    valid: () => {
      t.cloud.store.update(
        'meetings',
        { _id: s.meeting.id },
        { $set: { startAt: new Date(emulatorClock.nowMs() - 3_600_000) } },
        { multi: false, merge: true, upsert: false },
      );
      return {
        meetingId: s.meeting.id,
        version: s.meeting.version,
        presentUnitIds: [],
        minutes: '会议听取了各单位意见，议定一项事项。',
        decisions: [{ title: '走访困难群众', ownerUnitId: null, dueAt: fromNow(20 * 24 * 60).slice(0, 10) }],
      };
    },
    keep: (m) => (s.decision = m.decisions[0]),
    invalid: { meetingId: 'm1', version: 1, presentUnitIds: [], minutes: '短', decisions: [] },
  },
  {
    fn: 'meeting',
    action: 'cancelMeeting',
    as: SEC,
    valid: async () => {
      const m = await ok('meeting', 'callMeeting', { startAt: fromNow(12 * 24 * 60), place: '会议室' }, SEC);
      return { meetingId: m.id, version: m.version, reason: '改期召开' };
    },
    invalid: { meetingId: 'm1', version: 1, reason: '' },
  },
  { fn: 'meeting', action: 'decisions', as: SEC, valid: () => ({}), invalid: { status: 'lost' } },
  {
    fn: 'meeting',
    action: 'updateDecision',
    as: SEC,
    valid: () => ({ decisionId: s.decision.id, version: s.decision.version, note: '已走访 12 户', status: 'done' }),
    invalid: { decisionId: 'd1', version: 1 },
  },
];

beforeAll(async () => {
  t = await startLocalCloud({ mode: 'bundle' });
}, 30_000);
afterAll(async () => {
  emulatorClock.reset();
  await t?.stop();
});

test('the bundles are built from the current sources (npm run build:functions)', () => {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, d) => {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) return Math.max(m, newest(p));
      return /\.ts$/.test(d.name) ? Math.max(m, statSync(p).mtimeMs) : m;
    }, 0);
  const sources = Math.max(...['server', 'contract', 'cloudfunctions'].map((d) => newest(path.join(ROOT, d))));
  const stale = t.cloud.functions
    .names()
    .filter((fn) => statSync(path.join(ROOT, 'cloudfunctions', fn, 'index.js')).mtimeMs < sources);
  expect({ stale }).toEqual({ stale: [] });
});

test('the table has one row for every action of the contract, and no other', () => {
  const inContract = Object.entries(contract).flatMap(([fn, actions]) =>
    Object.keys(actions).map((action) => `${fn}.${action}`),
  );
  const inTable = ROWS.map((r) => `${r.fn}.${r.action}`);
  expect({ missing: inContract.filter((a) => !inTable.includes(a)) }).toEqual({ missing: [] });
  expect({ unknown: inTable.filter((a) => !inContract.includes(a)) }).toEqual({ unknown: [] });
  expect(new Set(inTable).size).toBe(inTable.length);
});

test('each row calls as a demo user holding a role its action allows', () => {
  const wrong = ROWS.filter((r) => {
    const spec = (contract as Record<string, Record<string, { roles: 'anyone' | readonly string[] }>>)[r.fn][r.action];
    if (spec.roles === 'anyone') return false;
    const user = t.cloud.store.find('users', { query: { _id: r.as } })[0] as any;
    const held = rolesOf(user);
    return !spec.roles.some((role) => held.has(role as never));
  });
  expect(wrong.map((r) => `${r.fn}.${r.action} as ${r.as}`)).toEqual([]);
});

describe.each(ROWS.map((r) => [`${r.fn}.${r.action}`, r] as const))('%s', (_name, row) => {
  test('a valid call answers its envelope', async () => {
    const res = await call(row.fn, row.action, await row.valid(), row.as);
    if (!res.ok && res.error?.code !== row.mayRefuse) {
      throw new Error(
        `expected ok, got ${res.error?.code}: ${res.error?.message} ${JSON.stringify(res.error?.details)}`,
      );
    }
    expect(typeof res.requestId).toBe('string');
    if (res.ok) row.keep?.(res.data);
  });

  test('a payload its schema refuses is INVALID_INPUT', async () => {
    const res = await call(row.fn, row.action, row.invalid, row.as);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('scheduler', () => {
  const triggers = () => (t.cloud.functions.config('scheduler') as FunctionConfig).triggers ?? [];

  test('has timer triggers', () => {
    expect(triggers().filter((tr) => tr.type === 'timer').length).toBeGreaterThan(0);
  });

  test('every timer trigger runs once through cloud.scheduler', async () => {
    const timers = triggers().filter((x) => x.type === 'timer');
    const results: Record<string, unknown> = {};
    for (const tr of timers) {
      const res = (await t.cloud.scheduler.fire('scheduler', tr.name)) as Envelope;
      results[tr.name] = res.ok ? 'ok' : res;
    }
    expect(results).toEqual(Object.fromEntries(timers.map((tr) => [tr.name, 'ok'])));
  });
});

test('the bundles ran on CloudBase’s runtime', () => {
  const onPinnedPlatform = process.platform === 'linux' && process.arch === 'x64';
  const versions = t.cloud.functions.runtimeVersions();
  expect(versions.length).toBe(1);
  if (onPinnedPlatform) expect(versions).toEqual([CLOUDBASE_RUNTIME.version]);
});
