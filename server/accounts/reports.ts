import { moveReported } from '../sixOnes/credit';
import type { MemberReportView, ReportStatus } from '../../contract/functions/account';
import type { RoleGrant } from '../../contract/roles';
import type { CommunityDoc, UnitDoc } from '../directory/model';
import { audit, type AuditInput } from '../platform/audit';
import { notOwn, requireScope, scopeIds } from '../platform/authorize';
import { conflict, invalidInput, notFound } from '../platform/errors';
import type { UserDoc } from '../platform/identity';
import type { CallContext } from '../platform/router';
import { everyWordIn, narrowed } from '../platform/search';
import { inTransaction, txGet } from '../platform/tx';
import { local } from '../platform/time';
import type { MemberReportDoc } from './model';
import { toReportView } from './views';

/*
 * 双报到 (a member reports to a community):
 *
 *   registerMember ──► pending ──verify──► verified ──(a later report is verified)──► superseded
 *                         └────reject───► rejected (the member may report again)
 *
 * One pending report per member at a time (noted on the user document, changed in the same
 * transaction). A member who moves keeps their verified grant until the new report is verified.
 */

type UnitRow = UnitDoc & { paired: CommunityDoc[]; chosen: CommunityDoc[] };

export async function registerMember(
  input: { unitId: string; partyBranch: string; joinedAt: string; communityId?: string },
  ctx: CallContext,
): Promise<MemberReportView> {
  const user = ctx.user!;
  if (!user.name || !user.phone) throw invalidInput('请先在“我的”中填写姓名和手机号');
  if (user.pendingReport) throw conflict('您已有一份待审核的报到申请');
  // Today by the county's calendar (Asia/Shanghai, UTC+8 all year), not UTC's: at 02:00 they differ.
  const today = local(ctx.now).format('YYYY-MM-DD');
  if (input.joinedAt > today) {
    throw invalidInput('入党日期不能晚于今天', [{ path: 'joinedAt', message: '日期在未来' }]);
  }
  // The unit and the community (its paired one, or the one named) in one read.
  const { list } = await ctx.db
    .collection('units')
    .aggregate()
    .match({ _id: input.unitId })
    .lookup({ from: 'communities', localField: 'pairedCommunityId', foreignField: '_id', as: 'paired' })
    .lookup({ from: 'communities', pipeline: [{ $match: { _id: input.communityId ?? '' } }], as: 'chosen' })
    .end<UnitRow>();
  const unit = list[0];
  if (!unit) throw invalidInput('所选单位不存在', [{ path: 'unitId', message: '单位不存在' }]);
  const community = input.communityId ? unit.chosen[0] : unit.paired[0];
  if (!community) throw invalidInput('所选社区不存在', [{ path: 'communityId', message: '社区不存在' }]);

  const report: MemberReportDoc = {
    _id: `report-${ctx.openid}-${ctx.now.getTime().toString(36)}`,
    openid: ctx.openid,
    name: user.name,
    phone: user.phone,
    unitId: unit._id,
    unitName: unit.name,
    partyBranch: input.partyBranch,
    joinedAt: input.joinedAt,
    communityId: community._id,
    communityName: community.name,
    status: 'pending',
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    createdBy: ctx.openid,
  };
  await inTransaction(ctx, async (tx) => {
    const current = await txGet<UserDoc>(tx, 'users', ctx.openid);
    if (!current) throw notFound('用户不存在');
    if (current.pendingReport) throw conflict('您已有一份待审核的报到申请');
    const verified = current.roles.find((g) => g.role === 'member' && g.verified);
    // A first report gives an unverified grant (shown as 待审核); a move keeps the verified one.
    const roles: RoleGrant[] = verified
      ? current.roles
      : [
          ...current.roles.filter((g) => g.role !== 'member'),
          { role: 'member', communityId: community._id, unitId: unit._id, verified: false },
        ];
    await tx.collection('memberReports').add({ data: report });
    await tx
      .collection('users')
      .doc(ctx.openid)
      .update({
        data: {
          roles: ctx.db.command.set(roles),
          member: ctx.db.command.set({
            ...(current.member ?? {}),
            unitId: unit._id,
            partyBranch: input.partyBranch,
            joinedAt: input.joinedAt,
          }),
          pendingReport: ctx.db.command.set({
            id: report._id,
            communityId: community._id,
            communityName: community.name,
            createdAt: ctx.now,
          }),
          updatedAt: ctx.now,
        },
      });
  });
  return toReportView(report, true);
}

export async function myReports(_input: Record<string, never>, ctx: CallContext): Promise<MemberReportView[]> {
  const { data } = await ctx.db
    .collection('memberReports')
    .where({ openid: ctx.openid })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get<MemberReportDoc>();
  return data.map((r) => toReportView(r, true));
}

/**
 * 报到审核: the reports to the secretary's community by status, narrowed by the words searched —
 * the member's name and unit in part, a whole mobile number their phone (only whole) — in the
 * one query.
 */
export async function reportQueue(
  input: { status: ReportStatus; q?: string },
  ctx: CallContext,
): Promise<MemberReportView[]> {
  const communities = scopeIds(ctx.user, 'secretary');
  const _ = ctx.db.command;
  const search = everyWordIn(ctx.db, ['name', 'unitName'], input.q, 'phone');
  const { data } = await ctx.db
    .collection('memberReports')
    .where(narrowed(ctx.db, { communityId: _.in(communities), status: input.status }, search))
    .orderBy('createdAt', input.status === 'pending' ? 'asc' : 'desc')
    .limit(200)
    .get<MemberReportDoc>();
  return data.map((r) => toReportView(r, true));
}

/** The audit entry of a report's review: the member and their unit, in the community's scope (the seed's too). */
export function reportAudit(
  r: Pick<MemberReportDoc, '_id' | 'name' | 'unitName' | 'communityId' | 'unitId'>,
  decision: 'verify' | 'reject',
  reason: string | null,
): AuditInput {
  return {
    kind: 'report',
    action: decision,
    entity: 'memberReports',
    entityId: r._id,
    label: `${r.name}（${r.unitName}）`,
    summary: reason ?? '',
    scope: { communityId: r.communityId, unitId: r.unitId },
  };
}

export async function reviewReport(
  input: { reportId: string; decision: 'verify' | 'reject'; reason?: string },
  ctx: CallContext,
): Promise<MemberReportView> {
  const _ = ctx.db.command;
  return inTransaction(ctx, async (tx) => {
    const report = await txGet<MemberReportDoc>(tx, 'memberReports', input.reportId);
    if (!report) throw notFound('报到申请不存在');
    requireScope(ctx.user, ['secretary'], { communityId: report.communityId }, '只能审核本社区的报到申请');
    notOwn(ctx.openid, [report.openid], 'reviewReport');
    if (report.status !== 'pending') throw conflict('该申请已处理');
    const member = await txGet<UserDoc>(tx, 'users', report.openid);
    if (!member) throw notFound('申请人不存在');

    const verify = input.decision === 'verify';
    const others = member.roles.filter((g) => g.role !== 'member');
    const previous = member.roles.find((g) => g.role === 'member' && g.verified);
    const roles: RoleGrant[] = verify
      ? [...others, { role: 'member', communityId: report.communityId, unitId: report.unitId, verified: true }]
      : previous
        ? member.roles // a rejected move keeps the community they were verified in
        : others;
    const reviewed: Partial<MemberReportDoc> = {
      status: verify ? 'verified' : 'rejected',
      reason: verify ? null : (input.reason ?? null),
      reviewedBy: ctx.openid,
      reviewedAt: ctx.now,
      updatedAt: ctx.now,
    };
    await Promise.all([
      tx.collection('memberReports').doc(report._id).update({ data: reviewed }),
      audit(ctx, reportAudit(report, input.decision, verify ? null : (input.reason ?? null)), tx),
    ]);
    if (verify) {
      const prev = previous && previous.role === 'member' ? previous : null;
      await moveReported(tx, prev, { communityId: report.communityId, unitId: report.unitId }, ctx.now);
    }
    const previousReportId = member.member?.verifiedReportId;
    if (verify && previousReportId && previousReportId !== report._id) {
      await tx
        .collection('memberReports')
        .doc(previousReportId)
        .update({ data: { status: 'superseded', updatedAt: ctx.now } });
    }
    await tx
      .collection('users')
      .doc(member._id)
      .update({
        data: {
          roles: _.set(roles),
          pendingReport: _.set(null),
          ...(verify ? { 'member.verifiedReportId': report._id } : {}),
          updatedAt: ctx.now,
        },
      });
    return toReportView({ ...report, ...reviewed } as MemberReportDoc, true);
  });
}
