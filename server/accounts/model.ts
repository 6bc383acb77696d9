import type { ReportStatus } from '../../contract/functions/account';

/**
 * 双报到: one report of a member to a community. Names of unit and community are copied in, so
 * every list of reports is one read. Never deleted: a new report supersedes the verified one.
 */
export interface MemberReportDoc {
  _id: string;
  openid: string;
  name: string;
  phone: string;
  unitId: string;
  unitName: string;
  partyBranch: string;
  joinedAt: string;
  communityId: string;
  communityName: string;
  status: ReportStatus;
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}
