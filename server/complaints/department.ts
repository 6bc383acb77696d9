import type { CaseView, TaskPage } from '../../contract/functions/complaint';
import type { CaseStatus } from '../../contract/caseLabels';
import { ownScope } from '../platform/authorize';
import { conflict, forbidden, invalidInput } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import type { CallContext } from '../platform/router';
import { everyWordIn, narrowed } from '../platform/search';
import { handle, PAGE, step, viewer } from './engine';
import { bump, caseScopes, departmentScope } from './metrics';
import type { DeptTaskDoc } from './model';
import { taskId } from './model';
import { tell, tellSecretary } from './notices';
import { latestExtension, MAX_EXTENSION_DAYS, rateBy, urgentFirst } from './rules';
import { toCaseView, toTaskView } from './views';

// ------------------------------------------------------------------ departments

/** What the department sees of a whistle in its inbox, searched by `q` (the case queues' rule). */
const TASK_SEARCHED = ['summary.description', 'summary.location', 'summary.communityName', 'summary.complainantName'];

export async function deptInbox(
  input: { status: 'open' | 'done'; q?: string; from: number },
  ctx: CallContext,
): Promise<TaskPage> {
  const departmentId = ownScope(ctx.user, 'department', '只有部门人员可以查看');
  const search = everyWordIn(ctx.db, TASK_SEARCHED, input.q);
  if (input.status === 'open') {
    // Open whistles, all of them (a department has dozens, not thousands), in the order of every
    // staff queue: overdue, 紧急, the deadline running now (report-in, then resolution).
    const { data } = await ctx.db
      .collection('deptTasks')
      .where(narrowed(ctx.db, { departmentId, status: 'open' }, search))
      .limit(1000)
      .get<DeptTaskDoc>();
    const list = data.sort(
      urgentFirst(
        (t) => ({
          due: t.reportedAt ? t.deadline : t.reportBy,
          urgent: t.summary.urgency === 'urgent',
          since: t.whistledAt,
        }),
        ctx.now,
      ),
    );
    return {
      items: list.slice(input.from, input.from + PAGE).map((t) => toTaskView(t, ctx.now)),
      next: list.length > input.from + PAGE ? input.from + PAGE : null,
    };
  }
  const { data } = await ctx.db
    .collection('deptTasks')
    .where(narrowed(ctx.db, { departmentId, status: 'done' }, search))
    .orderBy('updatedAt', 'desc')
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
  let flagged = false;
  let deptId = '';
  const { after } = await handle(ctx, input.caseId, (c, h) => {
    if (!h.department || !c.whistle) throw forbidden('该诉求未向您的部门吹哨');
    if (!['whistled', 'reported', 'reopened'].includes(c.status)) throw conflict('该诉求当前不能报到');
    const i = c.whistle.departments.findIndex((d) => d.departmentId === h.department!.id);
    const part = c.whistle.departments[i];
    if (part.reportedAt) throw conflict('已报到');
    deptId = part.departmentId;
    onTime = ctx.now.getTime() <= new Date(c.whistle.reportBy).getTime();
    flagged = part.late;
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
  // Now due (unless the scheduler counted it when flagging it late), and on time or not.
  if (!flagged || onTime)
    await bump(ctx, [...caseScopes(after), departmentScope(deptId, after.month)], {
      ...(flagged ? {} : { reportInDue: 1 }),
      ...(onTime ? { reportedOnTime: 1 } : {}),
    });
  return toCaseView(after, viewer(ctx));
}

export async function requestExtension(
  input: { caseId: string; until: string; reason: string },
  ctx: CallContext,
): Promise<CaseView> {
  const until = new Date(input.until);
  const { after } = await handle(ctx, input.caseId, (c, h) => {
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
  const { before, after } = await handle(ctx, input.caseId, (c, h) => {
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
  const { after } = await handle(ctx, input.caseId, (c, h) => {
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
