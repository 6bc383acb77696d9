import type { CasePage, CaseView } from '../../contract/functions/complaint';
import { conflict, forbidden } from '../platform/errors';
import { assertUploaded } from '../platform/files';
import type { CallContext } from '../platform/router';
import { actingLevel, actingRole, atLevel, escalation, handle, name, step, viewer } from './engine';
import { bump, caseScopes } from './metrics';
import type { CaseDoc } from './model';
import { tell, tellSecretary } from './notices';
import { gridResolveBy, rateBy } from './rules';
import { byUrgency, latestOf, matches, queuePage, type QueueInput } from './queues';
import { toCaseView } from './views';

// ------------------------------------------------------------------ grid and community

/** The grid worker's queue: open cases of their grids, by deadline, read by the indexed `queue`. */
export async function gridQueue(input: QueueInput, ctx: CallContext): Promise<CasePage> {
  const gridIds = (ctx.user?.roles ?? []).flatMap((g) => (g.role === 'gridWorker' ? g.gridIds : []));
  const _ = ctx.db.command;
  const queues = gridIds.map((g) => `grid:${g}`);
  if (input.tab === 'done') {
    // The grids' cases no longer waiting on the grid: passed on, answered and closed.
    const latest = await latestOf(ctx, { gridId: _.in(gridIds) }, input.from);
    const done = latest.filter((c) => !queues.includes(c.queue ?? '') && matches(c, input.q));
    return queuePage(done, input.from, ctx);
  }
  // The grids' open cases (a grid has dozens), in the order of every staff queue (rules.ts).
  const { data } = await ctx.db
    .collection('cases')
    .where({ queue: _.in(queues) })
    .limit(1000)
    .get<CaseDoc>();
  return queuePage(data.filter((c) => matches(c, input.q)).sort(byUrgency(ctx)), input.from, ctx);
}

export async function accept(input: { caseId: string; note?: string }, ctx: CallContext): Promise<CaseView> {
  const { before, after } = await handle(ctx, input.caseId, (c, h) => {
    const level = actingLevel(c, h);
    atLevel(c, level);
    if (c.status !== 'assigned') throw conflict('该诉求已被响应或已结束');
    const role = actingRole(h, level);
    return {
      to: 'accepted',
      changes:
        c.level === 'grid'
          ? { respondedAt: ctx.now, dueAt: gridResolveBy(c.createdAt), dueKind: 'gridResolve' }
          : { respondedAt: ctx.now, dueAt: null, dueKind: null },
      step: step(ctx, role, 'accept', c.status, 'accepted', input.note ?? null),
    };
  });
  // Now due a response (unless the scheduler counted it when its deadline passed), and on time or not.
  const onTime = ctx.now.getTime() <= new Date(after.respondBy).getTime();
  if (!before.counted.respondOverdue || onTime)
    await bump(ctx, caseScopes(after), {
      ...(before.counted.respondOverdue ? {} : { responseDue: 1 }),
      ...(onTime ? { respondedOnTime: 1 } : {}),
    });
  const who = after.timeline[after.timeline.length - 1].role === 'propertyLiaison' ? '物业' : '网格员';
  await tell(ctx, after.complainant.openid, 'caseAccepted', after, '已受理', input.note ?? `${who}将尽快办理`, {
    person: name(ctx),
  });
  return toCaseView(after, viewer(ctx));
}

export async function resolve(
  input: { caseId: string; note: string; photos: string[] },
  ctx: CallContext,
): Promise<CaseView> {
  await assertUploaded(ctx.openid, input.photos);
  const { before, after } = await handle(ctx, input.caseId, (c, h) => {
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
      step: step(ctx, actingRole(h, level), 'resolve', c.status, 'resolved', input.note, input.photos),
    };
  });
  if (!before.counted.resolved) await bump(ctx, caseScopes(after), 'resolved');
  await tell(ctx, after.complainant.openid, 'caseResolved', after, '已办结', '请评价办理结果');
  return toCaseView(after, viewer(ctx));
}

export async function escalate(input: { caseId: string; reason: string }, ctx: CallContext): Promise<CaseView> {
  const { before, after } = await handle(ctx, input.caseId, (c, h) => {
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
