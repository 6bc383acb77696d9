import type { ProjectStatus, ResourceStatus } from '../../contract/cobuild';
import type { CobuildCounts } from '../../contract/functions/cobuild/lists';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { forbidden, invalidInput } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { dir, listScope, PROJECTS, RESOURCES, yearOf } from './model';
import { cobuildTallyId, emptyCobuildTally, type CobuildTallyDoc } from './tally';

type Linked = { _id: string; communityId: string; status: ProjectStatus };

/**
 * The hub's counts of a year, one database request either way (whatever the data volume). A
 * community (the secretary's own, or the one the county admin names): its tally document (none
 * yet: zeros). A unit admin: the unit's resources and the projects it is part of, as its lists
 * show them, in one `$group` aggregate (below).
 */
export async function counts(input: { year?: number; communityId?: string }, ctx: CallContext): Promise<CobuildCounts> {
  const year = yearOf(ctx, input.year);
  const secretaryOf = scopeIds(ctx.user, 'secretary');
  const communityId = input.communityId ?? secretaryOf[0];
  if (communityId) {
    if (!isCountyAdmin(ctx.user) && !secretaryOf.includes(communityId)) throw forbidden('只能查看本社区的共建清单');
    const { data } = await ctx.db
      .collection('cobuildTallies')
      .where({ _id: cobuildTallyId(communityId, year) })
      .limit(1)
      .get<CobuildTallyDoc>();
    const t = data[0] ?? emptyCobuildTally(communityId, year, ctx.now);
    return {
      year,
      of: { kind: 'community', communityId },
      needs: t.needs,
      resources: t.resources,
      projects: t.projects,
      agreementsSigned: t.agreementsSigned,
    };
  }
  const units = scopeIds(ctx.user, 'unitAdmin');
  if (units.length === 0) throw invalidInput('请选择社区', [{ path: 'communityId', message: '请选择要查看的社区' }]);
  // One aggregate: the unit's resources of the year grouped by state, each group with the
  // projects its resources are linked to (a project is the unit's when it uses one of the unit's
  // resources, and only those of its year: `unitIds` is made from `resourceIds`), kept to id,
  // community and state.
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const [d, { list }] = await Promise.all([
    dir(ctx),
    ctx.db
      .collection(RESOURCES)
      .aggregate()
      .match({ unitId: units.length === 1 ? units[0] : _.in(units), year })
      .lookup({ from: PROJECTS, localField: '_id', foreignField: 'resourceIds', as: 'projects' })
      .project({ status: 1, 'projects._id': 1, 'projects.communityId': 1, 'projects.status': 1 })
      .group({ _id: '$status', n: $.sum(1), projects: $.push('$projects') })
      .limit(10)
      .end<{ _id: ResourceStatus; n: number; projects: Linked[][] }>(),
  ]);
  const empty = emptyCobuildTally('', year, ctx.now);
  const resources = { ...empty.resources };
  const projects = { ...empty.projects };
  // As the projects list: of the communities the units are paired with.
  const { unitCommunities } = listScope(ctx, d);
  const seen = new Set<string>();
  for (const row of list) {
    if (row._id in resources) resources[row._id] = row.n;
    for (const p of row.projects.flat()) {
      if (seen.has(p._id) || !unitCommunities.includes(p.communityId)) continue;
      seen.add(p._id);
      projects[p.status]++;
    }
  }
  return { year, of: { kind: 'unit', unitId: units[0] }, needs: null, resources, projects, agreementsSigned: null };
}
