import type { CaseView } from '../../contract/functions/complaint';
import { DEADLINES, PROPERTY_CATEGORIES } from '../../contract/caseLabels';
import type { UserDoc } from '../platform/identity';
import type { CaseDoc } from './model';

/**
 * A case's life (PRODUCT.md "Complaints and requests"):
 *
 *   submit ─▶ assigned ─(accept: first response)─▶ accepted ─(resolve)────────────────▶ resolved
 *     │ withdraw ◀┘ (before acceptance)              │ escalate / overdue                   │ rate
 *     ▼                                              ▼                                      ▼
 *   withdrawn                        escalated (community) ─(resolve)───────────────▶  closed
 *                                              │ whistle (吹哨)                         (不满意 once:
 *                                              ▼                                         reopened ─▶
 *                                  whistled ─(lead reports in: 报到)─▶ reported ─(resolve)─▶ last handler)
 *
 * A case without a grid starts in the community queue (`assigned`, level community). The
 * scheduler escalates overdue grid cases, flags late report-ins, and closes resolved cases
 * unrated after 7 days (未评价).
 */
const MIN = 60_000;

export const respondByFor = (c: Pick<CaseDoc, 'urgency'>, from: Date) =>
  new Date(from.getTime() + DEADLINES.respond[c.urgency] * MIN);
export const gridResolveBy = (from: Date) => new Date(from.getTime() + DEADLINES.gridResolve * MIN);
export const rateBy = (from: Date) => new Date(from.getTime() + DEADLINES.autoClose * MIN);

/**
 * The order of every staff queue (PRODUCT.md "Staff workbench"): past its deadline first (the
 * longest overdue first), then 紧急 before 一般, then the nearest deadline; without a deadline last,
 * the longest waiting first.
 */
export function urgentFirst<T>(
  of: (item: T) => { due: Date | string | null; urgent: boolean; since: Date | string },
  now: Date,
): (a: T, b: T) => number {
  const t = (d: Date | string | null) => (d === null ? Infinity : new Date(d).getTime());
  return (a, b) => {
    const x = of(a);
    const y = of(b);
    const late = (v: typeof x) => t(v.due) < now.getTime();
    return (
      Number(late(y)) - Number(late(x)) ||
      Number(y.urgent) - Number(x.urgent) ||
      t(x.due) - t(y.due) ||
      t(x.since) - t(y.since)
    );
  };
}

/** The longest a whistle may give a department (from now), and an extension may add to its deadline. */
export const MAX_WHISTLE_DAYS = 60;
export const MAX_EXTENSION_DAYS = 30;
const DAY = 1440 * MIN;
export const latestWhistleDeadline = (now: Date) => new Date(now.getTime() + MAX_WHISTLE_DAYS * DAY);
export const latestExtension = (deadline: Date) => new Date(deadline.getTime() + MAX_EXTENSION_DAYS * DAY);

export interface Handler {
  complainant: boolean;
  gridWorker: boolean;
  secretary: boolean;
  /** The department the caller acts for on this case, with its role. */
  department: { id: string; role: 'lead' | 'assist' } | null;
  countyAdmin: boolean;
  /**
   * 物业联络员 of the company managing the case's estate, on a property-category case (红色物业):
   * reads it and, while it is at the grid, accepts, replies and resolves beside the grid worker.
   */
  liaison: boolean;
}

/** A property-category case of an estate a company manages: its liaison's (PROPERTY_CATEGORIES). */
export const isPropertyCase = (c: Pick<CaseDoc, 'category' | 'propertyCompanyId'>): boolean =>
  c.propertyCompanyId !== null && c.propertyCompanyId !== undefined && PROPERTY_CATEGORIES.includes(c.category);

export function handlerOf(openid: string, user: UserDoc | null, c: CaseDoc): Handler {
  const roles = user?.roles ?? [];
  const deptGrant = roles.find(
    (g) => g.role === 'department' && c.whistle?.departments.some((d) => d.departmentId === g.departmentId),
  );
  const deptId = deptGrant && deptGrant.role === 'department' ? deptGrant.departmentId : null;
  const part = deptId ? c.whistle?.departments.find((d) => d.departmentId === deptId) : undefined;
  return {
    complainant: c.complainant.openid === openid,
    gridWorker: roles.some((g) => g.role === 'gridWorker' && c.gridId !== null && g.gridIds.includes(c.gridId)),
    secretary: roles.some((g) => g.role === 'secretary' && g.communityId === c.communityId),
    department: part ? { id: part.departmentId, role: part.role } : null,
    countyAdmin: roles.some((g) => g.role === 'countyAdmin'),
    liaison:
      isPropertyCase(c) && roles.some((g) => g.role === 'propertyLiaison' && g.companyId === c.propertyCompanyId),
  };
}

/** The government side's handlers: they see the whole chain (whistle, departments, the complainant whole). */
export const isStaffHandler = (h: Handler) => h.gridWorker || h.secretary || h.department !== null || h.countyAdmin;
export const isHandler = (h: Handler) => isStaffHandler(h) || h.liaison;
export const mayView = (h: Handler) => h.complainant || isHandler(h);

export function allowedActions(c: CaseDoc, h: Handler): CaseView['can'] {
  const can: CaseView['can'] = [];
  const s = c.status;
  if (h.complainant) {
    if (s === 'assigned') can.push('withdraw');
    if (s === 'resolved') can.push('rate');
    // Staff never handle a case they filed (engine.ts `handle`): a colleague does.
    return can;
  }
  const atGrid = c.level === 'grid';
  const atCommunity = c.level === 'community';
  if (h.gridWorker && atGrid) {
    if (s === 'assigned') can.push('accept');
    if (s === 'accepted' || s === 'reopened') can.push('resolve', 'escalate');
  }
  // The property liaison acts beside the grid worker while the grid keeps the case (not once it is passed on).
  if (h.liaison && atGrid && !h.gridWorker) {
    if (s === 'assigned') can.push('accept');
    if (s === 'accepted' || s === 'reopened') can.push('reply', 'resolve');
  }
  if (h.secretary) {
    if (atCommunity && s === 'assigned') can.push('accept');
    if (atCommunity && (s === 'accepted' || s === 'escalated' || s === 'reopened')) can.push('resolve', 'whistle');
    if (c.whistle?.extension?.status === 'pending') can.push('decideExtension');
    if (c.whistle && c.resolution?.level === 'department' && !c.whistle.rating) can.push('rateDepartment');
  }
  if (h.department && c.whistle && c.level === 'department') {
    const part = c.whistle.departments.find((d) => d.departmentId === h.department!.id)!;
    const open = s === 'whistled' || s === 'reported' || s === 'reopened';
    if (open && !part.reportedAt) can.push('reportIn');
    if (h.department.role === 'lead') {
      if (open && part.reportedAt && c.whistle.extension?.status !== 'pending') can.push('requestExtension');
      if ((s === 'reported' || s === 'reopened') && part.reportedAt) can.push('deptResolve');
    } else if (open && part.reportedAt && !part.doneAt) can.push('assist');
  }
  return can;
}

export function isOverdue(c: CaseDoc, now: Date): boolean {
  const due = staffDue(c);
  return due !== null && new Date(due).getTime() < now.getTime();
}

/** The deadline staff work to: none while the case waits for the resident's rating. */
export const staffDue = (c: Pick<CaseDoc, 'dueAt' | 'dueKind'>): Date | null => (c.dueKind === 'rate' ? null : c.dueAt);
