import type { CaseProgress, CaseProgressStep } from '../../contract/functions/complaint';
import { CASE_STATUS_PLAIN, RESIDENT_GRADES } from '../../contract/caseLabels';
import { toIso } from '../platform/time';
import type { CaseDoc, StoredCaseStep } from './model';

/**
 * What the complainant reads of their case (PRODUCT.md: residents follow progress; handlers keep
 * the full timeline): who handles it now, what happened, what comes next and by when — in plain
 * words, built here so that the handlers' chain (levels, 吹哨, 报到, 协办, late flags, extensions,
 * the community's grade of a department, internal notes) is never sent to the resident.
 *
 * Internal steps merge into plain lines: an escalation (by the grid worker or the scheduler) is
 * 已转交社区办理, a whistle 社区已协调…共同办理, the lead department's report-in …已开始办理, an
 * approved extension 办理期限已延长; assists, late flags, refused or pending extensions and the
 * department's grade are not shown. Dates stay ISO: the client words them (src/utils/date.ts).
 */
export function residentProgress(c: CaseDoc): CaseProgress {
  return {
    state: CASE_STATUS_PLAIN[c.status],
    handler: handlerNow(c),
    steps: c.timeline.map((s) => plainStep(c, s)).filter((s): s is CaseProgressStep => s !== null),
    next: nextStep(c),
  };
}

const open = (c: CaseDoc) => !['resolved', 'closed', 'withdrawn'].includes(c.status);

/** The lead department of the whistle: 兴国县城市管理局. */
function lead(c: CaseDoc): string {
  const parts = c.whistle?.departments ?? [];
  return (parts.find((d) => d.role === 'lead') ?? parts[0])?.departmentName ?? '相关部门';
}

/** The departments, lead first: 兴国县城市管理局, or 兴国县城市管理局等部门 with assisting ones. */
function departments(c: CaseDoc): string {
  return (c.whistle?.departments.length ?? 0) > 1 ? `${lead(c)}等部门` : lead(c);
}

/** Who has the case: its grid's 网格员, its community, or the departments the community called in. */
function handlerNow(c: CaseDoc): string | null {
  if (!open(c)) return null;
  if (c.level === 'department') return departments(c);
  if (c.level === 'grid' && c.gridName) return `${c.gridName}的网格员`;
  return c.communityName;
}

/** Who will act next, as the sentence names them: 网格员, 社区, or the departments. */
function actor(c: CaseDoc): string {
  if (c.level === 'department') return departments(c);
  return c.level === 'grid' && c.gridName ? '网格员' : '社区';
}

function nextStep(c: CaseDoc): CaseProgress['next'] {
  switch (c.status) {
    case 'assigned':
      return { kind: 'respond', who: actor(c), by: toIso(c.dueAt) };
    case 'accepted':
    case 'escalated':
    case 'whistled':
    case 'reported':
    case 'reopened': {
      // Waiting for the departments to report in, the resident waits for the result: its deadline.
      const by = c.dueKind === 'reportIn' && c.whistle ? c.whistle.deadline : c.dueAt;
      return { kind: 'resolve', who: actor(c), by: toIso(by) };
    }
    case 'resolved':
      return { kind: 'confirm', who: null, by: toIso(c.dueAt) };
    default:
      return null;
  }
}

/** The grade and the comment of the resident's rating step (`满意：谢谢`, `不满意：…，重新办理`). */
function ratingOf(note: string | null): { grade: string; comment: string | null } {
  const text = note ?? '';
  const grade = RESIDENT_GRADES.find((g) => text.startsWith(g)) ?? '';
  const comment = text
    .slice(grade.length)
    .replace(/^：/, '')
    .replace(/，重新办理$/, '')
    .trim();
  return { grade, comment: comment || null };
}

/** One step of the timeline as the resident reads it; null for what is the handlers' business. */
function plainStep(c: CaseDoc, s: StoredCaseStep): CaseProgressStep | null {
  const line = (text: string, note: string | null = null): CaseProgressStep => ({ at: toIso(s.at)!, text, note });
  const by =
    s.role === 'gridWorker'
      ? '网格员'
      : s.role === 'propertyLiaison'
        ? '物业'
        : s.role === 'secretary'
          ? '社区'
          : departments(c);
  switch (s.action) {
    case 'submit':
      return line('您提交了诉求');
    case 'assign':
      return line(
        s.note?.includes('社区待办') || !c.gridName ? `由${c.communityName}办理` : `由${c.gridName}的网格员办理`,
      );
    case 'notifyProperty':
      return line('已同时通知小区物业配合办理');
    case 'withdraw':
      return line('您撤回了诉求', s.note);
    case 'accept':
      return line(`${by}已受理`, s.note);
    case 'reply':
      return line(`${by}回复`, s.note);
    case 'escalate':
      return line(`已转交${c.communityName}办理`);
    case 'whistle': {
      const names = (c.whistle?.departments ?? []).map((d) => d.departmentName);
      return line(names.length > 1 ? `社区已协调${names.join('、')}共同办理` : `社区已协调${departments(c)}办理`);
    }
    case 'reportIn':
      // The lead department taking the case up (whistled → reported); the others' report-ins are internal.
      return s.from === 'whistled' && s.to === 'reported' ? line(`${lead(c)}已开始办理`) : null;
    case 'approveExtension':
      return line('经社区同意，办理期限已延长');
    case 'resolve':
    case 'deptResolve':
      return line(`${by}已处理完毕`, s.note);
    case 'rate': {
      const { grade, comment } = ratingOf(s.note);
      if (s.to === 'reopened') return line('您表示不满意，已重新办理', comment);
      return line(`您评价：${grade}`, comment);
    }
    case 'autoClose':
      return line('7 天内未评价，已自动完结');
    default:
      // assist, flagLate, flagUnanswered, requestExtension, refuseExtension, rateDepartment, and
      // whatever step is added later: the handlers' own business until worded here.
      return null;
  }
}
