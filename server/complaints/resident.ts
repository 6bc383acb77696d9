import type { CaseView } from '../../contract/functions/complaint';
import {
  DEADLINES,
  PROPERTY_CATEGORIES,
  type CaseCategory,
  type ResidentGrade,
  type Urgency,
} from '../../contract/caseLabels';
import { directory } from '../directory/cache';
import type { PropertyCompanyDoc } from '../directory/model';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, notFound } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import { newId } from '../platform/ids';
import { getById } from '../platform/read';
import type { CallContext } from '../platform/router';
import { local } from '../platform/time';
import { place, type LocationInput } from './assign';
import { MIN, step, transition, viewer } from './engine';
import { bump, caseScopes, ensureCounters } from './metrics';
import type { CaseDoc, StoredCaseStep } from './model';
import { taskId } from './model';
import { tell, tellGrid, tellLiaison, tellSecretary } from './notices';
import { gridResolveBy, handlerOf, mayView, respondByFor } from './rules';
import { toCaseView, toCaseViews } from './views';

// ------------------------------------------------------------------ resident

export async function submit(
  input: {
    category: CaseCategory;
    description: string;
    photos: string[];
    location: LocationInput;
    urgency: Urgency;
    anonymous: boolean;
  },
  ctx: CallContext,
): Promise<CaseView> {
  const user = ctx.user!;
  await assertUploaded(ctx.openid, input.photos);
  const verdict = await checkText(ctx.openid, input.description, SCENE.post, ctx.requestId);
  if (verdict !== 'pass') throw new AppError('CONTENT_REJECTED', '描述未通过内容安全检测，请修改后再提交');
  const where = await place(ctx, input.location);
  const level = where.gridId ? 'grid' : 'community';
  const submitStep = step(ctx, 'resident', 'submit', null, 'assigned', null, input.photos);
  const assignStep: StoredCaseStep = {
    ...submitStep,
    by: 'system',
    byName: '系统',
    role: 'system',
    action: 'assign',
    from: 'assigned',
    note: where.gridId ? `分派至${where.gridName}` : `分派至${where.communityName}社区待办`,
    photos: [],
  };
  const c: CaseDoc = {
    _id: newId(),
    category: input.category,
    description: input.description,
    photos: input.photos,
    location: where.location,
    urgency: input.urgency,
    anonymous: input.anonymous,
    complainant: { openid: ctx.openid, name: user.name ?? user.nickname, phone: user.phone ?? '' },
    communityId: where.communityId,
    communityName: where.communityName,
    gridId: where.gridId,
    gridName: where.gridName,
    microGridId: where.microGridId,
    propertyCompanyId: where.propertyCompanyId,
    status: 'assigned',
    level,
    queue: where.gridId ? `grid:${where.gridId}` : `community:${where.communityId}`,
    openCommunityId: where.communityId,
    dueAt: respondByFor(input, ctx.now),
    dueKind: 'respond',
    month: local(ctx.now).format('YYYYMM'),
    respondBy: respondByFor(input, ctx.now),
    respondedAt: null,
    whistle: null,
    departmentIds: [],
    resolution: null,
    rating: null,
    reopened: false,
    counted: { resolved: false, communityLevel: level === 'community', respondOverdue: false },
    timeline: [submitStep, assignStep],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  let property: PropertyCompanyDoc | undefined;
  if (PROPERTY_CATEGORIES.includes(c.category) && c.propertyCompanyId) {
    property = (await directory(ctx, 'propertyCompanies')).find((p) => p._id === c.propertyCompanyId);
    if (property)
      c.timeline.push({
        ...assignStep,
        action: 'notifyProperty',
        note: `已通知${property.name}联系人${property.liaisonName}`,
      });
  }
  await ensureCounters(ctx, caseScopes(c));
  await ctx.db.collection('cases').add({ data: c });
  // The case is in: its counters and the people told, side by side (one round trip). A crash
  // before the counters moved is settled by the repair job (server/repair).
  await Promise.all([
    bump(ctx, caseScopes(c), { submitted: 1, ...(level === 'community' ? { communityLevel: 1 } : {}) }),
    property?.liaisonOpenid ? tell(ctx, property.liaisonOpenid, 'caseAlert', c, '物业诉求', '请配合网格办理') : null,
    level === 'grid'
      ? tell(ctx, where.gridStaff, 'caseAlert', c, '新诉求', c.location.label)
      : tellSecretary(ctx, c, '新诉求', c.location.label),
  ]);
  return toCaseView(c, viewer(ctx));
}

export async function mine(_input: Record<string, never>, ctx: CallContext): Promise<CaseView[]> {
  const { data } = await ctx.db
    .collection('cases')
    .where({ 'complainant.openid': ctx.openid })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get<CaseDoc>();
  return toCaseViews(data, viewer(ctx), { timeline: false });
}

export async function detail(input: { caseId: string }, ctx: CallContext): Promise<CaseView> {
  const c = await getById<CaseDoc>(ctx.db, 'cases', input.caseId);
  if (!c || !mayView(handlerOf(ctx.openid, ctx.user, c))) throw notFound('诉求不存在');
  return toCaseView(c, viewer(ctx));
}

export async function withdraw(input: { caseId: string; reason?: string }, ctx: CallContext): Promise<CaseView> {
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.complainant) throw forbidden('只能撤回自己的诉求');
    if (c.status !== 'assigned') throw conflict('诉求已受理，不能撤回');
    return {
      to: 'withdrawn',
      changes: { queue: null, openCommunityId: null, dueAt: null, dueKind: null },
      step: step(ctx, 'resident', 'withdraw', c.status, 'withdrawn', input.reason ?? null),
    };
  });
  await bump(ctx, caseScopes(after), 'withdrawn');
  return toCaseView(after, viewer(ctx));
}

/** Where a reopened case goes back to: its last handler's level, with a fresh deadline. */
function reopenTo(c: CaseDoc, now: Date): Partial<CaseDoc> {
  const level = c.resolution?.level ?? c.level;
  if (level === 'grid') return { level, queue: `grid:${c.gridId}`, dueAt: gridResolveBy(now), dueKind: 'gridResolve' };
  if (level === 'department') {
    const cls = c.whistle!.class;
    return {
      level,
      queue: null,
      dueAt: new Date(now.getTime() + DEADLINES.deptResolve[cls] * MIN),
      dueKind: 'deptResolve',
    };
  }
  return { level, queue: `community:${c.communityId}`, dueAt: null, dueKind: null };
}

export async function rate(
  input: { caseId: string; grade: ResidentGrade; comment?: string },
  ctx: CallContext,
): Promise<CaseView> {
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.complainant) throw forbidden('只能评价自己的诉求');
    if (c.status !== 'resolved') throw conflict('诉求尚未办结，不能评价');
    const rating = { grade: input.grade, comment: input.comment ?? null, at: ctx.now };
    if (input.grade === '不满意' && !c.reopened) {
      const back = reopenTo(c, ctx.now);
      return {
        to: 'reopened',
        changes: { ...back, reopened: true, openCommunityId: c.communityId, rating },
        step: step(
          ctx,
          'resident',
          'rate',
          c.status,
          'reopened',
          `不满意${input.comment ? `：${input.comment}` : ''}，重新办理`,
        ),
        also: async (tx, next) => {
          if (next.level !== 'department') return;
          const lead = next.whistle!.departments.find((d) => d.role === 'lead')!;
          await tx
            .collection('deptTasks')
            .doc(taskId(next._id, lead.departmentId))
            .update({ data: { status: 'open', deadline: next.dueAt, updatedAt: ctx.now } });
        },
      };
    }
    return {
      to: 'closed',
      changes: { rating, queue: null, openCommunityId: null, dueAt: null, dueKind: null },
      step: step(
        ctx,
        'resident',
        'rate',
        c.status,
        'closed',
        `${input.grade}${input.comment ? `：${input.comment}` : ''}`,
      ),
    };
  });
  if (after.status === 'closed') {
    await bump(ctx, caseScopes(after), { rated: 1, ...(input.grade !== '不满意' ? { satisfied: 1 } : {}) });
  } else if (after.level === 'grid')
    // Back at the grid: its staff and, for a property case, the company's liaison beside it.
    await Promise.all([
      tellGrid(ctx, after, '重新办理', '居民不满意'),
      tellLiaison(ctx, after, '重新办理', '居民不满意'),
    ]);
  else if (after.level === 'community') await tellSecretary(ctx, after, '重新办理', '居民不满意');
  return toCaseView(after, viewer(ctx));
}
