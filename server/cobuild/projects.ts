import type { ProjectStatus } from '../../contract/cobuild';
import type {
  ProjectPage,
  ProjectSummary,
  ProjectView,
  PublicProjectPage,
  PublicProjectView,
} from '../../contract/functions/cobuild/lists';
import { notify } from '../notify';
import { audit, short } from '../platform/audit';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { conflict, forbidden, invalidInput, isDuplicate, notFound } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import { local } from '../platform/time';
import {
  communitiesFor,
  dir,
  iso,
  listScope,
  NEEDS,
  PAGE,
  PAGES,
  PROJECTS,
  RATINGS,
  ratingId,
  RESOURCES,
  secretaryOf,
  sideOf,
  stamp,
  stampView,
  unitAdmins,
  UPDATES,
  yearOf,
  photoViews,
  type Dir,
  type NeedDoc,
  type ProjectDoc,
  type ProjectUpdateDoc,
  type RatingDoc,
  type ResourceDoc,
} from './model';
import { checkContent } from './needs';
import { moveCobuildTally, type CobuildTallyField } from './tally';

const LIVE: ProjectStatus[] = ['planned', 'active'];
const UPDATES_SHOWN = 50;

const average = (r: ProjectDoc['rating']) => (r.count > 0 ? Math.round((r.sum / r.count) * 10) / 10 : null);

function summary(p: ProjectDoc, d: Dir): ProjectSummary {
  const next = p.milestones.filter((m) => !m.doneAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return {
    id: p._id,
    communityId: p.communityId,
    communityName: d.communityName(p.communityId),
    year: p.year,
    title: p.title,
    goal: p.goal,
    status: p.status,
    units: p.unitIds.map((id) => ({ id, name: d.unitName(id) })),
    needCount: p.needIds.length,
    resourceCount: p.resourceIds.length,
    milestones: {
      total: p.milestones.length,
      done: p.milestones.filter((m) => m.doneAt).length,
      nextDueAt: next?.dueAt ?? null,
    },
    rating: { count: p.rating.count, average: average(p.rating) },
    lastUpdateAt: p.lastUpdateAt ? iso(p.lastUpdateAt) : null,
    version: p.version,
    updatedAt: iso(p.updatedAt),
  };
}

type Loaded = ProjectDoc & { needs: NeedDoc[]; resources: ResourceDoc[]; updates: ProjectUpdateDoc[] };

/** Whether the caller sees a project: the county admin, its community's secretary, an admin of one of its units. */
function sees(ctx: CallContext, p: Pick<ProjectDoc, 'communityId' | 'unitIds'>): boolean {
  return isCountyAdmin(ctx.user) || sideOf(ctx, p.communityId, p.unitIds) !== null;
}

async function toView(p: Loaded, ctx: CallContext, d: Dir): Promise<ProjectView> {
  const updates = [...p.updates].sort((a, b) => +new Date(b.at) - +new Date(a.at)).slice(0, UPDATES_SHOWN);
  const photos = await photoViews([...updates.map((u) => u.photos), p.result?.photos ?? []]);
  const side = sideOf(ctx, p.communityId, p.unitIds);
  const can: ProjectView['can'] = [];
  if (side) {
    if (p.status === 'planned') can.push('edit', 'start', 'drop');
    if (p.status === 'active') can.push('update', 'finish', 'drop');
  }
  return {
    ...summary(p, d),
    needs: p.needIds
      .map((id) => p.needs.find((n) => n._id === id))
      .filter((n): n is NeedDoc => !!n)
      .map((n) => ({
        id: n._id,
        title: n.title,
        category: n.category,
        status: n.status,
        quantity: n.quantity,
        quantityUnit: n.quantityUnit,
      })),
    resources: p.resourceIds
      .map((id) => p.resources.find((r) => r._id === id))
      .filter((r): r is ResourceDoc => !!r)
      .map((r) => ({
        id: r._id,
        title: r.title,
        category: r.category,
        status: r.status,
        unitId: r.unitId,
        unitName: d.unitName(r.unitId),
      })),
    milestoneList: p.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueAt: m.dueAt,
      doneAt: m.doneAt ? iso(m.doneAt) : null,
    })),
    leads: p.leads,
    updates: updates.map((u) => ({
      id: u._id,
      note: u.note,
      photos: photos(u.photos),
      milestoneId: u.milestoneId,
      by: {
        openid: u.by.openid,
        name: u.by.name,
        side: u.by.side,
        unitName: u.by.unitId ? d.unitName(u.by.unitId) : null,
      },
      at: iso(u.at),
    })),
    result: p.result
      ? { note: p.result.note, photos: photos(p.result.photos), at: iso(p.result.at), by: stampView(p.result.by)! }
      : null,
    dropReason: p.dropReason,
    startedAt: p.startedAt ? iso(p.startedAt) : null,
    createdAt: iso(p.createdAt),
    createdBy: { openid: p.createdBy, name: p.createdByName, at: iso(p.createdAt) },
    can,
  };
}

/**
 * A project with its needs, resources and updates in one aggregate, and the community's other
 * projects of the year (`siblings`: what the needs and resources are linked to besides it).
 */
async function loadProject(ctx: CallContext, projectId: string): Promise<Loaded & { siblings: ProjectDoc[] }> {
  const { list } = await ctx.db
    .collection(PROJECTS)
    .aggregate()
    .match({ _id: projectId })
    .limit(1)
    .lookup({ from: NEEDS, localField: 'needIds', foreignField: '_id', as: 'needs' })
    .lookup({ from: RESOURCES, localField: 'resourceIds', foreignField: '_id', as: 'resources' })
    .lookup({ from: UPDATES, localField: '_id', foreignField: 'projectId', as: 'updates' })
    .lookup({ from: PROJECTS, localField: 'communityId', foreignField: 'communityId', as: 'siblings' })
    .end<Loaded & { siblings: ProjectDoc[] }>();
  const p = list[0];
  if (!p) throw notFound('项目不存在');
  return { ...p, siblings: p.siblings.filter((s) => s._id !== p._id && s.year === p.year) };
}

/** 共建项目清单 of a year, 50 a page, newest first (one query). */
export async function projects(
  input: { year?: number; communityId?: string; status?: ProjectStatus; from: number },
  ctx: CallContext,
): Promise<ProjectPage> {
  const d = await dir(ctx);
  const scope = listScope(ctx, d);
  const communities = communitiesFor(scope, input.communityId);
  if (communities && communities.length === 0) return { items: [], next: null };
  const _ = ctx.db.command;
  // A unit admin (who is not the community's secretary) sees the projects their unit is part of.
  const onlyUnits = !scope.all && communities!.every((c) => !scope.communities.includes(c));
  const where: Record<string, unknown> = {
    ...(communities ? { communityId: communities.length === 1 ? communities[0] : _.in(communities) } : {}),
    year: yearOf(ctx, input.year),
    ...(input.status ? { status: input.status } : {}),
    ...(onlyUnits ? { unitIds: _.in(scope.units) } : {}),
  };
  const { data } = await ctx.db
    .collection(PROJECTS)
    .where(where)
    .orderBy('createdAt', 'desc')
    .skip(input.from)
    .limit(PAGE + 1)
    .get<ProjectDoc>();
  // A user who is secretary of one community and admin of a unit paired elsewhere: keep what each grant covers.
  const items = data.slice(0, PAGE).filter((p) => sees(ctx, p));
  return { items: items.map((p) => summary(p, d)), next: data.length > PAGE ? input.from + PAGE : null };
}

export async function project(input: { projectId: string }, ctx: CallContext): Promise<ProjectView> {
  const [p, d] = await Promise.all([loadProject(ctx, input.projectId), dir(ctx)]);
  if (!sees(ctx, p)) throw notFound('项目不存在');
  return toView(p, ctx, d);
}

interface ProjectInput {
  projectId?: string;
  version?: number;
  year?: number;
  title: string;
  goal: string;
  needIds: string[];
  resourceIds: string[];
  milestones: Array<{ title: string; dueAt: string }>;
  leads: { community: { name: string; openid: string | null }; unit: { name: string } };
}

const stale = () => conflict('该项目刚被他人修改，请刷新后再改');

/** Tally moves of a link step: each need and resource moved counts once (by the update's own result). */
function linkMoves(
  moved: { needsMatched: number; needsOpened: number; resCommitted: number; resOffered: number },
  extra: Partial<Record<CobuildTallyField, number>> = {},
): Partial<Record<CobuildTallyField, number>> {
  return {
    'needs.open': moved.needsOpened - moved.needsMatched,
    'needs.matched': moved.needsMatched - moved.needsOpened,
    'resources.offered': moved.resOffered - moved.resCommitted,
    'resources.committed': moved.resCommitted - moved.resOffered,
    ...extra,
  };
}

/**
 * Creates or edits (while planned) a project. Round trips: the reads side by side (the edited
 * project with its siblings, the needs, the resources, the units' admins); the links (needs
 * open → matched, resources offered → committed; on an edit, those dropped from it and linked by
 * no other live project back), one conditional update per collection and direction; then the
 * project's insert or conditional update with the tally, audit and notices. A crash after the
 * links leaves needs matched (resources committed) that no project links: reconcileCobuild
 * puts them back and recounts the tally. Two editors at once: one wins, the other CONFLICT; its
 * links, if any, are repaired the same way.
 */
export async function saveProject(input: ProjectInput, ctx: CallContext): Promise<ProjectView> {
  const _ = ctx.db.command;
  const d = await dir(ctx);
  // The community: the secretary's own, else the unit admin's paired one (an edited project must be of it).
  const own = scopeIds(ctx.user, 'secretary')[0];
  const unit = scopeIds(ctx.user, 'unitAdmin')[0];
  const communityId = own ?? (unit ? d.unit(unit)?.pairedCommunityId : undefined);
  if (!communityId) throw forbidden('只有社区书记或结对单位管理员可以建立项目');
  await checkContent(
    ctx,
    [input.title, input.goal, ...input.milestones.map((m) => m.title), input.leads.unit.name],
    '项目',
  );
  const paired = d.pairedUnits(communityId).map((u) => u._id);
  const [before, needsRead, resourcesRead, admins] = await Promise.all([
    input.projectId ? loadProject(ctx, input.projectId) : null,
    ctx.db
      .collection(NEEDS)
      .where({ _id: _.in(input.needIds) })
      .limit(input.needIds.length)
      .get<NeedDoc>(),
    ctx.db
      .collection(RESOURCES)
      .where({ _id: _.in(input.resourceIds) })
      .limit(input.resourceIds.length)
      .get<ResourceDoc>(),
    unitAdmins(ctx, paired),
  ]);
  if (before) {
    if (before.communityId !== communityId || !sideOf(ctx, before.communityId, before.unitIds)) {
      if (sees(ctx, before)) throw forbidden('只能修改本社区（本单位参与）的项目');
      throw notFound('项目不存在');
    }
    if (before.status !== 'planned') throw conflict('只有计划中的项目可以修改');
    if (before.version !== input.version) throw stale();
  }
  const year = before?.year ?? yearOf(ctx, input.year);
  const needs = input.needIds.map((id) => needsRead.data.find((n) => n._id === id));
  needs.forEach((n, i) => {
    const linkedHere = before?.needIds.includes(input.needIds[i]);
    if (!n || n.communityId !== communityId || n.year !== year)
      throw invalidInput('只能选择本社区本年度的需求', [{ path: `needIds.${i}`, message: '不是本社区本年度的需求' }]);
    if (!(n.status === 'open' || n.status === 'matched' || (linkedHere && n.status !== 'closed')))
      throw invalidInput(`需求“${n.title}”已完成或关闭`, [{ path: `needIds.${i}`, message: '需求已完成或关闭' }]);
  });
  const resources = input.resourceIds.map((id) => resourcesRead.data.find((r) => r._id === id));
  resources.forEach((r, i) => {
    if (!r || !paired.includes(r.unitId) || r.year !== year)
      throw invalidInput('只能选择本社区结对单位本年度的资源', [
        { path: `resourceIds.${i}`, message: '不是结对单位本年度的资源' },
      ]);
    if (r.status !== 'offered' && r.status !== 'committed')
      throw invalidInput(`资源“${r.title}”已撤回或用完`, [{ path: `resourceIds.${i}`, message: '资源已撤回或用完' }]);
  });
  const unitIds = [...new Set(resources.map((r) => r!.unitId))];
  const side = sideOf(ctx, communityId, unitIds);
  if (!side) throw forbidden('单位管理员建立或修改的项目须使用本单位的资源');
  const today = local(ctx.now).format('YYYY-MM-DD');
  input.milestones.forEach((m, i) => {
    const kept = before?.milestones.find((b) => b.title === m.title && b.dueAt === m.dueAt);
    if (!kept && m.dueAt < today)
      throw invalidInput('节点日期已过', [{ path: `milestones.${i}.dueAt`, message: '节点日期须不早于今天' }]);
  });

  const fields = {
    title: input.title,
    goal: input.goal,
    needIds: input.needIds,
    resourceIds: input.resourceIds,
    unitIds,
    milestones: input.milestones.map((m) => {
      const kept = before?.milestones.find((b) => b.title === m.title && b.dueAt === m.dueAt);
      return kept ?? { id: newId().slice(0, 12), title: m.title, dueAt: m.dueAt, doneAt: null };
    }),
    leads: input.leads,
  };
  const doc: ProjectDoc = before
    ? { ...before, ...fields, version: before.version + 1, updatedAt: ctx.now }
    : {
        _id: newId(),
        communityId,
        year,
        ...fields,
        status: 'planned',
        recentPhotos: [],
        lastUpdateAt: null,
        result: null,
        dropReason: null,
        startedAt: null,
        rating: { count: 0, sum: 0 },
        version: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.openid,
        createdByName: stamp(ctx).name,
      };
  const write = async (): Promise<boolean> => {
    if (before) {
      const { stats } = await ctx.db
        .collection(PROJECTS)
        .where({ _id: before._id, status: 'planned', version: before.version })
        .update({
          data: {
            ...fields,
            leads: _.set(fields.leads),
            milestones: _.set(fields.milestones),
            version: before.version + 1,
            updatedAt: ctx.now,
          },
        });
      return stats.updated === 1;
    }
    const { _id, ...rest } = doc;
    await ctx.db.collection(PROJECTS).add({ data: { _id, ...rest } });
    return true;
  };

  // The links beside the project's write: new ones move forward; on an edit, the removed ones
  // that no other live project links go back.
  const others = (before?.siblings ?? []).filter((s) => LIVE.includes(s.status));
  const removedNeeds = (before?.needIds ?? []).filter(
    (id) => !input.needIds.includes(id) && !others.some((s) => s.needIds.includes(id)),
  );
  const removedRes = (before?.resourceIds ?? []).filter(
    (id) => !input.resourceIds.includes(id) && !others.some((s) => s.resourceIds.includes(id)),
  );
  const count = (p: Promise<{ stats: { updated?: number } }> | null) => (p ? p.then((r) => r.stats.updated ?? 0) : 0);
  const [won, needsMatched, needsOpened, resCommitted, resOffered] = await Promise.all([
    write(),
    count(
      ctx.db
        .collection(NEEDS)
        .where({ _id: _.in(input.needIds), status: 'open' })
        .update({ data: { status: 'matched', updatedAt: ctx.now, version: _.inc(1) } }),
    ),
    count(
      removedNeeds.length
        ? ctx.db
            .collection(NEEDS)
            .where({ _id: _.in(removedNeeds), status: 'matched' })
            .update({ data: { status: 'open', updatedAt: ctx.now, version: _.inc(1) } })
        : null,
    ),
    count(
      ctx.db
        .collection(RESOURCES)
        .where({ _id: _.in(input.resourceIds), status: 'offered' })
        .update({ data: { status: 'committed', updatedAt: ctx.now, version: _.inc(1) } }),
    ),
    count(
      removedRes.length
        ? ctx.db
            .collection(RESOURCES)
            .where({ _id: _.in(removedRes), status: 'committed' })
            .update({ data: { status: 'offered', updatedAt: ctx.now, version: _.inc(1) } })
        : null,
    ),
  ]);
  // The links moved are facts whoever won: the tally follows them.
  const moves = linkMoves(
    { needsMatched, needsOpened, resCommitted, resOffered },
    before ? {} : { 'projects.planned': 1 },
  );
  const newUnits = before ? unitIds.filter((u) => !before.unitIds.includes(u)) : unitIds;
  await Promise.all([
    moveCobuildTally(ctx, communityId, year, moves),
    won
      ? audit(ctx, {
          kind: 'cobuild',
          action: before ? 'editProject' : 'addProject',
          entity: PROJECTS,
          entityId: doc._id,
          label: short(doc.title),
          scope: { communityId, unitId: side.unitId },
        })
      : null,
    won && newUnits.length ? notifyProject(ctx, d, doc, admins.of(newUnits), '新项目', side.side) : null,
  ]);
  if (!won) throw stale();
  const linkedNeeds = needs.map((n) => ({ ...n!, status: n!.status === 'open' ? ('matched' as const) : n!.status }));
  const linkedRes = resources.map((r) => ({
    ...r!,
    status: r!.status === 'offered' ? ('committed' as const) : r!.status,
  }));
  return toView({ ...doc, needs: linkedNeeds, resources: linkedRes, updates: before?.updates ?? [] }, ctx, d);
}

/** Tells the other side of a step: the units' admins when the community acted, the secretary when a unit did (and the units' admins but the caller). */
function notifyProject(
  ctx: CallContext,
  d: Dir,
  p: ProjectDoc,
  admins: string[],
  status: string,
  by: 'community' | 'unit',
  note?: string,
) {
  const to = [...admins, ...(by === 'unit' ? secretaryOf(d, p.communityId) : [])].filter((o) => o !== ctx.openid);
  return notify(
    ctx,
    to,
    'cobuildTodo',
    { subject: p.title, status, note: note ?? `${d.communityName(p.communityId)}共建项目`, time: ctx.now },
    PAGES.project(p._id),
  );
}

/** The project, if the caller is on one of its sides; and what the read found. */
async function ownProject(ctx: CallContext, projectId: string) {
  const [p, d] = await Promise.all([loadProject(ctx, projectId), dir(ctx)]);
  const side = sideOf(ctx, p.communityId, p.unitIds);
  if (!side) {
    if (sees(ctx, p)) throw forbidden('只有项目双方可以操作');
    throw notFound('项目不存在');
  }
  return { p, d, side };
}

/** planned → active: one conditional update on the version read; then tally, audit, the other side told. */
export async function startProject(input: { projectId: string; version: number }, ctx: CallContext) {
  const { p, d, side } = await ownProject(ctx, input.projectId);
  if (p.status !== 'planned') throw conflict('只有计划中的项目可以启动');
  if (p.version !== input.version) throw stale();
  const [{ stats }, admins] = await Promise.all([
    ctx.db
      .collection(PROJECTS)
      .where({ _id: p._id, status: 'planned', version: p.version })
      .update({ data: { status: 'active', startedAt: ctx.now, version: p.version + 1, updatedAt: ctx.now } }),
    unitAdmins(ctx, p.unitIds),
  ]);
  if (stats.updated !== 1) throw stale();
  // A crash here leaves the tally one off until reconcileCobuild.
  await Promise.all([
    moveCobuildTally(ctx, p.communityId, p.year, { 'projects.planned': -1, 'projects.active': 1 }),
    audit(ctx, {
      kind: 'cobuild',
      action: 'startProject',
      entity: PROJECTS,
      entityId: p._id,
      label: short(p.title),
      scope: { communityId: p.communityId, unitId: side.unitId },
    }),
    notifyProject(ctx, d, p, admins.of(p.unitIds), '已启动', side.side),
  ]);
  return toView({ ...p, status: 'active', startedAt: ctx.now, version: p.version + 1, updatedAt: ctx.now }, ctx, d);
}

/**
 * A progress update of an active project: its own document (insert) and the project's
 * `lastUpdateAt`, latest photos and the milestone marked done (one update, on the project still
 * active) side by side. Two updates at once both land. A crash between them leaves an update
 * whose photos and milestone the project does not show yet (the next update or the detail's own
 * list shows it).
 */
export async function projectUpdate(
  input: { projectId: string; note: string; photos: string[]; milestoneId?: string },
  ctx: CallContext,
): Promise<ProjectView> {
  const { p, d, side } = await ownProject(ctx, input.projectId);
  if (p.status !== 'active') throw conflict('只有进行中的项目可以更新进展');
  const mi = input.milestoneId ? p.milestones.findIndex((m) => m.id === input.milestoneId) : -1;
  if (input.milestoneId && mi < 0)
    throw invalidInput('节点不存在', [{ path: 'milestoneId', message: '不是本项目的节点' }]);
  await checkContent(ctx, [input.note], '进展');
  await assertUploaded(ctx.openid, input.photos);
  const u: ProjectUpdateDoc = {
    _id: newId(),
    projectId: p._id,
    communityId: p.communityId,
    note: input.note,
    photos: input.photos,
    milestoneId: input.milestoneId ?? null,
    by: { openid: ctx.openid, name: stamp(ctx).name, side: side.side, unitId: side.unitId },
    at: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  const data: Record<string, unknown> = { lastUpdateAt: ctx.now, updatedAt: ctx.now };
  if (input.photos.length) data.recentPhotos = input.photos;
  if (mi >= 0 && !p.milestones[mi].doneAt) data[`milestones.${mi}.doneAt`] = ctx.now;
  const { _id, ...rest } = u;
  const [, { stats }] = await Promise.all([
    ctx.db.collection(UPDATES).add({ data: { _id, ...rest } }),
    ctx.db.collection(PROJECTS).where({ _id: p._id, status: 'active' }).update({ data }),
  ]);
  if (stats.updated !== 1) throw conflict('项目状态已变化，请刷新');
  await audit(ctx, {
    kind: 'cobuild',
    action: 'projectUpdate',
    entity: PROJECTS,
    entityId: p._id,
    label: short(p.title),
    summary: short(input.note, 60),
    scope: { communityId: p.communityId, unitId: side.unitId },
  });
  const milestones = p.milestones.map((m, i) => (i === mi && !m.doneAt ? { ...m, doneAt: ctx.now } : m));
  return toView(
    {
      ...p,
      milestones,
      lastUpdateAt: ctx.now,
      recentPhotos: input.photos.length ? input.photos : p.recentPhotos,
      updates: [...p.updates, u],
    },
    ctx,
    d,
  );
}

/**
 * Ends a project: done (active, with a result) or dropped (planned or active, with a reason).
 * The project's conditional update and its links' moves go side by side: done → its matched
 * needs done, its committed resources that no other live project uses used up; dropped → its
 * needs and resources that no other live project links open / offered again. Then the tally
 * (each move counted by its own update's result), audit and notices. A crash between leaves
 * the links or the tally behind; reconcileCobuild brings them in line with the projects.
 */
async function endProject(
  ctx: CallContext,
  input: { projectId: string; version: number },
  to: 'done' | 'dropped',
  extra: { note: string; photos: string[] },
): Promise<ProjectView> {
  const { p, d, side } = await ownProject(ctx, input.projectId);
  const from: ProjectStatus[] = to === 'done' ? ['active'] : ['planned', 'active'];
  if (!from.includes(p.status)) throw conflict(to === 'done' ? '只有进行中的项目可以完成' : '该项目已完成或终止');
  if (p.version !== input.version) throw stale();
  await checkContent(ctx, [extra.note], to === 'done' ? '成效' : '终止理由');
  if (to === 'done') await assertUploaded(ctx.openid, extra.photos);
  const _ = ctx.db.command;
  const others = p.siblings.filter((s) => LIVE.includes(s.status));
  const freeNeeds = p.needIds.filter((id) => !others.some((s) => s.needIds.includes(id)));
  const freeRes = p.resourceIds.filter((id) => !others.some((s) => s.resourceIds.includes(id)));
  const result = to === 'done' ? { note: extra.note, photos: extra.photos, at: ctx.now, by: stamp(ctx) } : null;
  const count = (q: Promise<{ stats: { updated?: number } }> | null) => (q ? q.then((r) => r.stats.updated ?? 0) : 0);
  const [won, needsMoved, resMoved, admins] = await Promise.all([
    ctx.db
      .collection(PROJECTS)
      .where({ _id: p._id, status: p.status, version: p.version })
      .update({
        data: {
          status: to,
          ...(to === 'done' ? { result: _.set(result) } : { dropReason: extra.note }),
          version: p.version + 1,
          updatedAt: ctx.now,
        },
      })
      .then((r) => r.stats.updated === 1),
    to === 'done'
      ? count(
          ctx.db
            .collection(NEEDS)
            .where({ _id: _.in(p.needIds), status: 'matched' })
            .update({ data: { status: 'done', updatedAt: ctx.now, version: _.inc(1) } }),
        )
      : count(
          freeNeeds.length
            ? ctx.db
                .collection(NEEDS)
                .where({ _id: _.in(freeNeeds), status: 'matched' })
                .update({ data: { status: 'open', updatedAt: ctx.now, version: _.inc(1) } })
            : null,
        ),
    count(
      freeRes.length
        ? ctx.db
            .collection(RESOURCES)
            .where({ _id: _.in(freeRes), status: 'committed' })
            .update({
              data: { status: to === 'done' ? 'usedUp' : 'offered', updatedAt: ctx.now, version: _.inc(1) },
            })
        : null,
    ),
    unitAdmins(ctx, p.unitIds),
  ]);
  const moves: Partial<Record<CobuildTallyField, number>> =
    to === 'done'
      ? {
          'needs.matched': -needsMoved,
          'needs.done': needsMoved,
          'resources.committed': -resMoved,
          'resources.usedUp': resMoved,
        }
      : linkMoves({ needsMatched: 0, needsOpened: needsMoved, resCommitted: 0, resOffered: resMoved });
  if (won) {
    moves[`projects.${p.status}`] = (moves[`projects.${p.status}`] ?? 0) - 1;
    moves[`projects.${to}`] = (moves[`projects.${to}`] ?? 0) + 1;
  }
  await Promise.all([
    moveCobuildTally(ctx, p.communityId, p.year, moves),
    won
      ? audit(ctx, {
          kind: 'cobuild',
          action: to === 'done' ? 'finishProject' : 'dropProject',
          entity: PROJECTS,
          entityId: p._id,
          label: short(p.title),
          summary: short(extra.note, 60),
          scope: { communityId: p.communityId, unitId: side.unitId },
        })
      : null,
    won
      ? notifyProject(ctx, d, p, admins.of(p.unitIds), to === 'done' ? '已完成' : '已终止', side.side, extra.note)
      : null,
  ]);
  if (!won) throw stale();
  const needs = p.needs.map((n) =>
    to === 'done' && n.status === 'matched'
      ? { ...n, status: 'done' as const }
      : to === 'dropped' && freeNeeds.includes(n._id) && n.status === 'matched'
        ? { ...n, status: 'open' as const }
        : n,
  );
  const resources = p.resources.map((r) =>
    freeRes.includes(r._id) && r.status === 'committed'
      ? { ...r, status: to === 'done' ? ('usedUp' as const) : ('offered' as const) }
      : r,
  );
  return toView(
    {
      ...p,
      status: to,
      result,
      dropReason: to === 'dropped' ? extra.note : null,
      version: p.version + 1,
      updatedAt: ctx.now,
      needs,
      resources,
    },
    ctx,
    d,
  );
}

export const finishProject = (
  input: { projectId: string; version: number; note: string; photos: string[] },
  ctx: CallContext,
) => endProject(ctx, input, 'done', { note: input.note, photos: input.photos });

export const dropProject = (input: { projectId: string; version: number; reason: string }, ctx: CallContext) =>
  endProject(ctx, input, 'dropped', { note: input.reason, photos: [] });

/** The resident's community (their profile's address). */
function residentCommunity(ctx: CallContext): string {
  const c = ctx.user?.address?.communityId;
  if (!c) throw forbidden('请先在“我的”中填写住址，再查看本社区的共建项目');
  return c;
}

const PUBLIC_PAGE = 20;

function toPublic(
  p: ProjectDoc,
  d: Dir,
  photos: (ids: string[]) => PublicProjectView['photos'],
  mine: number | null,
): PublicProjectView {
  return {
    id: p._id,
    year: p.year,
    title: p.title,
    goal: p.goal,
    status: p.status as 'active' | 'done',
    units: p.unitIds.map((u) => ({ name: d.unitName(u) })),
    result: p.result ? { note: p.result.note, at: iso(p.result.at) } : null,
    photos: photos(p.result?.photos.length ? p.result.photos : p.recentPhotos),
    rating: { count: p.rating.count, average: average(p.rating) },
    myRating: mine,
    can: p.status === 'done' && mine === null ? ['rate'] : [],
  };
}

/**
 * The resident's community's active and done projects matching `match`, newest first, with
 * their own rating: one aggregate (the page, then each project's rating by this resident, looked
 * up by its id `${projectId}-${openid}`), the photos' URLs from storage.
 */
async function publicRead(
  ctx: CallContext,
  match: Record<string, unknown>,
  from: number,
  limit: number,
): Promise<{ items: PublicProjectView[]; more: boolean }> {
  const communityId = residentCommunity(ctx);
  const _ = ctx.db.command;
  const [d, { list }] = await Promise.all([
    dir(ctx),
    ctx.db
      .collection(PROJECTS)
      .aggregate()
      .match({ communityId, status: _.in(['active', 'done']), ...match })
      .sort({ createdAt: -1, _id: 1 })
      .skip(from)
      .limit(limit + 1)
      .addFields({ ratingKey: { $concat: ['$_id', '-', ctx.openid] } })
      .lookup({ from: RATINGS, localField: 'ratingKey', foreignField: '_id', as: 'mine' })
      .end<ProjectDoc & { mine: RatingDoc[] }>(),
  ]);
  const page = list.slice(0, limit);
  const photos = await photoViews(page.map((p) => (p.result?.photos.length ? p.result.photos : p.recentPhotos)));
  return { items: page.map((p) => toPublic(p, d, photos, p.mine[0]?.stars ?? null)), more: list.length > limit };
}

/** The resident's community's active and done projects, 20 a page, newest first, with their own rating. */
export async function publicProjects(
  input: { status?: 'active' | 'done'; from: number },
  ctx: CallContext,
): Promise<PublicProjectPage> {
  const { items, more } = await publicRead(ctx, input.status ? { status: input.status } : {}, input.from, PUBLIC_PAGE);
  return { items, next: more ? input.from + PUBLIC_PAGE : null };
}

/** One project as the resident's list shows it: of their community, active or done; any other is NOT_FOUND. */
export async function publicProject(input: { projectId: string }, ctx: CallContext): Promise<PublicProjectView> {
  const { items } = await publicRead(ctx, { _id: input.projectId }, 0, 1);
  if (!items[0]) throw notFound('项目不存在');
  return items[0];
}

/**
 * A resident's rating of a done project of their community, once: the rating document's id is
 * `${projectId}-${openid}`, so a second insert fails (CONFLICT, counted once); then the
 * project's counter moves. A crash between the two leaves the rating uncounted until
 * reconcileCobuild recounts the project's ratings from the documents.
 */
export async function rateProject(
  input: { projectId: string; stars: number; comment: string },
  ctx: CallContext,
): Promise<PublicProjectView> {
  const communityId = residentCommunity(ctx);
  const [p, d] = await Promise.all([
    ctx.db
      .collection(PROJECTS)
      .where({ _id: input.projectId })
      .limit(1)
      .get<ProjectDoc>()
      .then((r) => r.data[0]),
    dir(ctx),
  ]);
  if (!p || p.communityId !== communityId || (p.status !== 'active' && p.status !== 'done'))
    throw notFound('项目不存在');
  if (p.status !== 'done') throw conflict('项目完成后才能评价');
  if (input.comment) await checkContent(ctx, [input.comment], '评价');
  const doc: RatingDoc = {
    _id: ratingId(p._id, ctx.openid),
    projectId: p._id,
    communityId,
    openid: ctx.openid,
    stars: input.stars,
    comment: input.comment,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  try {
    const { _id, ...rest } = doc;
    await ctx.db.collection(RATINGS).add({ data: { _id, ...rest } });
  } catch (err) {
    if (isDuplicate(err)) throw conflict('您已评价过该项目');
    throw err;
  }
  const _ = ctx.db.command;
  await ctx.db
    .collection(PROJECTS)
    .where({ _id: p._id })
    .update({ data: { 'rating.count': _.inc(1), 'rating.sum': _.inc(input.stars) } });
  const rating = { count: p.rating.count + 1, sum: p.rating.sum + input.stars };
  const photos = await photoViews([p.result?.photos ?? []]);
  return toPublic({ ...p, rating }, d, photos, input.stars);
}
