import type { CaseView, TaskView } from '../../contract/functions/complaint';
import { tempUrls } from '../platform/files';
import type { UserDoc } from '../platform/identity';
import type { CaseDoc, DeptTaskDoc } from './model';
import { residentProgress } from './progress';
import { allowedActions, handlerOf, isHandler, isOverdue, isStaffHandler } from './rules';
import { toIso } from '../platform/time';

const iso = toIso;

export interface CaseViewer {
  openid: string;
  user: UserDoc | null;
  now: Date;
}

/**
 * Cases as the viewer may see them; the complainant only for themself and handlers in scope.
 * Handlers get the whistle and (with `timeline`) the full timeline; the complainant neither, but
 * (with `timeline`) their plain `progress` (progress.ts) — a complainant who is also a handler in
 * scope gets both.
 */
export async function toCaseViews(
  cases: CaseDoc[],
  viewer: CaseViewer,
  opts: { timeline: boolean },
): Promise<CaseView[]> {
  const handles = (c: CaseDoc) => isHandler(handlerOf(viewer.openid, viewer.user, c));
  const staff = (c: CaseDoc) => isStaffHandler(handlerOf(viewer.openid, viewer.user, c));
  const urls = await tempUrls(
    cases.flatMap((c) => [
      ...c.photos,
      ...(c.resolution?.photos ?? []),
      ...(staff(c) ? (c.whistle?.departments.flatMap((d) => d.photos) ?? []) : []),
      ...(opts.timeline && handles(c) ? c.timeline.flatMap((t) => t.photos) : []),
    ]),
  );
  const photo = (fileId: string) => ({ fileId, url: urls.get(fileId) ?? null });
  return cases.map((c) => {
    const h = handlerOf(viewer.openid, viewer.user, c);
    const handler = isHandler(h);
    const staffSide = isStaffHandler(h);
    // A property liaison (not government staff) gets the complainant to contact them, unless the
    // case is anonymous; the whistle and the departments' parts are the government side's.
    const sees = h.complainant || staffSide || (h.liaison && !c.anonymous);
    return {
      id: c._id,
      category: c.category,
      description: c.description,
      photos: c.photos.map(photo),
      location: { lat: c.location.lat, lng: c.location.lng, label: c.location.label },
      urgency: c.urgency,
      anonymous: c.anonymous,
      status: c.status,
      level: c.level,
      community: { id: c.communityId, name: c.communityName },
      grid: c.gridId ? { id: c.gridId, name: c.gridName ?? '' } : null,
      complainant: sees ? { name: c.complainant.name, phone: c.complainant.phone } : null,
      submittedAt: iso(c.createdAt)!,
      dueAt: iso(c.dueAt),
      overdue: isOverdue(c, viewer.now),
      whistle:
        c.whistle && staffSide
          ? {
              reason: c.whistle.reason,
              class: c.whistle.class,
              deadline: iso(c.whistle.deadline)!,
              reportBy: iso(c.whistle.reportBy)!,
              departments: c.whistle.departments.map((d) => ({
                departmentId: d.departmentId,
                departmentName: d.departmentName,
                role: d.role,
                reportedAt: iso(d.reportedAt),
                late: d.late,
                note: d.note,
                photos: d.photos.map(photo),
                doneAt: iso(d.doneAt),
              })),
              extension: c.whistle.extension
                ? {
                    until: iso(c.whistle.extension.until)!,
                    reason: c.whistle.extension.reason,
                    status: c.whistle.extension.status,
                    note: c.whistle.extension.note,
                  }
                : null,
              rating: c.whistle.rating,
            }
          : null,
      resolution: c.resolution
        ? {
            note: c.resolution.note,
            photos: c.resolution.photos.map(photo),
            at: iso(c.resolution.at)!,
            level: c.resolution.level,
          }
        : null,
      rating: c.rating ? { grade: c.rating.grade, comment: c.rating.comment, at: iso(c.rating.at)! } : null,
      reopened: c.reopened,
      timeline:
        opts.timeline && handler
          ? c.timeline.map((t) => ({
              at: iso(t.at)!,
              // The complainant's own steps show their name only to those who may know them.
              byName: t.by === c.complainant.openid && !sees ? '居民' : t.byName,
              role: t.role,
              action: t.action,
              from: t.from,
              to: t.to,
              note: t.note,
              photos: t.photos.map(photo),
            }))
          : null,
      progress: opts.timeline && h.complainant ? residentProgress(c) : null,
      can: allowedActions(c, h),
    };
  });
}

export async function toCaseView(c: CaseDoc, viewer: CaseViewer): Promise<CaseView> {
  const [view] = await toCaseViews([c], viewer, { timeline: true });
  return view;
}

export function toTaskView(t: DeptTaskDoc, now: Date): TaskView {
  const due = t.reportedAt ? t.deadline : t.reportBy;
  return {
    caseId: t.caseId,
    role: t.role,
    status: t.status,
    category: t.summary.category,
    description: t.summary.description,
    urgency: t.summary.urgency,
    class: t.summary.class,
    reason: t.summary.reason,
    community: { id: t.summary.communityId, name: t.summary.communityName },
    location: t.summary.location,
    whistledAt: iso(t.whistledAt)!,
    reportBy: iso(t.reportBy)!,
    reportedAt: iso(t.reportedAt),
    late: t.late,
    deadline: iso(t.deadline)!,
    overdue: t.status === 'open' && new Date(due).getTime() < now.getTime(),
  };
}
