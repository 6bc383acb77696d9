import type { CobuildCategory, NeedStatus } from '../../contract/cobuild';
import type { NeedPage, NeedView } from '../../contract/functions/cobuild/lists';
import { audit, short } from '../platform/audit';
import { ownScope, scopeIds } from '../platform/authorize';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../platform/errors';
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
  PROJECTS,
  seesCommunity,
  yearOf,
  type Dir,
  type NeedDoc,
  type ProjectDoc,
} from './model';
import { moveCobuildTally } from './tally';
import { editItem, retireItem } from './versioned';

type Linked = Pick<ProjectDoc, '_id' | 'title' | 'status'>;

export function toNeedView(n: NeedDoc, ctx: CallContext, d: Dir, projects: Linked[]): NeedView {
  const mine = scopeIds(ctx.user, 'secretary').includes(n.communityId);
  const can: NeedView['can'] = [];
  if (mine && (n.status === 'open' || n.status === 'matched')) can.push('edit', 'close');
  if (n.status === 'open' || n.status === 'matched') can.push('matches');
  return {
    id: n._id,
    communityId: n.communityId,
    communityName: d.communityName(n.communityId),
    year: n.year,
    category: n.category,
    title: n.title,
    description: n.description,
    quantity: n.quantity,
    quantityUnit: n.quantityUnit,
    wantedBy: n.wantedBy,
    contact: n.contact,
    status: n.status,
    closeReason: n.closeReason,
    projects: projects
      .filter((p) => p.status !== 'dropped')
      .map((p) => ({ id: p._id, title: p.title, status: p.status })),
    version: n.version,
    createdAt: iso(n.createdAt),
    updatedAt: iso(n.updatedAt),
    can,
  };
}

/** A need with the projects that link it (one aggregate: the need, then its projects by `needIds`). */
export async function loadNeed(ctx: CallContext, needId: string): Promise<NeedDoc & { projects: Linked[] }> {
  const { list } = await ctx.db
    .collection(NEEDS)
    .aggregate()
    .match({ _id: needId })
    .limit(1)
    .lookup({ from: PROJECTS, localField: '_id', foreignField: 'needIds', as: 'projects' })
    .end<NeedDoc & { projects: ProjectDoc[] }>();
  if (!list[0]) throw notFound('需求不存在');
  return list[0];
}

/**
 * One need as the lists show it (one aggregate with its projects): the lists' scope — the
 * secretary's community, a unit admin's paired one, the county admin any; another's is NOT_FOUND.
 */
export async function need(input: { needId: string }, ctx: CallContext): Promise<NeedView> {
  const [n, d] = await Promise.all([loadNeed(ctx, input.needId), dir(ctx)]);
  if (!seesCommunity(listScope(ctx, d), n.communityId)) throw notFound('需求不存在');
  return toNeedView(n, ctx, d, n.projects);
}

/** 需求清单 of a year, 50 a page by wanted-by date (one aggregate with the linking projects). */
export async function needs(
  input: { year?: number; communityId?: string; status?: NeedStatus; category?: CobuildCategory; from: number },
  ctx: CallContext,
): Promise<NeedPage> {
  const d = await dir(ctx);
  const communities = communitiesFor(listScope(ctx, d), input.communityId);
  if (communities && communities.length === 0) return { items: [], next: null };
  const _ = ctx.db.command;
  const year = yearOf(ctx, input.year);
  const match: Record<string, unknown> = {
    ...(communities ? { communityId: communities.length === 1 ? communities[0] : _.in(communities) } : {}),
    year,
    ...(input.status ? { status: input.status } : {}),
    ...(input.category ? { category: input.category } : {}),
  };
  const { list } = await ctx.db
    .collection(NEEDS)
    .aggregate()
    .match(match)
    .sort({ communityId: 1, wantedBy: 1, _id: 1 })
    .skip(input.from)
    .limit(PAGE + 1)
    .lookup({ from: PROJECTS, localField: '_id', foreignField: 'needIds', as: 'projects' })
    .end<NeedDoc & { projects: ProjectDoc[] }>();
  return {
    items: list.slice(0, PAGE).map((n) => toNeedView(n, ctx, d, n.projects)),
    next: list.length > PAGE ? input.from + PAGE : null,
  };
}

interface NeedInput {
  needId?: string;
  version?: number;
  year?: number;
  category: CobuildCategory;
  title: string;
  description: string;
  quantity: number;
  quantityUnit: string;
  wantedBy: string;
  contact: { name: string; phone: string };
}

export async function checkContent(ctx: CallContext, texts: string[], what: string): Promise<void> {
  const verdict = await checkText(ctx.openid, texts.filter(Boolean).join('\n'), SCENE.post, ctx.requestId);
  if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', `${what}内容未通过安全检测，请修改后再提交`);
}

const stale = () => conflict('该需求刚被他人修改，请刷新后再改');

/**
 * Adds a need (the secretary's community, the year given or this one) or edits one while open
 * or matched: one conditional update on the version read; a matched need keeps its category
 * (its project's resources were matched by it). Then the tally (a new need: `needs.open` + 1)
 * and the audit entry side by side.
 */
export async function saveNeed(input: NeedInput, ctx: CallContext): Promise<NeedView> {
  const communityId = ownScope(ctx.user, 'secretary', '只有社区书记可以维护需求清单');
  const today = local(ctx.now).format('YYYY-MM-DD');
  await checkContent(ctx, [input.title, input.description, input.quantityUnit], '需求');
  const fields = {
    category: input.category,
    title: input.title,
    description: input.description,
    quantity: input.quantity,
    quantityUnit: input.quantityUnit,
    wantedBy: input.wantedBy,
    contact: input.contact,
  };
  if (!input.needId) {
    if (input.wantedBy < today)
      throw invalidInput('需求时间已过', [{ path: 'wantedBy', message: '需求时间须不早于今天' }]);
    const year = yearOf(ctx, input.year);
    if (Number(input.wantedBy.slice(0, 4)) < year)
      throw invalidInput('需求时间须在该年度内或之后', [{ path: 'wantedBy', message: '须不早于该年度' }]);
    const doc: NeedDoc = {
      _id: newId(),
      communityId,
      year,
      ...fields,
      status: 'open',
      closeReason: null,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.openid,
      updatedBy: ctx.openid,
    };
    const { _id, ...rest } = doc;
    const [d] = await Promise.all([dir(ctx), ctx.db.collection(NEEDS).add({ data: { _id, ...rest } })]);
    await Promise.all([
      moveCobuildTally(ctx, communityId, year, { 'needs.open': 1 }),
      audit(ctx, {
        kind: 'cobuild',
        action: 'addNeed',
        entity: NEEDS,
        entityId: doc._id,
        label: short(doc.title),
        scope: { communityId },
      }),
    ]);
    return toNeedView(doc, ctx, d, []);
  }
  const [before, d] = await Promise.all([loadNeed(ctx, input.needId), dir(ctx)]);
  if (before.communityId !== communityId) throw forbidden('只能修改本社区的需求');
  if (before.status !== 'open' && before.status !== 'matched') throw conflict('该需求已完成或关闭，不能再修改');
  if (before.version !== input.version) throw stale();
  if (before.status === 'matched' && before.category !== input.category)
    throw invalidInput('已对接项目的需求不能更改类别', [{ path: 'category', message: '已对接，不能更改类别' }]);
  if (input.wantedBy !== before.wantedBy && input.wantedBy < today)
    throw invalidInput('需求时间已过', [{ path: 'wantedBy', message: '需求时间须不早于今天' }]);
  const after = await editItem(ctx, {
    collection: NEEDS,
    before,
    version: input.version,
    stale,
    action: 'editNeed',
    scope: { communityId },
    editable: ['open', 'matched'],
    fields,
    whole: ['contact'],
  });
  return toNeedView(after, ctx, d, before.projects);
}

/** Closes an open or matched need (the version read), with a reason; the tally moves its count. */
export async function closeNeed(
  input: { needId: string; version: number; reason: string },
  ctx: CallContext,
): Promise<NeedView> {
  const communityId = ownScope(ctx.user, 'secretary', '只有社区书记可以关闭需求');
  await checkContent(ctx, [input.reason], '关闭理由');
  const [before, d] = await Promise.all([loadNeed(ctx, input.needId), dir(ctx)]);
  if (before.communityId !== communityId) throw forbidden('只能关闭本社区的需求');
  if (before.status === 'closed') throw conflict('该需求已关闭');
  if (before.status === 'done') throw conflict('该需求已完成，不能关闭');
  const after = await retireItem(ctx, {
    collection: NEEDS,
    before,
    version: input.version,
    stale,
    action: 'closeNeed',
    scope: { communityId },
    status: 'closed',
    reasonField: 'closeReason',
    reason: input.reason,
    tally: 'needs',
  });
  return toNeedView(after, ctx, d, before.projects);
}
