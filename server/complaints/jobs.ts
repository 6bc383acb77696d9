import type { CallContext, JobContext } from '../platform/router';
import { bump, caseScopes, departmentScope } from './metrics';
import type { CaseDoc, StoredDepartmentPart } from './model';
import { taskId } from './model';
import { staffOf } from '../notify/recipients';
import { escalation, transition } from './engine';
import { liaisonOf, tell, tellSecretary } from './notices';
import { AppError, conflict } from '../platform/errors';
import { gridStaff } from '../notify/recipients';

/**
 * The deadlines (every 5 minutes): an unanswered or unresolved grid case past its deadline goes
 * to the community; a case without a grid unanswered past its response deadline is flagged
 * (`flagUnanswered`, once); a department that has not reported in by the report deadline is
 * flagged late (once) and told, with the secretary; a resolved case unrated for 7 days closes as
 * 未评价. An approved extension has already moved `dueAt`, so such a case is not overdue.
 *
 * A response or report-in deadline passing unanswered is when the case or department becomes due
 * in the metrics (`responseDue`, `reportInDue`, server/complaints/metrics.ts): counted here, once.
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
  const out = { escalated: 0, flaggedUnanswered: 0, flaggedLate: 0, closed: 0, warned: 0 };
  const quietly = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      // Someone acted on the case meanwhile: nothing to do.
      if (!(err instanceof AppError)) throw err;
    }
  };

  for (const c of [...(await due('respond')), ...(await due('gridResolve'))]) {
    if (c.level !== 'grid') {
      if (c.dueKind === 'respond' && !c.counted.respondOverdue)
        await quietly(async () => {
          await flagUnanswered(system, c._id);
          out.flaggedUnanswered += 1;
        });
      continue;
    }
    await quietly(async () => {
      const { before, after } = await transition(system, c._id, (cur) => {
        if (cur.level !== 'grid' || cur.dueAt === null || new Date(cur.dueAt).getTime() >= ctx.now.getTime())
          throw conflict('no longer due');
        if (!['assigned', 'accepted', 'reopened'].includes(cur.status)) throw conflict('no longer open');
        const unanswered = cur.dueKind === 'respond' && !cur.counted.respondOverdue;
        const move = escalation(
          system,
          cur,
          'system',
          cur.dueKind === 'respond' ? '超时未响应，自动上报社区' : '网格超时未办结，自动上报社区',
        );
        return unanswered ? { ...move, changes: { ...move.changes, 'counted.respondOverdue': true } } : move;
      });
      // Escalated unanswered: now due a response, and late.
      const unanswered = !before.counted.respondOverdue && after.counted.respondOverdue;
      if (!before.counted.communityLevel || unanswered)
        await bump(system, caseScopes(after), {
          ...(before.counted.communityLevel ? {} : { communityLevel: 1 }),
          ...(unanswered ? { responseDue: 1 } : {}),
        });
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
    if (!c.whistle?.departments.some((d) => !d.reportedAt && !d.late)) continue;
    await quietly(async () => {
      // The departments flagged: as the transaction reads the case (one may report in meanwhile).
      let late: StoredDepartmentPart[] = [];
      const { after } = await transition(system, c._id, (cur) => {
        const changes: Record<string, unknown> = {};
        late = cur.whistle!.departments.filter((d) => !d.reportedAt && !d.late);
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
      // Past the report deadline unreported: now due to report in, and late.
      await Promise.all([
        bump(system, caseScopes(after), 'reportInDue', late.length),
        bump(
          system,
          late.map((d) => departmentScope(d.departmentId, after.month)),
          'reportInDue',
        ),
      ]);
      const lateStaff = await Promise.all(
        late.map((d) => staffOf(system, { role: 'department', departmentId: d.departmentId })),
      );
      await tell(system, lateStaff.flat(), 'caseAlert', c, '报到超时', '请立即报到');
      await tellSecretary(system, c, '部门报到超时', late.map((d) => d.departmentName).join('、'));
      out.flaggedLate += late.length;
    });
  }

  out.warned = await warnNearDeadlines(ctx, ctx.now);

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

/**
 * A case without a grid (the community answers it) still unanswered past its response deadline:
 * recorded once on its timeline and counted due a response — late — in the metrics. It stays in
 * the community's queue, overdue.
 */
async function flagUnanswered(system: CallContext, caseId: string): Promise<void> {
  const now = system.now;
  const { after } = await transition(system, caseId, (cur) => {
    if (
      cur.status !== 'assigned' ||
      cur.dueKind !== 'respond' ||
      cur.respondedAt ||
      cur.counted.respondOverdue ||
      new Date(cur.respondBy).getTime() >= now.getTime()
    )
      throw conflict('no longer unanswered');
    return {
      to: cur.status,
      changes: { 'counted.respondOverdue': true },
      step: {
        at: now,
        by: 'system',
        byName: '系统',
        role: 'system',
        action: 'flagUnanswered',
        from: cur.status,
        to: cur.status,
        note: '超过响应期限仍未响应',
        photos: [],
      },
    };
  });
  await bump(system, caseScopes(after), 'responseDue');
}

const MINUTE = 60_000;
/** How long before a deadline its holders are warned; an urgent case's deadlines are short. */
const warnBefore = (c: CaseDoc) => (c.urgency === 'urgent' ? 15 * MINUTE : 120 * MINUTE);
const STAGES: Partial<Record<NonNullable<CaseDoc['dueKind']>, string>> = {
  respond: '待响应',
  gridResolve: '待办结',
  reportIn: '待报到',
  deptResolve: '待办结',
};

/**
 * Who holds the running deadline: the grid — with, for a property case, its company's liaison, who
 * acts on it as the grid does (红色物业) — or the community's secretaries, or the departments.
 */
async function holders(ctx: JobContext, c: CaseDoc): Promise<string[]> {
  const departments = c.whistle?.departments ?? [];
  switch (c.dueKind) {
    case 'respond':
    case 'gridResolve':
      return c.level === 'grid'
        ? [...(await gridStaff(ctx, c.gridId)), ...(await liaisonOf(ctx, c))]
        : staffOf(ctx, { role: 'secretary', communityId: c.communityId });
    case 'reportIn': {
      const waiting = departments.filter((d) => !d.reportedAt);
      return (
        await Promise.all(waiting.map((d) => staffOf(ctx, { role: 'department', departmentId: d.departmentId })))
      ).flat();
    }
    case 'deptResolve': {
      const lead = departments.find((d) => d.role === 'lead');
      return lead ? staffOf(ctx, { role: 'department', departmentId: lead.departmentId }) : [];
    }
    default:
      return [];
  }
}

/**
 * Deadlines about to pass: the holders are told once per deadline (an approved extension moves
 * `dueAt` and so arms a new warning). The conditional update on the case marks the warning;
 * of two job runs at once only one changes it, and only that one sends.
 */
async function warnNearDeadlines(ctx: JobContext, now: Date): Promise<number> {
  const _ = ctx.db.command;
  const horizon = new Date(now.getTime() + 120 * MINUTE);
  const { data } = await ctx.db
    .collection('cases')
    .where({ dueKind: _.in(Object.keys(STAGES)), dueAt: _.and(_.gt(now), _.lte(horizon)) })
    .limit(1000)
    .get<CaseDoc>();
  let warned = 0;
  for (const c of data) {
    const dueAt = new Date(c.dueAt!);
    if (dueAt.getTime() - now.getTime() > warnBefore(c)) continue;
    if (c.dueWarnedAt && new Date(c.dueWarnedAt).getTime() === dueAt.getTime()) continue;
    const { stats } = await ctx.db
      .collection('cases')
      .where({ _id: c._id, dueKind: c.dueKind, dueAt })
      .update({ data: { dueWarnedAt: dueAt } });
    if (stats.updated !== 1) continue;
    const minutes = Math.max(1, Math.round((dueAt.getTime() - now.getTime()) / MINUTE));
    const left = minutes >= 60 ? `约 ${Math.round(minutes / 60)} 小时` : `${minutes} 分钟`;
    await tell(ctx, await holders(ctx, c), 'deadlineNear', c, STAGES[c.dueKind!]!, `还剩${left}，请及时处理`, {
      time: dueAt,
    });
    warned += 1;
  }
  return warned;
}
