import type { Me, MemberReportView } from '../../contract/functions/account';
import { templateIds } from '../notify/templates';
import type { UserDoc } from '../platform/identity';
import { maskName, maskPhone } from '../platform/mask';
import type { MemberReportDoc } from './model';
import { toIso } from '../platform/time';

const iso = toIso;

export function toMe(user: UserDoc, isNew: boolean, requestId: string): Me {
  return {
    openid: user.openid,
    name: user.name,
    displayName: user.name ?? user.nickname,
    phone: user.phone,
    address: user.address ?? null,
    roles: user.roles,
    privacyAcceptedVersion: user.privacyAcceptedVersion,
    pendingReport: user.pendingReport
      ? { ...user.pendingReport, createdAt: new Date(user.pendingReport.createdAt).toISOString() }
      : null,
    isNew,
    createdAt: new Date(user.createdAt).toISOString(),
    templates: templateIds(requestId),
  };
}

/** `full`: the member themself or staff in scope see name and phone; anyone else masked. */
export function toReportView(r: MemberReportDoc, full: boolean): MemberReportView {
  return {
    id: r._id,
    openid: r.openid,
    name: full ? r.name : maskName(r.name),
    phone: full ? r.phone : maskPhone(r.phone),
    unit: { id: r.unitId, name: r.unitName },
    partyBranch: r.partyBranch,
    joinedAt: r.joinedAt,
    community: { id: r.communityId, name: r.communityName },
    status: r.status,
    reason: r.reason,
    createdAt: iso(r.createdAt)!,
    reviewedAt: iso(r.reviewedAt),
  };
}
