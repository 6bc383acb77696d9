/**
 * 操作记录 of the seed: every staff step the seed plays leaves the audit entry the live action
 * would have written (server/platform/audit.ts), made by the same builders, at the step's time,
 * by its staff member — wish reviews and confirmations for residents, case steps of grid
 * workers, secretaries and departments, 六个一 reviews (one entry per reviewer and moment, as a
 * batch writes), attendance marked by hand, activities published, edited and cancelled, reports
 * verified or rejected. Pure and deterministic: the ids count in the order the seed's documents
 * are listed.
 */
import type { MemberReportDoc } from '../accounts/model';
import { reportAudit } from '../accounts/reports';
import { caseAudit } from '../complaints/engine';
import type { CaseDoc } from '../complaints/model';
import { auditDoc, type AuditDoc, type AuditInput } from '../platform/audit';
import type { RecordDoc } from '../sixOnes/credit';
import type { ActivityDoc } from '../sixOnes/model';
import { signupId } from '../sixOnes/model';
import { activityAudit, attendanceAudit, recordAudits } from '../sixOnes/rules';
import type { WishDoc } from '../wishes/model';
import { confirmSummary, wishAudit } from '../wishes/rules';
import type { SeedUserDoc } from './types';

/** The roles whose case steps are a handler's (the complainant's own and the scheduler's are not audited). */
const HANDLERS = new Set(['gridWorker', 'secretary', 'department']);

export function buildAudits(
  seed: {
    users: SeedUserDoc[];
    wishes: WishDoc[];
    cases: CaseDoc[];
    records: RecordDoc[];
    activities: ActivityDoc[];
    memberReports: MemberReportDoc[];
  },
  /** Only the steps from this instant on (the county scale's trail covers its last days); null: all. */
  since: Date | null = null,
): AuditDoc[] {
  const names = new Map(seed.users.map((u) => [u._id, u.name ?? u.nickname]));
  const departmentOf = new Map<string, string>();
  for (const u of seed.users)
    for (const g of u.roles) if (g.role === 'department') departmentOf.set(u._id, g.departmentId);
  const out: AuditDoc[] = [];
  const add = (by: string, at: Date, input: AuditInput) => {
    if (since && new Date(at).getTime() < since.getTime()) return;
    const doc = auditDoc({ openid: by, name: names.get(by) ?? '' }, new Date(at), input);
    out.push({ _id: `audit-${String(out.length + 1).padStart(7, '0')}`, ...doc });
  };

  for (const w of seed.wishes)
    for (const s of w.timeline) {
      if (s.action === 'publish' || s.action === 'reject') add(s.by, s.at, wishAudit(w, s.action, s.note ?? ''));
      if (s.action === 'confirmForResident' && w.rating)
        add(s.by, s.at, wishAudit(w, 'confirmForResident', confirmSummary(w.rating)));
    }

  for (const c of seed.cases)
    for (const s of c.timeline)
      if (HANDLERS.has(s.role) && s.by !== 'system') {
        const dept = s.role === 'department' ? (departmentOf.get(s.by) ?? null) : null;
        add(s.by, s.at, caseAudit(c, s, { department: dept ? { id: dept, role: 'lead' } : null }));
      }

  // Reviews by one secretary at one moment were one batch: one entry (per community), as the live review writes.
  const titles = new Map(seed.activities.map((a) => [a._id, a]));
  const batches = new Map<
    string,
    { by: string; at: Date; action: 'approve' | 'reject'; note: string | null; records: RecordDoc[] }
  >();
  for (const r of seed.records)
    for (const h of r.history) {
      if (h.action === 'approve' || h.action === 'reject') {
        const key = `${h.by}|${new Date(h.at).getTime()}|${h.action}|${h.note ?? ''}`;
        const batch = batches.get(key) ?? { by: h.by, at: h.at, action: h.action, note: h.note, records: [] };
        batch.records.push(r);
        batches.set(key, batch);
      }
      // Attendance the organiser marked by hand (the record's history says when it was entered).
      if ((h.action === 'manualCheckIn' || h.action === 'manualCheckOut') && r.activity) {
        const a = titles.get(r.activity.id);
        if (a)
          add(
            h.by,
            h.at,
            attendanceAudit(
              a,
              { _id: signupId(a._id, r.openid), name: r.memberName, unitId: r.unitId },
              h.action,
              h.note,
            ),
          );
      }
    }
  for (const b of batches.values())
    for (const input of recordAudits(b.records, b.action, b.note)) add(b.by, b.at, input);

  for (const a of seed.activities)
    for (const h of a.history)
      if (h.action === 'publish' || h.action === 'edit' || h.action === 'cancel')
        add(h.by, h.at, activityAudit(a, h.action, h.note ?? ''));

  for (const r of seed.memberReports)
    if (r.reviewedBy && r.reviewedAt && r.status !== 'pending')
      add(r.reviewedBy, r.reviewedAt, reportAudit(r, r.status === 'rejected' ? 'reject' : 'verify', r.reason));

  return out;
}
