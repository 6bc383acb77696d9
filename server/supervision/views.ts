/**
 * The 督导 reads: the county's table of a scope (`ranking`) and one body's report (`report`),
 * both scored at read time from `supervisionTallies` by the quarter's rules — pure arithmetic over
 * at most 80 documents, so changing how a figure scores never needs a rewrite of the counts.
 */
import type {
  SupervisionCell,
  SupervisionColumn,
  SupervisionGap,
  SupervisionHalfRow,
  SupervisionHalfYearView,
  SupervisionRankingView,
  SupervisionReportView,
  SupervisionRow,
} from '../../contract/functions/supervision';
import { halfQuarters, parseQuarter, previousQuarter, quarterWords } from '../../contract/quarters';
import { SIX_ONES_ITEMS, SIX_ONES_SHORT } from '../../contract/sixOnes';
import {
  BAND_ORDER,
  goalText,
  indicatorsOf,
  type Band,
  type IndicatorKey,
  type ScopeRules,
  type SupervisionRules,
  type SupervisionScope,
} from '../../contract/supervision';
import { isCountyAdmin, scopeIds } from '../platform/authorize';
import { forbidden, invalidInput, notFound } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { getById } from '../platform/read';
import { toIso } from '../platform/time';
import { SUPERVISION_REPORTS, type SupervisionReportDoc } from './reports';
import { againstRule } from './bulletin';
import type { SupervisionRaw } from './indicators';
import { rulesOfQuarter } from './rules';
import { bandOf, change, rank, scoreRow, type RowScore } from './scoring';
import { round } from './indicators';
import { quarterAt } from './sources';
import { quarterTallies, refreshSupervision, type SupervisionTallyDoc } from './tallies';

/**
 * A scope's documents of `quarters`. The quarters the job keeps (the current one and the one
 * before) are counted here first when the job has not yet written them — a quarter's first
 * minutes, a fresh deployment — so the figures are there from the first look, never an empty
 * table; it costs that one call the job's reads and writes.
 */
async function tallies(ctx: CallContext, quarters: string[], scope: SupervisionScope): Promise<SupervisionTallyDoc[]> {
  const docs = await quarterTallies(ctx.db, quarters, scope);
  const current = quarterAt(ctx.now);
  const kept = [current, previousQuarter(current)].filter((q) => quarters.includes(q));
  if (kept.every((q) => docs.some((d) => d.quarter === q))) return docs;
  await refreshSupervision(ctx);
  return quarterTallies(ctx.db, quarters, scope);
}

const columnsOf = (scope: SupervisionScope, rules: ScopeRules): SupervisionColumn[] =>
  indicatorsOf(scope).map((spec) => ({
    key: spec.key as IndicatorKey,
    label: spec.label,
    unit: spec.unit,
    better: spec.better,
    weight: rules.indicators[spec.key as IndicatorKey]?.weight ?? 0,
    goal: rules.indicators[spec.key as IndicatorKey] ? goalText(spec, rules.indicators[spec.key as IndicatorKey]!) : '',
  }));

/** A document scored, with its change since the previous quarter's (scored by that quarter's rules). */
function rowOf(
  doc: SupervisionTallyDoc,
  rules: SupervisionRules,
  previous: { doc: SupervisionTallyDoc; rules: SupervisionRules } | null,
): SupervisionRow & { score: RowScore } {
  const score = scoreRow(doc.raw, rules.scopes[doc.scope], doc.scope);
  const before = previous ? scoreRow(previous.doc.raw, previous.rules.scopes[doc.scope], doc.scope) : null;
  const diff = change(score, before);
  const cells: SupervisionCell[] = score.indicators.map((i) => ({
    key: i.key,
    value: i.value,
    score: i.score,
    weight: i.weight,
    met: i.met,
    shortfall: i.shortfall,
    change: diff.indicators[i.key]?.value ?? null,
    ...(i.details ? { details: i.details } : {}),
  }));
  return {
    scope: doc.scope,
    id: doc.scopeId,
    name: doc.name,
    total: score.total,
    band: score.band,
    rank: null,
    change: diff.total,
    cells,
    score,
  };
}

const latest = (docs: SupervisionTallyDoc[]) =>
  docs.reduce<Date | null>((t, d) => (t === null || new Date(d.updatedAt) > t ? new Date(d.updatedAt) : t), null);

/**
 * The county admin's table: the quarter's and the previous quarter's documents of the scope in
 * one request, the rules as the instance keeps them (one request when cold), the caller: ≤ 3.
 */
export async function ranking(
  input: { quarter?: string; scope: SupervisionScope },
  ctx: CallContext,
): Promise<SupervisionRankingView> {
  const quarter = input.quarter ?? quarterAt(ctx.now);
  const previous = previousQuarter(quarter);
  const [docs, rules, previousRules] = await Promise.all([
    tallies(ctx, [quarter, previous], input.scope),
    rulesOfQuarter(ctx.db, quarter),
    rulesOfQuarter(ctx.db, previous),
  ]);
  const now = docs.filter((d) => d.quarter === quarter);
  const before = new Map(docs.filter((d) => d.quarter === previous).map((d) => [d.scopeId, d]));
  const rows = rank(
    now.map((d) => {
      const p = before.get(d.scopeId);
      return rowOf(d, rules, p ? { doc: p, rules: previousRules } : null);
    }),
  ).map(({ score: _score, ...row }) => row);
  return {
    quarter,
    previous,
    scope: input.scope,
    rulesVersion: rules.version,
    frozen: now.some((d) => d.frozen),
    asOf: toIso(latest(now)),
    columns: columnsOf(input.scope, rules.scopes[input.scope]),
    rows: rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id)),
  };
}

/**
 * The county admin's half year of a scope: both quarters' documents in one request, each scored by
 * its own quarter's rules; the average of the totals a body has, banded by the second quarter's
 * rules (as the half-year summary to the leading group reads); ranked by the average. ≤ 3 requests.
 * A half year without figures (not begun, or before 督导) is an empty table, as `ranking`'s quarter is.
 */
export async function halfYear(
  input: { year: number; half: 1 | 2; scope: SupervisionScope },
  ctx: CallContext,
): Promise<SupervisionHalfYearView> {
  const quarters = halfQuarters(input.year, input.half);
  const [docs, ...rules] = await Promise.all([
    tallies(ctx, quarters, input.scope),
    ...quarters.map((q) => rulesOfQuarter(ctx.db, q)),
  ]);
  const byId = new Map<string, SupervisionTallyDoc[]>();
  for (const d of docs) byId.set(d.scopeId, [...(byId.get(d.scopeId) ?? []), d]);
  const rows = [...byId.values()].map((mine): Omit<SupervisionHalfRow, 'rank'> & { total: number | null } => {
    const scored = quarters.map((quarter, i) => {
      const doc = mine.find((d) => d.quarter === quarter);
      const score = doc ? scoreRow(doc.raw, rules[i].scopes[input.scope], input.scope) : null;
      return { quarter, total: score?.total ?? null, band: score?.band ?? null };
    });
    const totals = scored.map((q) => q.total).filter((t): t is number => t !== null);
    const average = totals.length ? round(totals.reduce((a, b) => a + b, 0) / totals.length, 1) : null;
    // The later quarter's name (a body renamed in between reads as it is now).
    const named = mine.find((d) => d.quarter === quarters[1]) ?? mine[0];
    return {
      scope: input.scope,
      id: named.scopeId,
      name: named.name,
      quarters: scored,
      average,
      band: bandOf(average, rules[1].scopes[input.scope].bands),
      total: average,
    };
  });
  return {
    year: input.year,
    half: input.half,
    quarters,
    scope: input.scope,
    rulesVersion: rules[1].version,
    rows: rank(rows)
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id))
      .map(({ total: _total, ...row }) => row),
  };
}

/** Which body the caller asks for, and whether they may: the county admin any; staff their own. */
function subjectOf(
  input: { scope?: SupervisionScope; id?: string },
  ctx: CallContext,
): { scope: SupervisionScope; id: string } {
  const own: Array<{ scope: SupervisionScope; id: string }> = [
    ...scopeIds(ctx.user, 'secretary').map((id) => ({ scope: 'community' as const, id })),
    ...scopeIds(ctx.user, 'unitAdmin').map((id) => ({ scope: 'unit' as const, id })),
    ...scopeIds(ctx.user, 'department').map((id) => ({ scope: 'department' as const, id })),
  ];
  if (input.id === undefined) {
    const mine = own.find((o) => !input.scope || o.scope === input.scope);
    if (!mine) throw invalidInput('请指定要查看的社区、单位或部门', [{ path: 'id', message: '请选择要查看的对象' }]);
    return mine;
  }
  const scope = input.scope ?? 'community';
  if (!isCountyAdmin(ctx.user) && !own.some((o) => o.scope === scope && o.id === input.id))
    throw forbidden('只能查看本社区（单位、部门）的督导情况');
  return { scope, id: input.id };
}

/** Four quarters back from `quarter`, oldest first. */
const lastFour = (quarter: string) => {
  const out = [quarter];
  while (out.length < 4) out.unshift(previousQuarter(out[0]));
  return out;
};

/**
 * One body's report: its documents of the last four quarters in one request (its row, change and
 * trend), the scope's documents of the quarter for the band counts in the same read, the rules.
 */
export async function report(
  input: { quarter?: string; scope?: SupervisionScope; id?: string },
  ctx: CallContext,
): Promise<SupervisionReportView> {
  const subject = subjectOf(input, ctx);
  const quarter = input.quarter ?? quarterAt(ctx.now);
  const quarters = lastFour(quarter);
  const [docs, reportDoc] = await Promise.all([
    tallies(ctx, quarters, subject.scope),
    getById<SupervisionReportDoc>(ctx.db, SUPERVISION_REPORTS, quarter),
  ]);
  // A closed quarter is the county's until it publishes the 通报.
  if (!isCountyAdmin(ctx.user) && reportDoc && reportDoc.status !== 'published')
    throw notFound(`${quarterWords(quarter)}的督导通报尚未发布`);
  const rulesOf = new Map(await Promise.all(quarters.map(async (q) => [q, await rulesOfQuarter(ctx.db, q)] as const)));
  const mine = new Map(docs.filter((d) => d.scopeId === subject.id).map((d) => [d.quarter, d]));
  const doc = mine.get(quarter);
  if (!doc) throw notFound('该季度暂无督导数据');
  const rules = rulesOf.get(quarter)!;
  const prevDoc = mine.get(previousQuarter(quarter));
  const row = rowOf(doc, rules, prevDoc ? { doc: prevDoc, rules: rulesOf.get(previousQuarter(quarter))! } : null);
  const bands = Object.fromEntries(BAND_ORDER.map((b) => [b, 0])) as Record<Band, number>;
  for (const d of docs.filter((x) => x.quarter === quarter)) {
    const band = scoreRow(d.raw, rules.scopes[subject.scope], subject.scope).band;
    if (band) bands[band]++;
  }
  const { score, ...shown } = row;
  return {
    quarter,
    rulesVersion: rules.version,
    frozen: doc.frozen,
    status: reportDoc?.status ?? 'open',
    asOf: toIso(doc.updatedAt),
    columns: columnsOf(subject.scope, rules.scopes[subject.scope]),
    row: shown,
    trend: quarters
      .filter((q) => mine.has(q))
      .map((q) => {
        const s = scoreRow(mine.get(q)!.raw, rulesOf.get(q)!.scopes[subject.scope], subject.scope);
        return {
          quarter: q,
          total: s.total,
          band: s.band,
          values: Object.fromEntries(s.indicators.map((i) => [i.key, i.value])),
        };
      }),
    gaps: gapsOf(parseQuarter(quarter)!.year, subject, doc.raw, score, rules.scopes[subject.scope]),
    bands,
  };
}

/** What is behind: each indicator short of its rule, in words, counted, with the page that lists it. */
export function gapsOf(
  year: number,
  subject: { scope: SupervisionScope; id: string },
  raw: SupervisionRaw,
  score: RowScore,
  rules: ScopeRules,
): SupervisionGap[] {
  const { scope, id } = subject;
  const tally = `packages/staff/pages/six-ones-tally/index?scope=${scope}&scopeId=${id}`;
  const metrics = `packages/staff/pages/case-metrics/index?scope=${scope}&scopeId=${id}`;
  const out: SupervisionGap[] = [];
  for (const cell of score.indicators) {
    if (cell.met || cell.value === null || cell.weight <= 0) continue;
    const rule = rules.indicators[cell.key]!;
    const c = raw.cases;
    const items: string[] = [];
    let page: string | null = null;
    switch (cell.key) {
      case 'dualReport':
        if (raw.headcount !== null) items.push(`${Math.max(0, raw.headcount - raw.reported)} 名在职党员未报到`);
        page = scope === 'unit' ? null : tally;
        break;
      case 'sixOnesComplete':
        for (const item of SIX_ONES_ITEMS) {
          const missing = raw.reported - raw.itemsDone[item];
          if (missing > 0) items.push(`${missing} 名党员未完成${SIX_ONES_SHORT[item]}`);
        }
        page = scope === 'department' ? null : tally;
        break;
      case 'volunteerHours':
        page = tally;
        break;
      case 'responseRate':
        items.push(`${c.responseDue - c.respondedOnTime} 件诉求未按时响应`);
        page = metrics;
        break;
      case 'resolutionRate':
        items.push(`${c.submitted - c.withdrawn - c.resolved} 件诉求未办结`);
        page = metrics;
        break;
      case 'satisfactionRate':
        items.push(`${c.rated - c.satisfied} 件诉求群众不满意`);
        page = metrics;
        break;
      case 'whistleRate':
      case 'departmentPraise':
        page = metrics;
        break;
      case 'onTimeReportRate':
        items.push(`${c.reportInDue - c.reportedOnTime} 次吹哨未按时报到`);
        page = metrics;
        break;
      case 'meetingsHeld':
        if (raw.meetingsHeld === 0) items.push('本季度未召开联席会议');
        page = `packages/cobuild/pages/meetings/index?communityId=${id}`;
        break;
      case 'chairMonths':
        items.push(`${raw.chairMonthsSet - raw.chairMonthsHeld} 个月轮值主席未策划活动`);
        page = `packages/cobuild/pages/rota/index?communityId=${id}`;
        break;
      case 'projectsDone':
        items.push(`${raw.projects.planned + raw.projects.active} 个共建项目未完成`);
        page = scope === 'community' ? `packages/cobuild/pages/projects/index?communityId=${id}&year=${year}` : null;
        break;
      case 'propertySatisfaction':
        // The companies' page is the county's and the liaisons': no list for a secretary to open.
        items.push(`${raw.propertyRatings.unsatisfied} 位居民对物业服务不满意`);
        break;
      default:
        break;
    }
    out.push({ key: cell.key, text: againstRule(cell, rule), items, page });
  }
  return out;
}
