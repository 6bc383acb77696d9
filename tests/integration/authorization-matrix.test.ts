import { contract, PRIVACY_VERSION, type ErrorCode } from '../../contract';
import { startLocalCloud, type TestCloud } from '../helpers/localCloud';
import { C01_ADDRESS, people, type FunctionName, type People } from '../helpers/people';

/**
 * The authorization matrix: every action of `account`, `directory` and `wish` × every kind of
 * caller, in scope (c01, its grid c01-g01, unit u01) and out of it. A refused call answers
 * FORBIDDEN and changes nothing. An action without a row fails the suite, so a new action cannot
 * slip through unchecked.
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
  collections: ['wishes', 'records'],
  docs: [['wishes', payload.wishId] as const],
});
/** No caller of the matrix is a verified member: member-only actions refuse them all. */
const noVerifiedMember = (): Expectation => only();

const ROWS: Row[] = [
  // ------------------------------------------------------------------ account
  { fn: 'account', action: 'me', payload: () => ({}), expect: everyone() },
  { fn: 'account', action: 'acceptPrivacy', payload: () => ({ version: PRIVACY_VERSION }), expect: everyone() },
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
      collections: ['users', 'memberReports'],
      docs: [
        ['memberReports', reportId],
        ['users', p.doc('memberReports', reportId).openid],
      ],
    }),
    expect: only('secretary'),
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
  { fn: 'directory', action: 'audit', payload: () => ({ limit: 10 }), expect: only('countyAdmin') },
  {
    fn: 'directory',
    action: 'propertyCompanies',
    payload: () => ({}),
    expect: only('secretary', 'otherSecretary', 'countyAdmin'),
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
    action: 'withdraw',
    // Only the submitter may withdraw.
    payload: async () => ({ wishId: await publishedWish() }),
    writes: wishWrites,
    expect: only(),
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
  it('has a row for every action of contract.account, contract.directory and contract.wish, and no other', () => {
    const inContract = (['account', 'directory', 'wish'] as const).flatMap((fn) =>
      Object.keys(contract[fn]).map((action) => `${fn}.${action}`),
    );
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
      if (outcome === 'FORBIDDEN') expect(p.snapshot(watched.collections, watchedDocs)).toEqual(before);
    });
  });
});
