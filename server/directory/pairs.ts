import type { UserSummary } from '../../contract/functions/account';
import type { HouseholdPairView, PairGridView, PairMicroGridView } from '../../contract/functions/directory';
import { byPinyin } from '../../contract/collate';
import type { MemberReportDoc } from '../accounts/model';
import type { GridDoc, GridsCollectionDoc, HouseholdPair, MicroGridDoc } from './model';
import { audit } from '../platform/audit';
import { grantsFor, requireScope } from '../platform/authorize';
import { conflict, invalidInput, notFound } from '../platform/errors';
import { loadUser, type UserDoc } from '../platform/identity';
import { maskPhone } from '../platform/mask';
import type { CallContext } from '../platform/router';
import { nameOrPhone } from '../platform/search';

/**
 * 1+1带N (PRODUCT.md "The county's structure"): in each micro-grid one party member and one grid
 * worker are linked to N households. The grid's workers and the community's secretary keep it;
 * the residents of the building read it on their 网格联系卡 (account.myGrid).
 */

const KEEPERS = ['gridWorker', 'secretary'] as const;
const OUT_OF_SCOPE = '只能维护本人所在网格（书记：本社区）的1+1带N';

/** Whether a grid worker or secretary grant of `user` covers the grid: its workers, its community's secretary. */
const keeps = (user: CallContext['user'], grid: { gridId: string; communityId: string }) =>
  grantsFor(user, KEEPERS, grid).length > 0;

const pairView = (p: HouseholdPair): HouseholdPairView => ({
  memberOpenid: p.memberOpenid,
  memberName: p.memberName,
  gridWorkerOpenid: p.gridWorkerOpenid,
  gridWorkerName: p.gridWorkerName,
  households: p.households,
});

/** `version` 0: the pair was never edited here (the seed's, or none). */
const microView = (m: MicroGridDoc): PairMicroGridView => ({
  id: m._id,
  name: m.name,
  householdCount: m.householdCount,
  pair: m.pair ? pairView(m.pair) : null,
  version: m.pair?.version ?? 0,
});

const displayName = (u: Pick<UserDoc, 'name' | 'nickname'>) => u.name ?? u.nickname;

/**
 * The grids the caller keeps 1+1带N of, with their micro-grids and grid workers: one read of the
 * communities' grids (indexed `communityId`, a community has a few dozen), kept to the grids in
 * scope, then one read of the workers' names.
 */
export async function householdPairs(_input: Record<string, never>, ctx: CallContext): Promise<PairGridView[]> {
  const _ = ctx.db.command;
  const communities = [
    ...new Set(
      (ctx.user?.roles ?? []).flatMap((g) =>
        g.role === 'gridWorker' || g.role === 'secretary' ? [g.communityId] : [],
      ),
    ),
  ];
  if (communities.length === 0) return [];
  const { data } = await ctx.db
    .collection('grids')
    .where({ communityId: _.in(communities) })
    .limit(1000)
    .get<GridsCollectionDoc>();
  const grids = data
    .filter((g): g is GridDoc => g.level === 'grid' && keeps(ctx.user, { gridId: g._id, communityId: g.communityId }))
    .sort((a, b) => a.communityId.localeCompare(b.communityId) || a.order - b.order);
  if (grids.length === 0) return [];
  const staff = [...new Set(grids.flatMap((g) => [g.gridHeadOpenid, ...g.gridWorkerOpenids]))];
  const { data: users } = await ctx.db
    .collection('users')
    .where({ _id: _.in(staff) })
    .limit(1000)
    .get<UserDoc>();
  const names = new Map(users.map((u) => [u._id, displayName(u)]));
  const micros = data.filter((m): m is MicroGridDoc => m.level === 'microGrid');
  return grids.map((g) => ({
    id: g._id,
    name: g.name,
    communityId: g.communityId,
    workers: [g.gridHeadOpenid, ...g.gridWorkerOpenids]
      .filter((openid, i, all) => names.has(openid) && all.indexOf(openid) === i)
      .map((openid) => ({ openid, name: names.get(openid)! })),
    microGrids: micros
      .filter((m) => m.parentId === g._id)
      .sort((a, b) => a.order - b.order)
      .map(microView),
  }));
}

async function loadMicroGrid(ctx: CallContext, microGridId: string): Promise<MicroGridDoc> {
  const { data } = await ctx.db
    .collection('grids')
    .where({ _id: microGridId, level: 'microGrid' })
    .limit(1)
    .get<MicroGridDoc>();
  if (!data[0]) throw notFound('微网格不存在');
  return data[0];
}

/** The micro-grid, if the caller keeps its 1+1带N (FORBIDDEN otherwise). */
async function keptMicroGrid(ctx: CallContext, microGridId: string): Promise<MicroGridDoc> {
  const micro = await loadMicroGrid(ctx, microGridId);
  requireScope(ctx.user, KEEPERS, { gridId: micro.parentId, communityId: micro.communityId }, OUT_OF_SCOPE);
  return micro;
}

/**
 * The members a pair may name: verified in the micro-grid's community (双报到), by name in part or
 * phone whole, from their verified reports (indexed `communityId, status, name`); phones masked.
 */
export async function pairMembers(
  input: { microGridId: string; query: string },
  ctx: CallContext,
): Promise<UserSummary[]> {
  const micro = await keptMicroGrid(ctx, input.microGridId);
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('memberReports')
    .where(
      _.and([
        { communityId: micro.communityId, status: 'verified' },
        nameOrPhone(ctx.db, input.query),
      ]) as unknown as Record<string, unknown>,
    )
    .limit(20)
    .get<MemberReportDoc>();
  return data
    .map((r) => ({
      openid: r.openid,
      name: r.name,
      phone: maskPhone(r.phone),
      roles: [{ role: 'member' as const, communityId: r.communityId, unitId: r.unitId, verified: true }],
    }))
    .sort((a, b) => byPinyin(a.name, b.name));
}

/** N is at most the building's households (when the directory records them). */
export function householdsIssue(households: number, householdCount: number): string | null {
  return householdCount > 0 && households > householdCount
    ? `本楼栋共 ${householdCount} 户，联系户数不能超过 ${householdCount}`
    : null;
}

interface PairInput {
  microGridId: string;
  memberOpenid: string;
  gridWorkerOpenid: string;
  households: number;
  version: number;
}

/**
 * Sets a micro-grid's pair. The member must be verified in its community, the grid worker hold a
 * grid worker grant of its grid. One conditional update on the version the caller read: two
 * keepers editing the same building at once, the second is told (CONFLICT) and sees the first's
 * pair, never overwrites it unseen; edits of different buildings never meet. The audit entry
 * follows the update (docs/architecture.md "The audit trail").
 */
export async function savePair(input: PairInput, ctx: CallContext): Promise<PairMicroGridView> {
  const micro = await keptMicroGrid(ctx, input.microGridId);
  const stale = () => conflict('该楼栋的1+1带N刚被他人修改，请刷新后再改');
  if ((micro.pair?.version ?? 0) !== input.version) throw stale();
  const tooMany = householdsIssue(input.households, micro.householdCount);
  if (tooMany) throw invalidInput(tooMany, [{ path: 'households', message: tooMany }]);
  const _ = ctx.db.command;
  const [reports, worker] = await Promise.all([
    ctx.db
      .collection('memberReports')
      .where({ communityId: micro.communityId, status: 'verified', openid: input.memberOpenid })
      .limit(1)
      .get<MemberReportDoc>(),
    loadUser(ctx.db, input.gridWorkerOpenid),
  ]);
  const report = reports.data[0];
  if (!report) {
    throw invalidInput('该党员未在本社区报到，请选择已报到本社区的党员', [
      { path: 'memberOpenid', message: '未在本社区报到' },
    ]);
  }
  const worksGrid = worker?.roles.some((g) => g.role === 'gridWorker' && g.gridIds.includes(micro.parentId));
  if (!worker || !worksGrid) {
    throw invalidInput('该人员不是本网格的网格员', [{ path: 'gridWorkerOpenid', message: '不是本网格网格员' }]);
  }
  const pair: HouseholdPair = {
    memberName: report.name,
    memberOpenid: report.openid,
    gridWorkerName: displayName(worker),
    gridWorkerOpenid: worker.openid,
    households: input.households,
    version: input.version + 1,
    editedBy: { openid: ctx.openid, name: ctx.user?.name ?? ctx.user?.nickname ?? '', at: ctx.now },
  };
  const { stats } = await ctx.db
    .collection('grids')
    .where({
      _id: micro._id,
      level: 'microGrid',
      'pair.version': input.version === 0 ? _.exists(false) : input.version,
    })
    .update({ data: { pair: _.set(pair), updatedAt: ctx.now } });
  if (stats.updated !== 1) throw stale();
  await audit(ctx, {
    kind: 'directory',
    action: 'update',
    entity: 'householdPair',
    entityId: micro._id,
    label: micro.name,
    scope: { communityId: micro.communityId },
    before: micro.pair ?? null,
    after: pair,
  });
  return microView({ ...micro, pair });
}
