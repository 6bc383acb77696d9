import type { TodoKey, WorkbenchView } from '../../contract/functions/account';
import { PROPERTY_CATEGORIES } from '../../contract/caseLabels';
import type { CaseDoc } from '../complaints/model';
import { AT_GRID } from '../complaints/property';
import type { CallContext } from '../platform/router';
import { CONFIRM_BY_STAFF_AFTER_MS } from '../wishes/rules';

type Todo = WorkbenchView['roles'][number]['todos'][number];
type Count = Promise<Todo>;

/**
 * 工作台: for each staff grant of the caller, what waits in each of its queues, counted with the
 * queues' own conditions (each count is tied to its queue by tests/integration/workbench.test.ts):
 *
 * - 网格诉求 (complaint.gridQueue): cases in the grids' queues; overdue = past the deadline staff
 *   work to (complaints/rules.ts `isOverdue`: not the resident's rating).
 * - 社区诉求 (complaint.communityQueue, 待处理): the community's open cases in its queue, overdue,
 *   or waiting for a department's grade; 延期审批: extensions asked for.
 * - 物业诉求 (complaint.propertyQueue, 待办): a property liaison's company's property cases at the grid.
 * - 吹哨报到 (complaint.deptInbox): the department's open tasks; overdue = not reported in by
 *   `reportBy`, or past the deadline.
 * - 心愿审核 (wish.reviewQueue), 待居民确认 (wish.awaitingConfirmation, fulfilled 7 days ago).
 * - 报到审核 (account.reportQueue), 六个一审核 (sixOnes.recordQueue), 本单位待审核报到.
 *
 * All counts are sent side by side: one database round trip after the caller's.
 */
export async function workbench(_input: Record<string, never>, ctx: CallContext): Promise<WorkbenchView> {
  const _ = ctx.db.command;
  const now = ctx.now;
  const count = (key: TodoKey, collection: string, where: Record<string, unknown>, late?: Record<string, unknown>) =>
    Promise.all([
      ctx.db.collection(collection).where(where).count(),
      late
        ? ctx.db
            .collection(collection)
            .where(_.and([where, late]) as never)
            .count()
        : Promise.resolve({ total: 0 }),
    ]).then(([all, overdue]): Todo => ({ key, count: all.total, overdue: overdue.total }));
  const awaitingDue = new Date(now.getTime() - CONFIRM_BY_STAFF_AFTER_MS);

  const roles = (ctx.user?.roles ?? []).flatMap((g): Array<Promise<WorkbenchView['roles'][number]>> => {
    const role = async (scopeId: string | null, todos: Count[]) => ({
      role: g.role as WorkbenchView['roles'][number]['role'],
      scopeId,
      todos: await Promise.all(todos),
    });
    switch (g.role) {
      case 'gridWorker': {
        const inGrids = { gridId: _.in(g.gridIds) };
        return [
          role(g.gridIds[0] ?? null, [
            count(
              'caseQueue',
              'cases',
              { queue: _.in(g.gridIds.map((id) => `grid:${id}`)) },
              { dueAt: _.lt(now), dueKind: _.neq('rate') },
            ),
            count('wishReview', 'wishes', { status: 'submitted', ...inGrids }),
            count('wishAwaiting', 'wishes', { status: 'fulfilled', 'fulfilment.at': _.lte(awaitingDue), ...inGrids }),
          ]),
        ];
      }
      case 'secretary':
        return [
          role(g.communityId, [
            ...communityCases(ctx, g.communityId),
            count('wishReview', 'wishes', { status: 'submitted', communityId: g.communityId }),
            count('wishAwaiting', 'wishes', {
              status: 'fulfilled',
              'fulfilment.at': _.lte(awaitingDue),
              communityId: g.communityId,
            }),
            count('reports', 'memberReports', { communityId: g.communityId, status: 'pending' }),
            count('records', 'records', { communityId: g.communityId, status: 'pending' }),
          ]),
        ];
      case 'department':
        return [
          role(g.departmentId, [
            count(
              'caseInbox',
              'deptTasks',
              { departmentId: g.departmentId, status: 'open' },
              _.or([{ reportedAt: null, reportBy: _.lt(now) }, { deadline: _.lt(now) }]) as never,
            ),
          ]),
        ];
      case 'unitAdmin':
        return [role(g.unitId, [count('unitReports', 'memberReports', { unitId: g.unitId, status: 'pending' })])];
      case 'propertyLiaison':
        // 物业诉求 (complaint.propertyQueue, 待办): the company's property cases still with the grid.
        return [
          role(g.companyId, [
            count(
              'caseQueue',
              'cases',
              {
                propertyCompanyId: g.companyId,
                category: _.in([...PROPERTY_CATEGORIES]),
                level: 'grid',
                status: _.in([...AT_GRID]),
              },
              { dueAt: _.lt(now), dueKind: _.neq('rate') },
            ),
          ]),
        ];
      case 'countyAdmin':
        return [role(null, [])];
      default:
        return [];
    }
  });
  return { roles: await Promise.all(roles) };
}

/**
 * The community's open cases, read once (as complaint.communityQueue reads them): those needing
 * the community (its queue, overdue, a department's grade to give) and the extensions asked for.
 */
function communityCases(ctx: CallContext, communityId: string): Count[] {
  const open = ctx.db
    .collection('cases')
    .where({ openCommunityId: communityId })
    .field({ queue: true, communityId: true, dueAt: true, dueKind: true, whistle: true, resolution: true })
    .limit(1000)
    .get<Pick<CaseDoc, 'queue' | 'communityId' | 'dueAt' | 'dueKind' | 'whistle' | 'resolution'>>()
    .then((r) => r.data);
  const overdue = (c: { dueAt: Date | string | null; dueKind: CaseDoc['dueKind'] }) =>
    c.dueAt !== null && c.dueKind !== 'rate' && new Date(c.dueAt).getTime() < ctx.now.getTime();
  return [
    open.then((cases): Todo => {
      const needs = cases.filter(
        (c) =>
          c.queue === `community:${c.communityId}` ||
          overdue(c) ||
          c.whistle?.extension?.status === 'pending' ||
          (c.whistle !== null && c.resolution?.level === 'department' && !c.whistle.rating),
      );
      return { key: 'caseQueue', count: needs.length, overdue: needs.filter(overdue).length };
    }),
    open.then(
      (cases): Todo => ({
        key: 'extensions',
        count: cases.filter((c) => c.whistle?.extension?.status === 'pending').length,
        overdue: 0,
      }),
    ),
  ];
}
