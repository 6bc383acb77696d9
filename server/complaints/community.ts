import type { CasePage, CaseView } from '../../contract/functions/complaint';
import { DEADLINES, type DepartmentGrade, type WhistleClass, type WhistleReason } from '../../contract/caseLabels';
import type { DepartmentDoc } from '../directory/model';
import { staffOf } from '../notify/recipients';
import { ownScope } from '../platform/authorize';
import { conflict, forbidden, invalidInput } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { atLevel, handle, MIN, step, viewer } from './engine';
import { byUrgency, latestOf, matches, queuePage, type QueueInput } from './queues';
import { bump, caseScopes, departmentScope, ensureCounters } from './metrics';
import type { CaseDoc, DeptTaskDoc } from './model';
import { taskId } from './model';
import { tell } from './notices';
import { latestWhistleDeadline, MAX_WHISTLE_DAYS } from './rules';
import { toCaseView } from './views';

// ------------------------------------------------------------------ community

/**
 * The secretary's view: every open case of the community (read by `openCommunityId`), those
 * needing the community first — in its queue, overdue, or with an extension to decide — by deadline.
 */
export async function communityQueue(
  input: QueueInput & { filter: 'action' | 'all' },
  ctx: CallContext,
): Promise<CasePage> {
  const communityId = ownScope(ctx.user, 'secretary', '只有社区书记可以查看');
  const needs = (c: CaseDoc) =>
    c.queue === `community:${c.communityId}` ||
    (c.dueAt !== null && c.dueKind !== 'rate' && new Date(c.dueAt).getTime() < ctx.now.getTime()) ||
    c.whistle?.extension?.status === 'pending' ||
    (c.whistle !== null && c.resolution?.level === 'department' && !c.whistle.rating);
  if (input.tab === 'done') {
    // The community's cases that need nothing of it now: with a grid or a department, or closed.
    const latest = await latestOf(ctx, { communityId }, input.from);
    return queuePage(
      latest.filter((c) => !(c.openCommunityId === communityId && needs(c)) && matches(c, input.q)),
      input.from,
      ctx,
    );
  }
  const { data } = await ctx.db.collection('cases').where({ openCommunityId: communityId }).limit(1000).get<CaseDoc>();
  const list = (input.filter === 'action' ? data.filter(needs) : data).filter((c) => matches(c, input.q));
  return queuePage(list.sort(byUrgency(ctx)), input.from, ctx);
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
  const { before, after } = await handle(ctx, input.caseId, (c, h) => {
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
              complainantName: next.anonymous ? null : next.complainant.name,
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
    await Promise.all([
      bump(ctx, caseScopes(after), { whistled: 1, whistlesReceived: ids.length }),
      bump(
        ctx,
        ids.map((id) => departmentScope(id, after.month)),
        'whistlesReceived',
      ),
    ]);
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
  const { after } = await handle(ctx, input.caseId, (c, h) => {
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
  const { after } = await handle(ctx, input.caseId, (c, h) => {
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
