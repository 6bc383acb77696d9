import type { MetricsTrendView, MetricsView, Rates } from '../../contract/functions/complaint';
import {
  DEPARTMENT_GRADES,
  MEASURE_COUNTS,
  SCOPE_MEASURES,
  type DepartmentGrade,
  type MetricMeasure,
} from '../../contract/caseLabels';
import { grantsFor, isCountyAdmin } from '../platform/authorize';
import { forbidden, invalidInput, isDuplicate } from '../platform/errors';
import type { CallContext } from '../platform/router';
import { local, TZ } from '../platform/time';
import dayjs from 'dayjs';
import type { CaseDoc } from './model';
import { deploymentKey } from '../platform/cloud';
import { getById } from '../platform/read';

/**
 * The complaint metrics are counters, never scans: one document per scope and month
 * (`grid-c01-g01-202611`, `community-c01-202611`, `department-d01-202611`,
 * `county-county-202611`), moved by conditional increments when a case passes a counted step.
 * A case counts in the month it was submitted (its cohort), so a month's rates are exact about
 * the cases of that month whenever they are read; a quarter or a year adds up 3 or 12 documents.
 *
 * The on-time rates count only what is due. `responseDue` moves when a case is answered (unless
 * already counted) or when its response deadline passes unanswered (the scheduler: escalating a
 * grid case, flagging a case without a grid, `counted.respondOverdue`); `reportInDue` when a
 * department reports in (unless already flagged late) or when the scheduler flags it late. So a
 * case or whistle still inside its deadline and not yet handled is in neither numerator nor
 * denominator, and each counts due exactly once.
 */
export const COUNTERS = [
  'submitted',
  'withdrawn',
  'respondedOnTime',
  'responseDue',
  'resolved',
  'rated',
  'satisfied',
  'communityLevel',
  'whistled',
  'whistlesReceived',
  'reportInDue',
  'reportedOnTime',
  ...DEPARTMENT_GRADES.map((g) => `grade_${g}` as const),
] as const;
export type Counter = (typeof COUNTERS)[number];
export type CounterDoc = { _id: string; scope: MetricsView['scope']; scopeId: string; month: string } & Record<
  Counter,
  number
>;

export const counterId = (scope: MetricsView['scope'], scopeId: string, month: string) =>
  `${scope}-${scopeId}-${month}`;

/** The case's own scopes: its grid (if any), its community, the county. */
export function caseScopes(c: Pick<CaseDoc, 'gridId' | 'communityId' | 'month'>): string[] {
  return [
    ...(c.gridId ? [counterId('grid', c.gridId, c.month)] : []),
    counterId('community', c.communityId, c.month),
    counterId('county', 'county', c.month),
  ];
}
export const departmentScope = (departmentId: string, month: string) => counterId('department', departmentId, month);

function emptyCounter(id: string): CounterDoc {
  const m = /^(grid|community|department|county)-(.+)-(\d{6})$/.exec(id)!;
  return {
    _id: id,
    scope: m[1] as CounterDoc['scope'],
    scopeId: m[2],
    month: m[3],
    ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>),
  };
}

/** Counter documents this instance has seen exist, per deployment: they are never removed by the app. */
const known = new Set<string>();

/**
 * Creates those of the counter documents `ids` that do not exist yet (two requests at most; a
 * concurrent creation is a duplicate, ignored); answers the ids that existed. A case's own
 * counters are made when it is submitted and its departments' when it is whistled, before the
 * first increment: two first events of a month at once would otherwise lose one (`bump` below
 * cannot tell which documents its first request moved once another call creates one meanwhile).
 * Ids this instance has made or seen already cost nothing (a month's first case in a scope pays).
 */
export async function ensureCounters(ctx: CallContext, ids: string[]): Promise<Set<string>> {
  const deployment = deploymentKey();
  if (ids.every((id) => known.has(`${deployment}|${id}`))) return new Set(ids);
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('caseMetrics')
    .where({ _id: _.in(ids) })
    .field({ _id: true })
    .get<{ _id: string }>();
  const existing = new Set(data.map((d) => d._id));
  for (const id of ids.filter((i) => !existing.has(i))) {
    try {
      const { _id, ...rest } = emptyCounter(id);
      await ctx.db.collection('caseMetrics').add({ data: { _id, ...rest } });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }
  for (const id of ids) known.add(`${deployment}|${id}`);
  return existing;
}

/**
 * Adds `by` to `field` (or each of several fields its amount) of the counter documents `ids` in
 * one request (they exist: see ensureCounters). A missing one (removed by hand, or the database
 * reset under a warm instance) is created and moved after; the repair job settles the rare
 * increment lost that way (server/repair).
 */
export async function bump(
  ctx: CallContext,
  ids: string[],
  field: Counter | Partial<Record<Counter, number>>,
  by = 1,
): Promise<void> {
  if (ids.length === 0) return;
  const _ = ctx.db.command;
  const moves = typeof field === 'string' ? { [field]: by } : field;
  const inc = Object.fromEntries(Object.entries(moves).map(([f, n]) => [f, _.inc(n as number)]));
  const { stats } = await ctx.db
    .collection('caseMetrics')
    .where({ _id: _.in(ids) })
    .update({ data: inc });
  if (stats.updated === ids.length) return;
  const existing = await ensureCounters(ctx, ids);
  const missing = ids.filter((id) => !existing.has(id));
  // The ones that existed were incremented by the first request; now the new ones.
  const { stats: second } = await ctx.db
    .collection('caseMetrics')
    .where({ _id: _.in(missing) })
    .update({ data: inc });
  if (second.updated !== missing.length) throw new Error(`metric counters missing: ${missing.join(',')}`);
}

/** A share to four decimals (0.8571), null with nothing to measure: every rate of the metrics. */
export const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/** Every count and rate of the documents, whatever the scope (`scopeRates` keeps the scope's). */
export function ratesOf(docs: ReadonlyArray<Partial<Record<Counter, number>>>): Required<Rates> {
  const sum = (f: Counter) => docs.reduce((s, d) => s + (d[f] ?? 0), 0);
  const submitted = sum('submitted');
  const withdrawn = sum('withdrawn');
  return {
    submitted,
    withdrawn,
    respondedOnTime: sum('respondedOnTime'),
    responseDue: sum('responseDue'),
    resolved: sum('resolved'),
    rated: sum('rated'),
    satisfied: sum('satisfied'),
    communityLevel: sum('communityLevel'),
    whistled: sum('whistled'),
    whistlesReceived: sum('whistlesReceived'),
    reportInDue: sum('reportInDue'),
    reportedOnTime: sum('reportedOnTime'),
    departmentGrades: Object.fromEntries(DEPARTMENT_GRADES.map((g) => [g, sum(`grade_${g}`)])) as Record<
      DepartmentGrade,
      number
    >,
    responseRate: ratio(sum('respondedOnTime'), sum('responseDue')),
    resolutionRate: ratio(sum('resolved'), submitted - withdrawn),
    satisfactionRate: ratio(sum('satisfied'), sum('rated')),
    onTimeReportRate: ratio(sum('reportedOnTime'), sum('reportInDue')),
    whistleRate: ratio(sum('whistled'), sum('communityLevel')),
  };
}

/** The rates and counts of the measures `scope` has (SCOPE_MEASURES); the others are left out. */
export function scopeRates(all: Required<Rates>, scope: MetricsView['scope']): Rates {
  const out: Record<string, unknown> = {};
  for (const m of SCOPE_MEASURES[scope]) {
    if (m !== 'departmentGrades') out[m] = all[m];
    for (const k of MEASURE_COUNTS[m]) out[k] = all[k];
  }
  return out as Rates;
}

/** The months of a period, as `YYYYMM`, and its local start and end. */
export function periodMonths(kind: 'month' | 'quarter' | 'year', year: number, index: number) {
  const first = kind === 'year' ? 1 : kind === 'quarter' ? (index - 1) * 3 + 1 : index;
  const count = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  const months = Array.from({ length: count }, (_, i) => `${year}${String(first + i).padStart(2, '0')}`);
  const from = dayjs.tz(`${year}-${String(first).padStart(2, '0')}-01 00:00`, TZ);
  return { months, from: from.toISOString(), to: from.add(count, 'month').toISOString() };
}

async function resolveScope(
  ctx: CallContext,
  scope: MetricsView['scope'],
  scopeId: string | undefined,
): Promise<string> {
  if (scope === 'county') {
    if (!isCountyAdmin(ctx.user)) throw forbidden('只有党工委可以查看全县指标');
    return 'county';
  }
  const roles = ctx.user?.roles ?? [];
  let id = scopeId;
  if (!id) {
    for (const g of roles) {
      if (scope === 'grid' && g.role === 'gridWorker') id = g.gridIds[0];
      if (scope === 'community' && g.role === 'secretary') id = g.communityId;
      if (scope === 'department' && g.role === 'department') id = g.departmentId;
      if (id) break;
    }
  }
  if (!id) throw invalidInput('请指定范围', [{ path: 'scopeId', message: '必填' }]);
  let target: { gridId?: string; communityId?: string; departmentId?: string } =
    scope === 'community' ? { communityId: id } : scope === 'department' ? { departmentId: id } : { gridId: id };
  if (scope === 'grid' && grantsFor(ctx.user, ['gridWorker', 'countyAdmin'], target).length === 0) {
    // A secretary sees the grids of their community.
    const grid = await getById<{ communityId: string }>(ctx.db, 'grids', id);
    target = { gridId: id, communityId: grid?.communityId };
  }
  if (grantsFor(ctx.user, ['gridWorker', 'secretary', 'department', 'countyAdmin'], target).length === 0)
    throw forbidden('超出您的管辖范围');
  return id;
}

/**
 * A metrics view in two database requests (the caller, the period's counter documents); three
 * when a secretary looks at one of their grids.
 */
export async function metrics(
  input: {
    scope: MetricsView['scope'];
    scopeId?: string;
    period: 'month' | 'quarter' | 'year';
    year?: number;
    index?: number;
  },
  ctx: CallContext,
): Promise<MetricsView> {
  const scopeId = await resolveScope(ctx, input.scope, input.scopeId);
  const now = local(ctx.now);
  const year = input.year ?? now.year();
  const index =
    input.index ??
    (input.period === 'month' ? now.month() + 1 : input.period === 'quarter' ? Math.floor(now.month() / 3) + 1 : 1);
  const { months, from, to } = periodMonths(input.period, year, index);
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('caseMetrics')
    .where({ _id: _.in(months.map((m) => counterId(input.scope, scopeId, m))) })
    .limit(12)
    .get<CounterDoc>();
  const all = ratesOf(data);
  const measures: MetricMeasure[] = [...SCOPE_MEASURES[input.scope]];
  return {
    scope: input.scope,
    scopeId,
    period: { kind: input.period, year, index, from, to },
    measures,
    rates: scopeRates(all, input.scope),
    whistleBand:
      !measures.includes('whistleRate') || all.whistleRate === null
        ? null
        : all.whistleRate < 0.05
          ? 'low'
          : all.whistleRate > 0.4
            ? 'high'
            : 'normal',
  };
}

/** The 12 months ending at `year`/`month` (1–12), oldest first. */
export function trailingMonths(year: number, month: number): Array<{ year: number; month: number }> {
  const last = year * 12 + (month - 1);
  return Array.from({ length: 12 }, (_, i) => {
    const n = last - 11 + i;
    return { year: Math.floor(n / 12), month: (n % 12) + 1 };
  });
}

/**
 * The rates of one scope for each of the 12 months ending at the given month (default the
 * current one), each as `metrics` answers that month: the same scope check (`resolveScope`), the
 * 12 counter documents read by id in one request — two with the caller, three when a secretary
 * looks at one of their grids. A month without a document counts as all zero.
 */
export async function metricsTrend(
  input: { scope: MetricsView['scope']; scopeId?: string; year?: number; month?: number },
  ctx: CallContext,
): Promise<MetricsTrendView> {
  const scopeId = await resolveScope(ctx, input.scope, input.scopeId);
  const now = local(ctx.now);
  const months = trailingMonths(input.year ?? now.year(), input.month ?? now.month() + 1);
  const ids = months.map((m) => counterId(input.scope, scopeId, `${m.year}${String(m.month).padStart(2, '0')}`));
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection('caseMetrics')
    .where({ _id: _.in(ids) })
    .limit(12)
    .get<CounterDoc>();
  const byId = new Map(data.map((d) => [d._id, d]));
  return {
    scope: input.scope,
    scopeId,
    measures: [...SCOPE_MEASURES[input.scope]],
    months: months.map((m, i) => {
      const doc = byId.get(ids[i]);
      return { ...m, rates: scopeRates(ratesOf(doc ? [doc] : []), input.scope) };
    }),
  };
}

/**
 * The counters as the live steps leave them, worked out from the cases alone (the seed writes
 * these; a test compares them with the live counters).
 */
export function countersFrom(cases: CaseDoc[]): CounterDoc[] {
  const docs = new Map<string, CounterDoc>();
  const add = (ids: string[], field: Counter, n = 1) => {
    if (n === 0) return;
    for (const id of ids) {
      const doc = docs.get(id) ?? emptyCounter(id);
      doc[field] += n;
      docs.set(id, doc);
    }
  };
  for (const c of cases) {
    const own = caseScopes(c);
    add(own, 'submitted');
    if (c.status === 'withdrawn') add(own, 'withdrawn');
    // Due a response once answered or once its deadline passed unanswered (flagged by the scheduler).
    if (c.respondedAt || c.counted.respondOverdue) add(own, 'responseDue');
    if (c.respondedAt && new Date(c.respondedAt).getTime() <= new Date(c.respondBy).getTime())
      add(own, 'respondedOnTime');
    if (c.counted.resolved) add(own, 'resolved');
    if (c.status === 'closed' && c.rating && c.rating.grade !== '未评价') {
      add(own, 'rated');
      if (c.rating.grade !== '不满意') add(own, 'satisfied');
    }
    if (c.counted.communityLevel) add(own, 'communityLevel');
    if (c.whistle) {
      add(own, 'whistled');
      add(own, 'whistlesReceived', c.whistle.departments.length);
      for (const d of c.whistle.departments) {
        const dept = [departmentScope(d.departmentId, c.month)];
        add(dept, 'whistlesReceived');
        // Due to report in once reported in or flagged late (its deadline passed).
        if (d.reportedAt || d.late) {
          add(own, 'reportInDue');
          add(dept, 'reportInDue');
        }
        if (d.reportedAt && !d.late) {
          add(own, 'reportedOnTime');
          add(dept, 'reportedOnTime');
        }
      }
      const lead = c.whistle.departments.find((d) => d.role === 'lead');
      if (c.whistle.rating && lead)
        add([...own, departmentScope(lead.departmentId, c.month)], `grade_${c.whistle.rating}`);
    }
  }
  return [...docs.values()];
}
