import type { JobContext } from '../platform/router';
import { bump, caseScopes } from './metrics';
import type { CaseDoc } from './model';
import { taskId } from './model';
import { escalation, staffOf, tell, tellSecretary, transition } from './actions';
import { AppError, conflict } from '../platform/errors';

/**
 * The deadlines (every 5 minutes): an unanswered or unresolved grid case past its deadline goes
 * to the community; a department that has not reported in by the report deadline is flagged
 * late (once) and told, with the secretary; a resolved case unrated for 7 days closes as 未评价.
 * An approved extension has already moved `dueAt`, so such a case is not overdue.
 */
export async function caseDeadlines(ctx: JobContext) {
  const _ = ctx.db.command;
  const due = async (kind: CaseDoc['dueKind']) =>
    (
      await ctx.db
        .collection('cases')
        .where({ dueKind: kind, dueAt: _.lt(ctx.now) })
        .limit(1000)
        .get<CaseDoc>()
    ).data;
  const system = { ...ctx, openid: 'system', user: { name: '系统' } as never };
  const out = { escalated: 0, flaggedLate: 0, closed: 0 };
  const quietly = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      // Someone acted on the case meanwhile: nothing to do.
      if (!(err instanceof AppError)) throw err;
    }
  };

  for (const c of [...(await due('respond')), ...(await due('gridResolve'))]) {
    if (c.level !== 'grid') continue;
    await quietly(async () => {
      const { before, after } = await transition(system, c._id, (cur) => {
        if (cur.level !== 'grid' || cur.dueAt === null || new Date(cur.dueAt).getTime() >= ctx.now.getTime())
          throw conflict('no longer due');
        if (!['assigned', 'accepted', 'reopened'].includes(cur.status)) throw conflict('no longer open');
        return escalation(
          system,
          cur,
          'system',
          cur.dueKind === 'respond' ? '超时未响应，自动上报社区' : '网格超时未办结，自动上报社区',
        );
      });
      if (!before.counted.communityLevel) await bump(system, caseScopes(after), 'communityLevel');
      await tellSecretary(system, after, '超时上报', '网格超时，已自动上报社区');
      out.escalated += 1;
    });
  }

  // Every department not reported in by the report deadline — an assisting one too, after the
  // lead reported in (the case's running deadline is then the lead's resolution).
  const { data: unreported } = await ctx.db
    .collection('cases')
    .where({
      dueKind: _.in(['reportIn', 'deptResolve']),
      'whistle.reportBy': _.lt(ctx.now),
      'whistle.departments': _.elemMatch({ reportedAt: null, late: false }),
    })
    .limit(1000)
    .get<CaseDoc>();
  for (const c of unreported) {
    const late = c.whistle?.departments.filter((d) => !d.reportedAt && !d.late) ?? [];
    if (late.length === 0) continue;
    await quietly(async () => {
      await transition(system, c._id, (cur) => {
        const changes: Record<string, unknown> = {};
        cur.whistle!.departments.forEach((d, i) => {
          if (!d.reportedAt && !d.late) changes[`whistle.departments.${i}.late`] = true;
        });
        if (Object.keys(changes).length === 0) throw conflict('already flagged');
        return {
          to: cur.status,
          changes,
          step: {
            at: ctx.now,
            by: 'system',
            byName: '系统',
            role: 'system',
            action: 'flagLate',
            from: cur.status,
            to: cur.status,
            note: `超时未报到：${late.map((d) => d.departmentName).join('、')}`,
            photos: [],
          },
          also: async (tx) => {
            for (const d of late)
              await tx
                .collection('deptTasks')
                .doc(taskId(cur._id, d.departmentId))
                .update({ data: { late: true, updatedAt: ctx.now } });
          },
        };
      });
      for (const d of late)
        for (const openid of await staffOf(system, { role: 'department', departmentId: d.departmentId }))
          await tell(system, openid, 'caseAlert', c, '报到超时', '请立即报到');
      await tellSecretary(system, c, '部门报到超时', late.map((d) => d.departmentName).join('、'));
      out.flaggedLate += late.length;
    });
  }

  for (const c of await due('rate')) {
    await quietly(async () => {
      await transition(system, c._id, (cur) => {
        if (cur.status !== 'resolved') throw conflict('no longer resolved');
        return {
          to: 'closed',
          changes: {
            rating: { grade: '未评价', comment: null, at: ctx.now },
            queue: null,
            openCommunityId: null,
            dueAt: null,
            dueKind: null,
          },
          step: {
            at: ctx.now,
            by: 'system',
            byName: '系统',
            role: 'system',
            action: 'autoClose',
            from: 'resolved',
            to: 'closed',
            note: '7天未评价，自动办结（未评价）',
            photos: [],
          },
        };
      });
      out.closed += 1;
    });
  }
  return out;
}
