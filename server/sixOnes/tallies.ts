import type { CountyOverview, MemberYearView, ProgressPage, TallyView } from '../../contract/functions/sixOnes';
import { SIX_ONES_ITEMS, VOLUNTEER_DAY_MINUTES, type SixOnesItem } from '../../contract/sixOnes';
import type { MemberReportDoc } from '../accounts/model';
import { grantsFor, isCountyAdmin, scopeIds } from '../platform/authorize';
import { forbidden, invalidInput } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { localYear } from '../platform/time';
import type { MemberYearDoc, RecordDoc, ReportedDoc, TallyDoc } from './credit';
import { addDone, memberYearId, recompute, reportedId, SHARDS, sumShards, tallyId } from './credit';
import { toRecordViews } from './records';

const PAGE = 20;
const zeroes = () => Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, 0])) as Record<SixOnesItem, number>;

/**
 * 我的六个一 in two database requests (the caller, their records of the year): done is worked
 * out from the approved records with the same rules as the counters.
 */
export async function myYear(input: { year?: number }, ctx: CallContext): Promise<MemberYearView> {
  const year = input.year ?? localYear(ctx.now);
  const { data } = await ctx.db
    .collection('records')
    .where({ openid: ctx.openid, year })
    .orderBy('createdAt', 'desc')
    .limit(1000)
    .get<RecordDoc>();
  const approved = data.filter((r) => r.status === 'approved');
  const [mine] = recompute(approved, ctx.now).years;
  const views = await toRecordViews(data, ctx);
  return {
    year,
    doneCount: mine?.doneCount ?? 0,
    volunteerMinutes: mine?.volunteerMinutes ?? 0,
    volunteerTarget: VOLUNTEER_DAY_MINUTES,
    items: SIX_ONES_ITEMS.map((item) => ({
      item,
      done: mine?.done[item] ?? false,
      records: views.filter((v) => v.item === item),
    })),
    pendingCount: data.filter((r) => r.status !== 'approved').length,
    pairings: data
      .filter((r) => r.kind === 'pairing' && r.status !== 'rejected')
      .map((r) => ({ id: r._id, title: r.title })),
  };
}

function toTallyView(
  scope: TallyView['scope'],
  scopeId: string,
  year: number,
  tally: TallyDoc | undefined,
  reported: ReportedDoc | undefined,
): TallyView {
  const members = reported?.reported ?? 0;
  // Those with something done are counted; the reported members without are the rest.
  const byDone = addDone(tally?.byDone, []);
  byDone[0] = Math.max(0, members - byDone.reduce((a, b) => a + b, 0));
  return {
    scope,
    scopeId,
    year,
    reported: members,
    complete: tally?.complete ?? 0,
    itemsDone: { ...zeroes(), ...(tally?.itemsDone ?? {}) },
    byDone,
    volunteerHours: Math.round(((tally?.volunteerMinutes ?? 0) / 60) * 10) / 10,
  };
}

/** Which scope the caller asks for, checked: a secretary their community, a unit admin their unit, the county admin any. */
function resolveScope(
  ctx: CallContext,
  scope: 'county' | 'community' | 'unit',
  scopeId: string | undefined,
): { scope: TallyView['scope']; scopeId: string } {
  if (scope === 'county') {
    if (!isCountyAdmin(ctx.user)) throw forbidden('只有党工委可以查看全县统计');
    return { scope, scopeId: 'county' };
  }
  const own = scopeIds(ctx.user, scope === 'community' ? 'secretary' : 'unitAdmin');
  const id = scopeId ?? own[0];
  if (!id)
    throw invalidInput(scope === 'community' ? '请指定社区' : '请指定单位', [{ path: 'scopeId', message: '必填' }]);
  const target = scope === 'community' ? { communityId: id } : { unitId: id };
  if (grantsFor(ctx.user, ['secretary', 'unitAdmin', 'countyAdmin'], target).length === 0)
    throw forbidden('超出您的管辖范围');
  return { scope, scopeId: id };
}

/** One scope's tally: the shards of its two counters in one request, summed. */
export async function tally(
  input: { scope: 'county' | 'community' | 'unit'; scopeId?: string; year?: number },
  ctx: CallContext,
): Promise<TallyView> {
  const { scope, scopeId } = resolveScope(ctx, input.scope, input.scopeId);
  const year = input.year ?? localYear(ctx.now);
  const _ = ctx.db.command;
  const bases = [tallyId(scope, scopeId, year), reportedId(scope, scopeId)];
  const { data } = await ctx.db
    .collection('tallies')
    .where({ base: _.in(bases) })
    .limit(2 * SHARDS[scope])
    .get<TallyDoc | ReportedDoc>();
  const summed = sumShards(data);
  const t = summed.find((d): d is TallyDoc => d.kind === 'year');
  const r = summed.find((d): d is ReportedDoc => d.kind === 'reported');
  return toTallyView(scope, scopeId, year, t, r);
}

/**
 * The county admin's overview: every scope's counters of the year, their shards summed — the
 * year's tallies and the reported counters in one request each (each at most 608 shards: 64 for
 * the county, 16 per community, 8 per unit).
 */
export async function overview(input: { year?: number }, ctx: CallContext): Promise<CountyOverview> {
  const year = input.year ?? localYear(ctx.now);
  const read = (where: Record<string, unknown>) =>
    ctx.db.collection('tallies').where(where).limit(1000).get<TallyDoc | ReportedDoc>();
  const [years, reports] = await Promise.all([read({ kind: 'year', year }), read({ kind: 'reported' })]);
  const data = sumShards([...years.data, ...reports.data]);
  const tallies = new Map<string, TallyDoc>();
  const reported = new Map<string, ReportedDoc>();
  for (const d of data) {
    if (d.kind === 'year') tallies.set(`${d.scope}:${d.scopeId}`, d);
    else reported.set(`${d.scope}:${d.scopeId}`, d);
  }
  const keys = (scope: 'community' | 'unit') =>
    [
      ...new Set([...tallies.values(), ...reported.values()].filter((d) => d.scope === scope).map((d) => d.scopeId)),
    ].sort();
  const view = (scope: TallyView['scope'], id: string) =>
    toTallyView(scope, id, year, tallies.get(`${scope}:${id}`), reported.get(`${scope}:${id}`));
  return {
    year,
    county: view('county', 'county'),
    communities: keys('community').map((id) => view('community', id)),
    units: keys('unit').map((id) => view('unit', id)),
  };
}

/**
 * Who is missing what: the scope's currently reported members by name (their verified reports,
 * one request), with their member-year counters (one request by ids).
 */
export async function progress(
  input: { scope: 'community' | 'unit'; scopeId?: string; year?: number; from: number },
  ctx: CallContext,
): Promise<ProgressPage> {
  const { scope, scopeId } = resolveScope(ctx, input.scope, input.scopeId);
  const year = input.year ?? localYear(ctx.now);
  const _ = ctx.db.command;
  const { data: reports } = await ctx.db
    .collection('memberReports')
    .where(
      scope === 'community' ? { communityId: scopeId, status: 'verified' } : { unitId: scopeId, status: 'verified' },
    )
    .orderBy('name', 'asc')
    .orderBy('openid', 'asc') // names repeat: a stable order for paging
    .skip(input.from)
    .limit(PAGE + 1)
    .get<MemberReportDoc>();
  const page = reports.slice(0, PAGE);
  const years = new Map<string, MemberYearDoc>();
  if (page.length > 0) {
    const { data } = await ctx.db
      .collection('sixOnes')
      .where({ _id: _.in(page.map((r) => memberYearId(r.openid, year))) })
      .limit(PAGE)
      .get<MemberYearDoc>();
    for (const d of data) years.set(d.openid, d);
  }
  return {
    items: page.map((r) => {
      const y = years.get(r.openid);
      const done = Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, y?.done[i] ?? false])) as Record<
        SixOnesItem,
        boolean
      >;
      return {
        openid: r.openid,
        name: r.name,
        unitName: r.unitName,
        communityName: r.communityName,
        doneCount: y?.doneCount ?? 0,
        done,
        missing: SIX_ONES_ITEMS.filter((i) => !done[i]),
        volunteerMinutes: y?.volunteerMinutes ?? 0,
      };
    }),
    next: reports.length > PAGE ? input.from + PAGE : null,
  };
}
