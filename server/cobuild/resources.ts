import type { CobuildCategory, ResourceStatus } from '../../contract/cobuild';
import type { ResourcePage, ResourceView } from '../../contract/functions/cobuild/lists';
import { notify } from '../notify';
import { audit, short } from '../platform/audit';
import { isCountyAdmin, ownScope, scopeIds } from '../platform/authorize';
import { conflict, forbidden, invalidInput, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { loadUser } from '../platform/identity';
import type { CallContext } from '../platform/router';
import {
  dir,
  iso,
  NEEDS,
  PAGE,
  PAGES,
  PROJECTS,
  RESOURCES,
  secretaryOf,
  yearOf,
  type Dir,
  type NeedDoc,
  type ProjectDoc,
  type ResourceDoc,
} from './model';
import { checkContent } from './needs';
import { moveCobuildTally } from './tally';
import { editItem, retireItem } from './versioned';

type Linked = Pick<ProjectDoc, '_id' | 'title' | 'status'>;

export function toResourceView(r: ResourceDoc, ctx: CallContext, d: Dir, projects: Linked[]): ResourceView {
  const mine = scopeIds(ctx.user, 'unitAdmin').includes(r.unitId);
  const can: ResourceView['can'] = [];
  if (mine && (r.status === 'offered' || r.status === 'committed')) can.push('edit');
  if (mine && r.status === 'offered') can.push('withdraw');
  return {
    id: r._id,
    unitId: r.unitId,
    unitName: d.unitName(r.unitId),
    communityId: r.communityId,
    year: r.year,
    category: r.category,
    title: r.title,
    description: r.description,
    capacity: r.capacity,
    liaison: r.liaison,
    availability: r.availability,
    status: r.status,
    withdrawReason: r.withdrawReason,
    projects: projects
      .filter((p) => p.status !== 'dropped')
      .map((p) => ({ id: p._id, title: p.title, status: p.status })),
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    can,
  };
}

/** Whether the caller may see a unit's resources: its admin, its paired community's secretary, the county admin. */
function seesUnit(ctx: CallContext, d: Dir, unitId: string): boolean {
  if (isCountyAdmin(ctx.user) || scopeIds(ctx.user, 'unitAdmin').includes(unitId)) return true;
  const paired = d.unit(unitId)?.pairedCommunityId;
  return !!paired && scopeIds(ctx.user, 'secretary').includes(paired);
}

/**
 * 资源清单 of a year, 50 a page: one aggregate (the resources of the units in scope, with the
 * projects that use them). Secretary: the units paired with their community now.
 */
export async function resources(
  input: {
    year?: number;
    unitId?: string;
    communityId?: string;
    status?: ResourceStatus;
    category?: CobuildCategory;
    from: number;
  },
  ctx: CallContext,
): Promise<ResourcePage> {
  const d = await dir(ctx);
  const _ = ctx.db.command;
  let units: string[] | null;
  if (input.unitId) {
    if (!seesUnit(ctx, d, input.unitId)) throw forbidden('只能查看本单位或本社区结对单位的资源清单');
    units = [input.unitId];
  } else if (input.communityId) {
    const c = input.communityId;
    if (!isCountyAdmin(ctx.user) && !scopeIds(ctx.user, 'secretary').includes(c))
      throw forbidden('只能查看本社区结对单位的资源清单');
    units = d.pairedUnits(c).map((u) => u._id);
  } else if (isCountyAdmin(ctx.user)) {
    units = null;
  } else {
    units = [
      ...new Set([
        ...scopeIds(ctx.user, 'unitAdmin'),
        ...scopeIds(ctx.user, 'secretary').flatMap((c) => d.pairedUnits(c).map((u) => u._id)),
      ]),
    ];
  }
  if (units && units.length === 0) return { items: [], next: null };
  const match: Record<string, unknown> = {
    ...(units ? { unitId: units.length === 1 ? units[0] : _.in(units) } : {}),
    year: yearOf(ctx, input.year),
    ...(input.status ? { status: input.status } : {}),
    ...(input.category ? { category: input.category } : {}),
  };
  const { list } = await ctx.db
    .collection(RESOURCES)
    .aggregate()
    .match(match)
    .sort({ unitId: 1, createdAt: 1, _id: 1 })
    .skip(input.from)
    .limit(PAGE + 1)
    .lookup({ from: PROJECTS, localField: '_id', foreignField: 'resourceIds', as: 'projects' })
    .end<ResourceDoc & { projects: ProjectDoc[] }>();
  return {
    items: list.slice(0, PAGE).map((r) => toResourceView(r, ctx, d, r.projects)),
    next: list.length > PAGE ? input.from + PAGE : null,
  };
}

/**
 * One resource as the lists show it (one aggregate with its projects): the lists' scope — a unit
 * admin's own unit, the secretary's paired units, the county admin any; another's is NOT_FOUND.
 */
export async function resource(input: { resourceId: string }, ctx: CallContext): Promise<ResourceView> {
  const [r, d] = await Promise.all([loadResource(ctx, input.resourceId), dir(ctx)]);
  if (!seesUnit(ctx, d, r.unitId)) throw notFound('资源不存在');
  return toResourceView(r, ctx, d, r.projects);
}

async function loadResource(ctx: CallContext, resourceId: string): Promise<ResourceDoc & { projects: ProjectDoc[] }> {
  const { list } = await ctx.db
    .collection(RESOURCES)
    .aggregate()
    .match({ _id: resourceId })
    .limit(1)
    .lookup({ from: PROJECTS, localField: '_id', foreignField: 'resourceIds', as: 'projects' })
    .end<ResourceDoc & { projects: ProjectDoc[] }>();
  if (!list[0]) throw notFound('资源不存在');
  return list[0];
}

interface ResourceInput {
  resourceId?: string;
  version?: number;
  year?: number;
  category: CobuildCategory;
  title: string;
  description: string;
  capacity: { amount: number; unit: string; frequency: string };
  liaisonOpenid: string;
  availability: string;
}

const stale = () => conflict('该资源刚被他人修改，请刷新后再改');

/**
 * Adds a resource to the unit's list or edits one while offered or committed (a committed one
 * keeps its category). The liaison must be a verified member of the unit (双报到) with an
 * account: their user document is read beside the resource (or the directory). A new resource
 * tells the paired community's secretary when one of their open needs has its category.
 */
export async function saveResource(input: ResourceInput, ctx: CallContext): Promise<ResourceView> {
  const unitId = ownScope(ctx.user, 'unitAdmin', '只有结对单位管理员可以维护资源清单');
  await checkContent(
    ctx,
    [input.title, input.description, input.capacity.unit, input.capacity.frequency, input.availability],
    '资源',
  );
  const [d, liaisonUser, before] = await Promise.all([
    dir(ctx),
    loadUser(ctx.db, input.liaisonOpenid),
    input.resourceId ? loadResource(ctx, input.resourceId) : null,
  ]);
  if (before && before.unitId !== unitId) throw forbidden('只能修改本单位的资源');
  const memberOfUnit = liaisonUser?.roles.some((g) => g.role === 'member' && g.verified && g.unitId === unitId);
  if (!liaisonUser || !memberOfUnit)
    throw invalidInput('联络人须为本单位已报到的在职党员', [
      { path: 'liaisonOpenid', message: '不是本单位已报到党员' },
    ]);
  const unit = d.unit(unitId);
  if (!unit) throw notFound('单位不存在');
  const fields = {
    category: input.category,
    title: input.title,
    description: input.description,
    capacity: input.capacity,
    liaison: { openid: liaisonUser.openid, name: liaisonUser.name ?? liaisonUser.nickname, phone: liaisonUser.phone },
    availability: input.availability,
  };
  if (!before) {
    const year = yearOf(ctx, input.year);
    const doc: ResourceDoc = {
      _id: newId(),
      unitId,
      communityId: unit.pairedCommunityId,
      year,
      ...fields,
      status: 'offered',
      withdrawReason: null,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.openid,
      updatedBy: ctx.openid,
    };
    const { _id, ...rest } = doc;
    // The paired community's open needs of the category, read beside the insert: a match is worth telling.
    const [, open] = await Promise.all([
      ctx.db.collection(RESOURCES).add({ data: { _id, ...rest } }),
      ctx.db
        .collection(NEEDS)
        .where({ communityId: doc.communityId, year, status: 'open', category: doc.category })
        .limit(20)
        .get<NeedDoc>(),
    ]);
    await Promise.all([
      moveCobuildTally(ctx, doc.communityId, year, { 'resources.offered': 1 }),
      audit(ctx, {
        kind: 'cobuild',
        action: 'addResource',
        entity: RESOURCES,
        entityId: doc._id,
        label: short(doc.title),
        scope: { communityId: doc.communityId, unitId },
      }),
      open.data.length > 0
        ? notify(
            ctx,
            secretaryOf(d, doc.communityId),
            'cobuildTodo',
            {
              subject: `${unit.name}：${doc.title}`,
              status: '新资源',
              note: `可对接需求：${open.data[0].title}${open.data.length > 1 ? ` 等 ${open.data.length} 项` : ''}`,
              time: ctx.now,
            },
            PAGES.need(open.data[0]._id),
          )
        : null,
    ]);
    return toResourceView(doc, ctx, d, []);
  }
  if (before.unitId !== unitId) throw forbidden('只能修改本单位的资源');
  if (before.status !== 'offered' && before.status !== 'committed') throw conflict('该资源已用完或撤回，不能再修改');
  if (before.version !== input.version) throw stale();
  if (before.status === 'committed' && before.category !== input.category)
    throw invalidInput('已承接项目的资源不能更改类别', [{ path: 'category', message: '已承接，不能更改类别' }]);
  const after = await editItem(ctx, {
    collection: RESOURCES,
    before,
    version: input.version,
    stale,
    action: 'editResource',
    scope: { communityId: before.communityId, unitId },
    editable: ['offered', 'committed'],
    fields,
    whole: ['capacity', 'liaison'],
  });
  return toResourceView(after, ctx, d, before.projects);
}

/** Withdraws an offered resource (a committed one is in a project: drop or finish that first). */
export async function withdrawResource(
  input: { resourceId: string; version: number; reason: string },
  ctx: CallContext,
): Promise<ResourceView> {
  const unitId = ownScope(ctx.user, 'unitAdmin', '只有结对单位管理员可以撤回资源');
  await checkContent(ctx, [input.reason], '撤回理由');
  const [before, d] = await Promise.all([loadResource(ctx, input.resourceId), dir(ctx)]);
  if (before.unitId !== unitId) throw forbidden('只能撤回本单位的资源');
  if (before.status === 'withdrawn') throw conflict('该资源已撤回');
  if (before.status !== 'offered') throw conflict('该资源已被项目承接或已用完，不能撤回');
  const after = await retireItem(ctx, {
    collection: RESOURCES,
    before,
    version: input.version,
    stale,
    action: 'withdrawResource',
    scope: { communityId: before.communityId, unitId },
    status: 'withdrawn',
    reasonField: 'withdrawReason',
    reason: input.reason,
    tally: 'resources',
  });
  return toResourceView(after, ctx, d, before.projects);
}

/**
 * Matching help for a need: one aggregate — the need with the resources of its community of
 * the same year (by `communityId`), kept to its category, offered or committed, of units paired
 * with the community now.
 */
export async function matches(input: { needId: string }, ctx: CallContext): Promise<ResourceView[]> {
  const [d, { list }] = await Promise.all([
    dir(ctx),
    ctx.db
      .collection(NEEDS)
      .aggregate()
      .match({ _id: input.needId })
      .limit(1)
      .lookup({ from: RESOURCES, localField: 'communityId', foreignField: 'communityId', as: 'resources' })
      .end<NeedDoc & { resources: ResourceDoc[] }>(),
  ]);
  const need = list[0];
  if (!need) throw notFound('需求不存在');
  const paired = d.pairedUnits(need.communityId).map((u) => u._id);
  const sees =
    isCountyAdmin(ctx.user) ||
    scopeIds(ctx.user, 'secretary').includes(need.communityId) ||
    scopeIds(ctx.user, 'unitAdmin').some((u) => paired.includes(u));
  if (!sees) throw forbidden('只能查看本社区（本单位结对社区）的需求');
  return need.resources
    .filter(
      (r) =>
        r.year === need.year &&
        r.category === need.category &&
        (r.status === 'offered' || r.status === 'committed') &&
        paired.includes(r.unitId),
    )
    .sort((a, b) => (a.status === b.status ? a.unitId.localeCompare(b.unitId) : a.status === 'offered' ? -1 : 1))
    .map((r) => toResourceView(r, ctx, d, []));
}
