import type { MemberView } from '../../contract/functions/account';
import { byPinyin } from '../../contract/collate';
import { requireScope, scopeIds } from '../platform/authorize';
import { invalidInput } from '../platform/errors';
import type { CallContext } from '../platform/router';
import type { MemberReportDoc } from './model';

/** The scope id an action works on: the one named (if in scope), else the caller's own. */
function pick(ctx: CallContext, role: 'secretary' | 'unitAdmin', named: string | undefined, what: string): string {
  if (named) {
    const target = role === 'secretary' ? { communityId: named } : { unitId: named };
    requireScope(ctx.user, [role, 'countyAdmin'], target);
    return named;
  }
  const own = scopeIds(ctx.user, role)[0];
  if (own) return own;
  throw invalidInput(`请选择${what}`); // a county admin names the one they want
}

function toMemberView(r: MemberReportDoc): MemberView {
  return {
    openid: r.openid,
    name: r.name,
    phone: r.phone,
    unit: { id: r.unitId, name: r.unitName },
    community: { id: r.communityId, name: r.communityName },
    status: r.status === 'verified' ? 'verified' : 'pending',
    partyBranch: r.partyBranch,
  };
}

/** Verified members of a community, from their verified reports (names copied in): one read. */
export async function communityMembers(input: { communityId?: string }, ctx: CallContext): Promise<MemberView[]> {
  const communityId = pick(ctx, 'secretary', input.communityId, '社区');
  const { data } = await ctx.db
    .collection('memberReports')
    .where({ communityId, status: 'verified' })
    .orderBy('unitId', 'asc')
    .limit(1000)
    .get<MemberReportDoc>();
  // Within a unit, by name as people look names up (pinyin).
  return data.map(toMemberView).sort((a, b) => byPinyin(a.unit.name, b.unit.name) || byPinyin(a.name, b.name));
}

/**
 * A unit's members — the feedback the county sends to employers: for each member, the
 * community they are verified in, or their pending report. One read. Those still waiting for
 * the community's verification come first, the longest waiting first (the unit admin's to-do
 * 本单位待审核报到 opens this list), then the rest by name (pinyin).
 */
export async function unitMembers(input: { unitId?: string }, ctx: CallContext): Promise<MemberView[]> {
  const unitId = pick(ctx, 'unitAdmin', input.unitId, '单位');
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('memberReports')
    .where({ unitId, status: _.in(['verified', 'pending']) })
    .orderBy('createdAt', 'asc')
    .limit(1000)
    .get<MemberReportDoc>();
  const byMember = new Map<string, { view: MemberView; since: number }>();
  for (const r of data) {
    const seen = byMember.get(r.openid);
    // A verified report wins over a pending move; a later verified one over an earlier.
    if (!seen || r.status === 'verified' || seen.view.status !== 'verified')
      byMember.set(r.openid, { view: toMemberView(r), since: new Date(r.createdAt).getTime() });
  }
  const waiting = (m: MemberView) => Number(m.status === 'pending');
  return [...byMember.values()]
    .sort(
      (a, b) =>
        waiting(b.view) - waiting(a.view) ||
        (waiting(a.view) ? a.since - b.since : 0) ||
        byPinyin(a.view.name, b.view.name),
    )
    .map((m) => m.view);
}
