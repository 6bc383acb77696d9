import type { CasePage, CaseView, TaskPage } from '../../contract/functions/complaint';
import {
  DEADLINES,
  PROPERTY_CATEGORIES,
  type CaseCategory,
  type CaseStatus,
  type DepartmentGrade,
  type ResidentGrade,
  type Urgency,
  type WhistleClass,
  type WhistleReason,
} from '../../contract/caseLabels';
import { notify, type NoticeContent, type TemplateKey } from '../notify';
import { gridStaff, staffOf } from '../notify/recipients';
import { checkText, SCENE } from '../platform/content';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import { newId } from '../platform/ids';
import type { CallContext } from '../platform/router';
import type { Transaction } from '../platform/sdk-types';
import { local } from '../platform/time';
import { inTransaction, txGet } from '../platform/tx';
import type { DepartmentDoc, PropertyCompanyDoc } from '../seed/types';
import { place, type LocationInput } from './assign';
import { bump, caseScopes, departmentScope, ensureCounters } from './metrics';
import type { CaseDoc, DeptTaskDoc, StoredCaseStep } from './model';
import { taskId } from './model';
import {
  gridResolveBy,
  handlerOf,
  latestExtension,
  latestWhistleDeadline,
  MAX_EXTENSION_DAYS,
  MAX_WHISTLE_DAYS,
  mayView,
  rateBy,
  respondByFor,
  type Handler,
} from './rules';
import { toCaseView, toCaseViews, toTaskView } from './views';
import { ownScope } from '../platform/authorize';
import { getById } from '../platform/read';

const PAGE = 20;
const MIN = 60_000;

export const casePage = (caseId: string) => `packages/resident/pages/case-detail/index?id=${caseId}`;
const viewer = (ctx: CallContext) => ({ openid: ctx.openid, user: ctx.user, now: ctx.now });
const name = (ctx: CallContext) => ctx.user?.name ?? ctx.user?.nickname ?? '';

function step(
  ctx: CallContext,
  role: string,
  action: string,
  from: CaseStatus | null,
  to: CaseStatus,
  note: string | null = null,
  photos: string[] = [],
): StoredCaseStep {
  return { at: ctx.now, by: ctx.openid, byName: name(ctx), role, action, from, to, note, photos };
}

/** Objects and arrays replace the stored value whole (`_.set`); scalars and dates are set as they are. */
function setAll(ctx: CallContext, changes: Record<string, unknown>): Record<string, unknown> {
  const _ = ctx.db.command;
  return Object.fromEntries(
    Object.entries(changes).map(
      ([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v] as const,
    ),
  );
}

/**
 * The case as `changes` leave it: dotted paths (`whistle.departments.0.reportedAt`) set where they
 * point. Copy-on-write — each object or array along a path is copied before it is set — so `c`
 * stays as it was read and Dates stay Dates (no structuredClone: the runtime is Node 16.13).
 */
function applied(c: CaseDoc, changes: Record<string, unknown>): CaseDoc {
  const next = { ...c } as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let at = next;
    for (const k of keys.slice(0, -1)) {
      const child = at[k];
      const copy = Array.isArray(child) ? [...child] : { ...(child as Record<string, unknown>) };
      at[k] = copy;
      at = copy as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = value;
  }
  return next as unknown as CaseDoc;
}

interface Move {
  to: CaseStatus;
  changes: Partial<CaseDoc> & Record<string, unknown>;
  step: StoredCaseStep;
  /** More writes in the same transaction (department tasks). */
  also?: (tx: Transaction, next: CaseDoc) => Promise<void>;
}

/**
 * Every transition: in one transaction, read the case, let `decide` check the caller and the
 * state (throwing FORBIDDEN or CONFLICT), write the change and its timeline step. Two handlers
 * acting at once: one commits, the other re-reads the new state and gets CONFLICT.
 */
async function transition(
  ctx: CallContext,
  caseId: string,
  decide: (c: CaseDoc, h: Handler) => Move,
): Promise<{ before: CaseDoc; after: CaseDoc }> {
  return inTransaction(ctx, async (tx) => {
    const c = await txGet<CaseDoc>(tx, 'cases', caseId);
    if (!c) throw notFound('诉求不存在');
    const h = handlerOf(ctx.openid, ctx.user, c);
    // A scheduled job acts for the system; every caller must be the complainant or a handler in scope.
    if (!ctx.job && !mayView(h)) throw notFound('诉求不存在');
    const move = decide(c, h);
    const _ = ctx.db.command;
    const changes = { ...move.changes, status: move.to, updatedAt: ctx.now };
    await tx
      .collection('cases')
      .doc(c._id)
      .update({ data: { ...setAll(ctx, changes), timeline: _.push(move.step) } });
    const after = { ...applied(c, changes), timeline: [...c.timeline, move.step] };
    if (move.also) await move.also(tx, after);
    return { before: c, after };
  });
}

/** Tells people about a case: its category and text, where it is, and this step. */
export async function tell(
  ctx: CallContext,
  to: string | readonly string[],
  key: TemplateKey,
  c: CaseDoc,
  status: string,
  note: string,
  more: Partial<NoticeContent> = {},
) {
  await notify(
    ctx,
    to,
    key,
    { subject: `${c.category}：${c.description}`, status, note, time: ctx.now, place: c.location.label, ...more },
    casePage(c._id),
  );
}

async function tellGrid(ctx: CallContext, c: CaseDoc, status: string, note: string) {
  await tell(ctx, await gridStaff(ctx, c.gridId), 'caseAlert', c, status, note);
}

export async function tellSecretary(ctx: CallContext, c: CaseDoc, status: string, note: string) {
  await tell(ctx, await staffOf(ctx, { role: 'secretary', communityId: c.communityId }), 'caseAlert', c, status, note);
}

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
    counted: { resolved: false, communityLevel: level === 'community' },
    timeline: [submitStep, assignStep],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  let property: PropertyCompanyDoc | undefined;
  if (PROPERTY_CATEGORIES.includes(c.category) && c.propertyCompanyId) {
    property = (await getById<PropertyCompanyDoc>(ctx.db, 'propertyCompanies', c.propertyCompanyId)) ?? undefined;
    if (property)
      c.timeline.push({
        ...assignStep,
        action: 'notifyProperty',
        note: `已通知${property.name}联系人${property.liaisonName}`,
      });
  }
  await ensureCounters(ctx, caseScopes(c));
  await ctx.db.collection('cases').add({ data: c });
  await bump(ctx, caseScopes(c), 'submitted');
  if (level === 'community') await bump(ctx, caseScopes(c), 'communityLevel');
  if (property?.liaisonOpenid) await tell(ctx, property.liaisonOpenid, 'caseAlert', c, '物业诉求', '请配合网格办理');
  if (level === 'grid') await tellGrid(ctx, c, '新诉求', c.location.label);
  else await tellSecretary(ctx, c, '新诉求', c.location.label);
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
    await bump(ctx, caseScopes(after), 'rated');
    if (input.grade !== '不满意') await bump(ctx, caseScopes(after), 'satisfied');
  } else if (after.level === 'grid') await tellGrid(ctx, after, '重新办理', '居民不满意');
  else if (after.level === 'community') await tellSecretary(ctx, after, '重新办理', '居民不满意');
  return toCaseView(after, viewer(ctx));
}

// ------------------------------------------------------------------ grid and community

const TURN = { grid: 0, community: 1, department: 2 } as const;

/** The level the caller acts at on this case: the grid worker of its grid, else its community's secretary. */
function actingLevel(c: CaseDoc, h: Handler): 'grid' | 'community' {
  if (h.gridWorker && (c.level === 'grid' || !h.secretary)) return 'grid';
  if (h.secretary) return 'community';
  throw forbidden('该诉求不在您的办理范围内');
}

/**
 * Whose turn it is: the grid's, then the community's, then the departments'. A case already past
 * the caller's level was moved on meanwhile (escalated, whistled — by someone else or the
 * scheduler): CONFLICT, as for any state that changed under the caller; one not yet at their
 * level is not theirs: FORBIDDEN.
 */
function atLevel(c: CaseDoc, level: 'grid' | 'community') {
  if (TURN[c.level] > TURN[level]) throw conflict('该诉求已转由上级办理');
  if (TURN[c.level] < TURN[level]) throw forbidden('该诉求不在您的办理范围内');
}

/** The grid worker's queue: open cases of their grids, by deadline, read by the indexed `queue`. */
export async function gridQueue(input: { from: number }, ctx: CallContext): Promise<CasePage> {
  const gridIds = (ctx.user?.roles ?? []).flatMap((g) => (g.role === 'gridWorker' ? g.gridIds : []));
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('cases')
    .where({ queue: _.in(gridIds.map((g) => `grid:${g}`)) })
    .orderBy('dueAt', 'asc')
    .skip(input.from)
    .limit(PAGE + 1)
    .get<CaseDoc>();
  return {
    items: await toCaseViews(data.slice(0, PAGE), viewer(ctx), { timeline: false }),
    next: data.length > PAGE ? input.from + PAGE : null,
  };
}

export async function accept(input: { caseId: string; note?: string }, ctx: CallContext): Promise<CaseView> {
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    const level = actingLevel(c, h);
    atLevel(c, level);
    if (c.status !== 'assigned') throw conflict('该诉求已被响应或已结束');
    return {
      to: 'accepted',
      changes:
        c.level === 'grid'
          ? { respondedAt: ctx.now, dueAt: gridResolveBy(c.createdAt), dueKind: 'gridResolve' }
          : { respondedAt: ctx.now, dueAt: null, dueKind: null },
      step: step(
        ctx,
        c.level === 'grid' ? 'gridWorker' : 'secretary',
        'accept',
        c.status,
        'accepted',
        input.note ?? null,
      ),
    };
  });
  if (ctx.now.getTime() <= new Date(after.respondBy).getTime()) await bump(ctx, caseScopes(after), 'respondedOnTime');
  await tell(ctx, after.complainant.openid, 'caseAccepted', after, '已受理', input.note ?? '网格员将尽快办理', {
    person: name(ctx),
  });
  return toCaseView(after, viewer(ctx));
}

export async function resolve(
  input: { caseId: string; note: string; photos: string[] },
  ctx: CallContext,
): Promise<CaseView> {
  await assertUploaded(ctx.openid, input.photos);
  const { before, after } = await transition(ctx, input.caseId, (c, h) => {
    const level = actingLevel(c, h);
    atLevel(c, level);
    if (!['accepted', 'escalated', 'reopened'].includes(c.status)) throw conflict('该诉求当前不能办结');
    return {
      to: 'resolved',
      changes: {
        resolution: { note: input.note, photos: input.photos, at: ctx.now, level: c.level, by: ctx.openid },
        queue: null,
        dueAt: rateBy(ctx.now),
        dueKind: 'rate',
        'counted.resolved': true,
      },
      step: step(
        ctx,
        level === 'grid' ? 'gridWorker' : 'secretary',
        'resolve',
        c.status,
        'resolved',
        input.note,
        input.photos,
      ),
    };
  });
  if (!before.counted.resolved) await bump(ctx, caseScopes(after), 'resolved');
  await tell(ctx, after.complainant.openid, 'caseResolved', after, '已办结', '请评价办理结果');
  return toCaseView(after, viewer(ctx));
}

/** To the community: by the grid worker with a reason, or by the scheduler when a grid deadline passes. */
export function escalation(ctx: CallContext, c: CaseDoc, role: string, note: string): Move {
  return {
    to: 'escalated',
    changes: {
      level: 'community',
      queue: `community:${c.communityId}`,
      dueAt: null,
      dueKind: null,
      'counted.communityLevel': true,
    },
    step: step(ctx, role, 'escalate', c.status, 'escalated', note),
  };
}

export async function escalate(input: { caseId: string; reason: string }, ctx: CallContext): Promise<CaseView> {
  const { before, after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.gridWorker) throw forbidden('该诉求不在您的办理范围内');
    atLevel(c, 'grid');
    if (c.status !== 'accepted' && c.status !== 'reopened') throw conflict('请先受理再上报社区');
    return escalation(ctx, c, 'gridWorker', input.reason);
  });
  if (!before.counted.communityLevel) await bump(ctx, caseScopes(after), 'communityLevel');
  await tellSecretary(ctx, after, '上报社区', input.reason);
  await tell(ctx, after.complainant.openid, 'caseEscalated', after, '已上报社区', '社区将继续办理');
  return toCaseView(after, viewer(ctx));
}

/**
 * The secretary's view: every open case of the community (read by `openCommunityId`), those
 * needing the community first — in its queue, overdue, or with an extension to decide — by deadline.
 */
export async function communityQueue(
  input: { filter: 'action' | 'all'; from: number },
  ctx: CallContext,
): Promise<CasePage> {
  const communityId = ownScope(ctx.user, 'secretary', '只有社区书记可以查看');
  const { data } = await ctx.db.collection('cases').where({ openCommunityId: communityId }).limit(1000).get<CaseDoc>();
  const needs = (c: CaseDoc) =>
    c.queue === `community:${c.communityId}` ||
    (c.dueAt !== null && c.dueKind !== 'rate' && new Date(c.dueAt).getTime() < ctx.now.getTime()) ||
    c.whistle?.extension?.status === 'pending' ||
    (c.whistle !== null && c.resolution?.level === 'department' && !c.whistle.rating);
  const list = (input.filter === 'action' ? data.filter(needs) : data).sort(
    (a, b) => (a.dueAt ? new Date(a.dueAt).getTime() : Infinity) - (b.dueAt ? new Date(b.dueAt).getTime() : Infinity),
  );
  const page = list.slice(input.from, input.from + PAGE);
  return {
    items: await toCaseViews(page, viewer(ctx), { timeline: false }),
    next: list.length > input.from + PAGE ? input.from + PAGE : null,
  };
}

export async function whistle(
  input: {
    caseId: string;
    leadDepartmentId: string;
    assistDepartmentIds: string[];
    reason: WhistleReason;
    class: WhistleClass;
    deadline: string;
    note?: string;
  },
  ctx: CallContext,
): Promise<CaseView> {
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= ctx.now.getTime())
    throw invalidInput('办结期限须在将来', [{ path: 'deadline', message: '期限已过' }]);
  if (deadline.getTime() > latestWhistleDeadline(ctx.now).getTime())
    throw invalidInput(`办结期限最长 ${MAX_WHISTLE_DAYS} 天`, [{ path: 'deadline', message: '期限过长' }]);
  const ids = [input.leadDepartmentId, ...new Set(input.assistDepartmentIds)];
  const _ = ctx.db.command;
  const { data: departments } = await ctx.db
    .collection('departments')
    .where({ _id: _.in(ids) })
    .limit(10)
    .get<DepartmentDoc>();
  if (departments.length !== ids.length)
    throw invalidInput('部门不存在', [{ path: 'leadDepartmentId', message: '请选择正确的部门' }]);
  const deptName = (id: string) => departments.find((d) => d._id === id)!.name;
  const reportBy = new Date(ctx.now.getTime() + DEADLINES.reportIn[input.class] * MIN);
  const { before, after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.secretary) throw forbidden('只能对本社区办理中的诉求吹哨');
    atLevel(c, 'community');
    if (!['accepted', 'escalated', 'reopened'].includes(c.status)) throw conflict('该诉求当前不能吹哨');
    const whistle: NonNullable<CaseDoc['whistle']> = {
      reason: input.reason,
      class: input.class,
      deadline,
      reportBy,
      whistledAt: ctx.now,
      whistledBy: ctx.openid,
      departments: ids.map((id, i) => ({
        departmentId: id,
        departmentName: deptName(id),
        role: i === 0 ? ('lead' as const) : ('assist' as const),
        reportedAt: null,
        late: false,
        note: null,
        photos: [],
        doneAt: null,
      })),
      extension: null,
      rating: null,
    };
    return {
      to: 'whistled',
      changes: {
        level: 'department',
        whistle,
        departmentIds: ids,
        queue: null,
        dueAt: reportBy,
        dueKind: 'reportIn',
        resolution: null,
      },
      step: step(
        ctx,
        'secretary',
        'whistle',
        c.status,
        'whistled',
        `${input.reason}（${input.class}）→ ${ids.map(deptName).join('、')}${input.note ? `：${input.note}` : ''}`,
      ),
      also: async (tx, next) => {
        for (const part of whistle.departments) {
          const task: Omit<DeptTaskDoc, '_id'> = {
            caseId: next._id,
            departmentId: part.departmentId,
            role: part.role,
            status: 'open',
            summary: {
              category: next.category,
              description: next.description,
              urgency: next.urgency,
              class: input.class,
              reason: input.reason,
              communityId: next.communityId,
              communityName: next.communityName,
              location: next.location.label,
            },
            reportBy,
            reportedAt: null,
            late: false,
            deadline,
            whistledAt: ctx.now,
            updatedAt: ctx.now,
          };
          await tx.collection('deptTasks').doc(taskId(next._id, part.departmentId)).set({ data: task });
        }
      },
    };
  });
  if (before.whistle === null) {
    await ensureCounters(
      ctx,
      ids.map((id) => departmentScope(id, after.month)),
    );
    await bump(ctx, caseScopes(after), 'whistled');
    await bump(ctx, caseScopes(after), 'whistlesReceived', ids.length);
    await bump(
      ctx,
      ids.map((id) => departmentScope(id, after.month)),
      'whistlesReceived',
    );
  }
  const departmentStaff = await Promise.all(ids.map((id) => staffOf(ctx, { role: 'department', departmentId: id })));
  await tell(ctx, departmentStaff.flat(), 'whistleReceived', after, input.class, input.reason, {
    time: after.whistle!.reportBy,
  });
  await tell(ctx, after.complainant.openid, 'caseEscalated', after, '部门办理', '已吹哨，相关部门将报到办理');
  return toCaseView(after, viewer(ctx));
}

export async function decideExtension(
  input: { caseId: string; approve: boolean; note?: string },
  ctx: CallContext,
): Promise<CaseView> {
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.secretary) throw forbidden('只能审批本社区诉求的延期');
    const ext = c.whistle?.extension;
    if (!ext || ext.status !== 'pending') throw conflict('没有待审批的延期申请');
    const decided = {
      ...ext,
      status: input.approve ? ('approved' as const) : ('refused' as const),
      note: input.note ?? null,
    };
    const moved = input.approve && c.dueKind === 'deptResolve' ? { dueAt: new Date(ext.until) } : {};
    return {
      to: c.status,
      changes: {
        'whistle.extension': decided,
        ...(input.approve ? { 'whistle.deadline': new Date(ext.until) } : {}),
        ...moved,
      },
      step: step(
        ctx,
        'secretary',
        input.approve ? 'approveExtension' : 'refuseExtension',
        c.status,
        c.status,
        input.note ?? null,
      ),
      also: async (tx, next) => {
        if (!input.approve) return;
        for (const d of next.whistle!.departments)
          await tx
            .collection('deptTasks')
            .doc(taskId(next._id, d.departmentId))
            .update({ data: { deadline: new Date(ext.until), updatedAt: ctx.now } });
      },
    };
  });
  const lead = after.whistle!.departments.find((d) => d.role === 'lead')!;
  await tell(
    ctx,
    await staffOf(ctx, { role: 'department', departmentId: lead.departmentId }),
    'caseAlert',
    after,
    input.approve ? '延期已批准' : '延期未批准',
    input.note ?? '',
  );
  return toCaseView(after, viewer(ctx));
}

export async function rateDepartment(
  input: { caseId: string; grade: DepartmentGrade; note?: string },
  ctx: CallContext,
): Promise<CaseView> {
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.secretary) throw forbidden('只能评价本社区诉求的承办部门');
    if (!c.whistle || c.resolution?.level !== 'department') throw conflict('部门尚未办结，不能评价');
    if (c.whistle.rating) throw conflict('已评价过该部门');
    return {
      to: c.status,
      changes: { 'whistle.rating': input.grade },
      step: step(
        ctx,
        'secretary',
        'rateDepartment',
        c.status,
        c.status,
        `${input.grade}${input.note ? `：${input.note}` : ''}`,
      ),
    };
  });
  const lead = after.whistle!.departments.find((d) => d.role === 'lead')!;
  // The department's assessment, and the case's own scopes (as its report-ins count there too).
  await bump(ctx, [...caseScopes(after), departmentScope(lead.departmentId, after.month)], `grade_${input.grade}`);
  return toCaseView(after, viewer(ctx));
}

// ------------------------------------------------------------------ departments

export async function deptInbox(input: { status: 'open' | 'done'; from: number }, ctx: CallContext): Promise<TaskPage> {
  const departmentId = ownScope(ctx.user, 'department', '只有部门人员可以查看');
  const { data } = await ctx.db
    .collection('deptTasks')
    .where({ departmentId, status: input.status })
    .orderBy(input.status === 'open' ? 'reportBy' : 'updatedAt', input.status === 'open' ? 'asc' : 'desc')
    .skip(input.from)
    .limit(PAGE + 1)
    .get<DeptTaskDoc>();
  return {
    items: data.slice(0, PAGE).map((t) => toTaskView(t, ctx.now)),
    next: data.length > PAGE ? input.from + PAGE : null,
  };
}

export async function reportIn(input: { caseId: string; note?: string }, ctx: CallContext): Promise<CaseView> {
  let onTime = false;
  let deptId = '';
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (!h.department || !c.whistle) throw forbidden('该诉求未向您的部门吹哨');
    if (!['whistled', 'reported', 'reopened'].includes(c.status)) throw conflict('该诉求当前不能报到');
    const i = c.whistle.departments.findIndex((d) => d.departmentId === h.department!.id);
    const part = c.whistle.departments[i];
    if (part.reportedAt) throw conflict('已报到');
    deptId = part.departmentId;
    onTime = ctx.now.getTime() <= new Date(c.whistle.reportBy).getTime();
    const lead = part.role === 'lead';
    const to: CaseStatus = lead && c.status === 'whistled' ? 'reported' : c.status;
    return {
      to,
      changes: {
        [`whistle.departments.${i}.reportedAt`]: ctx.now,
        [`whistle.departments.${i}.late`]: part.late || !onTime,
        ...(lead ? { dueAt: new Date(c.whistle.deadline), dueKind: 'deptResolve' as const } : {}),
      },
      step: step(
        ctx,
        'department',
        'reportIn',
        c.status,
        to,
        `${part.departmentName}报到${onTime ? '' : '（超时）'}${input.note ? `：${input.note}` : ''}`,
      ),
      also: async (tx) => {
        await tx
          .collection('deptTasks')
          .doc(taskId(c._id, part.departmentId))
          .update({ data: { reportedAt: ctx.now, late: part.late || !onTime, updatedAt: ctx.now } });
      },
    };
  });
  if (onTime) {
    await bump(ctx, caseScopes(after), 'reportedOnTime');
    await bump(ctx, [departmentScope(deptId, after.month)], 'reportedOnTime');
  }
  return toCaseView(after, viewer(ctx));
}

export async function requestExtension(
  input: { caseId: string; until: string; reason: string },
  ctx: CallContext,
): Promise<CaseView> {
  const until = new Date(input.until);
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (h.department?.role !== 'lead' || !c.whistle) throw forbidden('只有牵头部门可以申请延期');
    if (!['whistled', 'reported', 'reopened'].includes(c.status)) throw conflict('该诉求当前不能申请延期');
    if (c.whistle.extension?.status === 'pending') throw conflict('已有待审批的延期申请');
    if (until.getTime() <= new Date(c.whistle.deadline).getTime())
      throw invalidInput('延期后的期限须晚于当前期限', [{ path: 'until', message: '须晚于当前期限' }]);
    if (until.getTime() > latestExtension(new Date(c.whistle.deadline)).getTime())
      throw invalidInput(`一次最多延期 ${MAX_EXTENSION_DAYS} 天`, [{ path: 'until', message: '延期过长' }]);
    return {
      to: c.status,
      changes: {
        'whistle.extension': { until, reason: input.reason, status: 'pending', note: null, requestedAt: ctx.now },
      },
      step: step(ctx, 'department', 'requestExtension', c.status, c.status, input.reason),
    };
  });
  await tellSecretary(ctx, after, '申请延期', input.reason);
  return toCaseView(after, viewer(ctx));
}

export async function deptResolve(
  input: { caseId: string; outcome: string; photos: string[] },
  ctx: CallContext,
): Promise<CaseView> {
  await assertUploaded(ctx.openid, input.photos);
  const { before, after } = await transition(ctx, input.caseId, (c, h) => {
    if (h.department?.role !== 'lead' || !c.whistle) throw forbidden('只有牵头部门可以办结');
    if (c.level !== 'department' || (c.status !== 'reported' && c.status !== 'reopened'))
      throw conflict('请先报到再办结');
    const i = c.whistle.departments.findIndex((d) => d.departmentId === h.department!.id);
    return {
      to: 'resolved',
      changes: {
        resolution: { note: input.outcome, photos: input.photos, at: ctx.now, level: 'department', by: ctx.openid },
        [`whistle.departments.${i}.doneAt`]: ctx.now,
        [`whistle.departments.${i}.note`]: input.outcome,
        dueAt: rateBy(ctx.now),
        dueKind: 'rate',
        'counted.resolved': true,
      },
      step: step(ctx, 'department', 'deptResolve', c.status, 'resolved', input.outcome, input.photos),
      also: async (tx, next) => {
        for (const d of next.whistle!.departments)
          await tx
            .collection('deptTasks')
            .doc(taskId(next._id, d.departmentId))
            .update({ data: { status: 'done', updatedAt: ctx.now } });
      },
    };
  });
  if (!before.counted.resolved) await bump(ctx, caseScopes(after), 'resolved');
  await tellSecretary(ctx, after, '部门已办结', '请核查并评价部门');
  await tell(ctx, after.complainant.openid, 'caseResolved', after, '已办结', '请评价办理结果');
  return toCaseView(after, viewer(ctx));
}

export async function assist(
  input: { caseId: string; note: string; photos: string[] },
  ctx: CallContext,
): Promise<CaseView> {
  await assertUploaded(ctx.openid, input.photos);
  const { after } = await transition(ctx, input.caseId, (c, h) => {
    if (h.department?.role !== 'assist' || !c.whistle) throw forbidden('只有协办部门可以提交协办情况');
    const i = c.whistle.departments.findIndex((d) => d.departmentId === h.department!.id);
    const part = c.whistle.departments[i];
    if (!part.reportedAt) throw conflict('请先报到');
    if (part.doneAt) throw conflict('已提交协办情况');
    if (!['whistled', 'reported', 'reopened'].includes(c.status)) throw conflict('该诉求已办结');
    return {
      to: c.status,
      changes: {
        [`whistle.departments.${i}.doneAt`]: ctx.now,
        [`whistle.departments.${i}.note`]: input.note,
        [`whistle.departments.${i}.photos`]: input.photos,
      },
      step: step(ctx, 'department', 'assist', c.status, c.status, input.note, input.photos),
      also: async (tx) => {
        await tx
          .collection('deptTasks')
          .doc(taskId(c._id, part.departmentId))
          .update({ data: { status: 'done', updatedAt: ctx.now } });
      },
    };
  });
  return toCaseView(after, viewer(ctx));
}

export { transition };
