import type {
  CaseCategory,
  CaseLevel,
  CaseStatus,
  DepartmentGrade,
  ResidentGrade,
  Urgency,
  WhistleClass,
  WhistleReason,
} from '../../contract/caseLabels';

export interface StoredCaseStep {
  at: Date;
  by: string;
  byName: string;
  role: string;
  action: string;
  from: CaseStatus | null;
  to: CaseStatus;
  note: string | null;
  photos: string[];
}

export interface StoredDepartmentPart {
  departmentId: string;
  departmentName: string;
  role: 'lead' | 'assist';
  reportedAt: Date | null;
  late: boolean;
  note: string | null;
  photos: string[];
  doneAt: Date | null;
}

/**
 * 民情诉求, as stored. Never deleted: withdrawal is a state. `queue` names the one queue that
 * must act now (`grid:<id>`, `community:<id>`, `department:<id>`) or null — the indexed scalar
 * every queue page is read by; `openCommunityId` is set while the case is open, for the
 * secretary's view of everything open in the community.
 */
export interface CaseDoc {
  _id: string;
  category: CaseCategory;
  description: string;
  photos: string[];
  location: { lat: number; lng: number; label: string; source: 'point' | 'building' | 'address' };
  urgency: Urgency;
  anonymous: boolean;
  complainant: { openid: string; name: string; phone: string };
  communityId: string;
  communityName: string;
  gridId: string | null;
  gridName: string | null;
  microGridId: string | null;
  propertyCompanyId: string | null;
  status: CaseStatus;
  level: CaseLevel;
  queue: string | null;
  openCommunityId: string | null;
  /** The deadline now running, and whether an approved extension set it. */
  dueAt: Date | null;
  dueKind: 'respond' | 'gridResolve' | 'reportIn' | 'deptResolve' | 'rate' | null;
  /** The deadline (`dueAt`) its holders were last warned of as near: one warning per deadline. */
  dueWarnedAt?: Date | null;
  /** Local month of submission (`YYYYMM`): the metrics cohort the case counts in. */
  month: string;
  respondBy: Date;
  respondedAt: Date | null;
  whistle: {
    reason: WhistleReason;
    class: WhistleClass;
    deadline: Date;
    reportBy: Date;
    whistledAt: Date;
    whistledBy: string;
    departments: StoredDepartmentPart[];
    extension: {
      until: Date;
      reason: string;
      status: 'pending' | 'approved' | 'refused';
      note: string | null;
      requestedAt: Date;
    } | null;
    rating: DepartmentGrade | null;
  } | null;
  /** Department ids of the whistle, lead first (for the counters). */
  departmentIds: string[];
  resolution: { note: string; photos: string[]; at: Date; level: CaseLevel; by: string } | null;
  rating: { grade: ResidentGrade | '未评价'; comment: string | null; at: Date } | null;
  reopened: boolean;
  /**
   * Counted once each in the metrics, whatever happens after. `respondOverdue`: the response
   * deadline passed before anyone answered, and the scheduler counted the case due a response
   * then (escalating it, or flagging it `flagUnanswered` without a grid); an answer after is late
   * and moves no due count.
   */
  counted: { resolved: boolean; communityLevel: boolean; respondOverdue: boolean };
  timeline: StoredCaseStep[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

/** A whistled department's part, one per (case, department): its inbox is read from these alone. */
export interface DeptTaskDoc {
  _id: string;
  caseId: string;
  departmentId: string;
  role: 'lead' | 'assist';
  status: 'open' | 'done';
  /** What the inbox shows without reading the case. */
  summary: {
    category: CaseCategory;
    description: string;
    urgency: Urgency;
    class: WhistleClass;
    reason: WhistleReason;
    communityId: string;
    communityName: string;
    location: string;
    /** The complainant's name, null when the case is anonymous; absent on tasks whistled before it was kept. */
    complainantName?: string | null;
  };
  reportBy: Date;
  reportedAt: Date | null;
  late: boolean;
  deadline: Date;
  whistledAt: Date;
  updatedAt: Date;
}

export const taskId = (caseId: string, departmentId: string) => `${caseId}-${departmentId}`;
