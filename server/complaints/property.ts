/**
 * 红色物业 in the complaint flow (PRODUCT.md "Co-building", 红色物业): a property-category case
 * (PROPERTY_CATEGORIES) of an estate a property company manages is the grid's case and, beside
 * it, its company's liaison's (物业联络员, grant `{ role: 'propertyLiaison', companyId }`). The
 * liaison reads it in their queue and acts on it as the grid worker does — accept, reply, resolve
 * — by the same engine (engine.ts `handle`: one transaction on the state read, so a liaison and a
 * grid worker acting at once end with one winner and one CONFLICT). The case never leaves the
 * grid's queue for the liaison: `queue` stays `grid:<id>`, and once the grid passes it on
 * (escalated, whistled) the liaison only reads it.
 *
 * Metrics: a step counts for the case's own scopes (its grid, community, the county) whoever
 * takes it — a liaison's accept answers the case for the grid's 响应率 as the grid worker's would
 * (metrics.ts `caseScopes`); companies have no counters of their own.
 */
import { PROPERTY_CATEGORIES } from '../../contract/caseLabels';
import type { CasePage, CaseView } from '../../contract/functions/complaint';
import { scopeIds } from '../platform/authorize';
import { conflict, forbidden } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { atLevel, handle, step, viewer } from './engine';
import type { CaseDoc } from './model';
import { tell } from './notices';
import { byUrgency, latestOf, matches, queuePage, type QueueInput } from './queues';
import { toCaseView } from './views';

/** The states in which a case waits on the grid (and so on the liaison beside it). */
export const AT_GRID = ['assigned', 'accepted', 'reopened'] as const;

/** Waiting on the grid: at grid level, not yet resolved (as in the grid worker's 待办). */
export const waitsOnGrid = (c: Pick<CaseDoc, 'level' | 'status'>) =>
  c.level === 'grid' && (AT_GRID as readonly string[]).includes(c.status);

/**
 * The liaison's 待办 and 已办, read by the indexed `propertyCompanyId`: 待办 the company's open
 * property cases at the grid (a company has a handful at a time; read whole, in the order of every
 * staff queue), 已办 the others of the company's latest moved. One request beside the caller's.
 */
export async function propertyQueue(input: QueueInput, ctx: CallContext): Promise<CasePage> {
  const companies = scopeIds(ctx.user, 'propertyLiaison');
  if (companies.length === 0) throw forbidden('您不是物业联络员');
  const _ = ctx.db.command;
  const mine = { propertyCompanyId: _.in(companies), category: _.in([...PROPERTY_CATEGORIES]) };
  if (input.tab === 'done') {
    const latest = await latestOf(ctx, mine, input.from);
    return queuePage(
      latest.filter((c) => !waitsOnGrid(c) && matches(c, input.q)),
      input.from,
      ctx,
    );
  }
  const { data } = await ctx.db
    .collection('cases')
    .where({ ...mine, level: 'grid', status: _.in([...AT_GRID]) })
    .limit(1000)
    .get<CaseDoc>();
  return queuePage(data.filter((c) => matches(c, input.q)).sort(byUrgency(ctx)), input.from, ctx);
}

/**
 * 物业回复: the liaison's progress note on an accepted case at the grid, which the complainant
 * reads (progress.ts `reply`) and is told of. The state does not move; the step is written by the
 * engine's conditional transaction like any other (audited), so it never lands on a case that was
 * passed on or resolved meanwhile (CONFLICT).
 */
export async function reply(input: { caseId: string; note: string }, ctx: CallContext): Promise<CaseView> {
  const { after } = await handle(ctx, input.caseId, (c, h) => {
    if (!h.liaison) throw forbidden('该诉求不在您的办理范围内');
    atLevel(c, 'grid');
    if (c.status !== 'accepted' && c.status !== 'reopened') throw conflict('请先受理，办结前可以回复');
    return { to: c.status, changes: {}, step: step(ctx, 'propertyLiaison', 'reply', c.status, c.status, input.note) };
  });
  // The step is in (with its audit entry); a crash before the message leaves the reply on the
  // case, read on its progress, without the message — nothing to repair, no counter moves.
  await tell(ctx, after.complainant.openid, 'caseAccepted', after, '物业回复', input.note);
  return toCaseView(after, viewer(ctx));
}
