/**
 * 督导 scoring (PRODUCT.md "County supervision"), pure: a scope's counts and its rules give each
 * indicator's figure and points, the total and the band; the versions give the rules of a
 * quarter; rows give ranks and the change since the previous quarter.
 *
 * An indicator meeting its rule earns its weight; short of it, `deduction` points per unit of
 * shortfall come off, never below `floor`. An indicator without a figure (无数据) is left out of
 * both sides: total = Σ points / Σ weights of the indicators with a figure × 100, so a community
 * is not marked down for having, say, no complaints in the quarter.
 */
import {
  indicatorsOf,
  type Band,
  type IndicatorKey,
  type ScopeRules,
  type SupervisionRules,
  type SupervisionScope,
} from '../../contract/supervision';
import { MEASURES, round, shortfallOf, type IndicatorDetail, type SupervisionRaw } from './indicators';

export interface IndicatorScore {
  key: IndicatorKey;
  /** The figure; null: nothing to measure (shown as 无数据, not scored). */
  value: number | null;
  /** Points earned (0 … weight, to two decimals); null without a figure. */
  score: number | null;
  weight: number;
  /** How far from the rule, in the indicator's unit; 0 when met, null without a figure. */
  shortfall: number | null;
  /** Whether it meets its rule (false without a figure). */
  met: boolean;
  /** The six items' shares with 六个一完成率. */
  details?: IndicatorDetail[];
}

export interface RowScore {
  indicators: IndicatorScore[];
  /** 0–100 to one decimal; null when no indicator has a figure (or those that do weigh nothing). */
  total: number | null;
  band: Band | null;
}

export function bandOf(total: number | null, bands: ScopeRules['bands']): Band | null {
  if (total === null) return null;
  return total >= bands.good ? 'good' : total >= bands.watch ? 'watch' : 'behind';
}

/** One scope's quarter scored by its rules (validated rules: every indicator of the scope has one). */
export function scoreRow(raw: SupervisionRaw, rules: ScopeRules, scope: SupervisionScope): RowScore {
  let points = 0;
  let weights = 0;
  const indicators = indicatorsOf(scope).map((spec): IndicatorScore => {
    const key = spec.key as IndicatorKey;
    const rule = rules.indicators[key];
    if (!rule) throw new Error(`no rule for ${key} (${scope})`);
    const measure = MEASURES[key];
    const value = measure.figure(raw);
    const details = measure.details ? { details: measure.details(raw) } : {};
    if (value === null)
      return { key, value, score: null, weight: rule.weight, shortfall: null, met: false, ...details };
    const shortfall = shortfallOf(spec, value, rule);
    const score = round(Math.max(rule.floor, rule.weight - rule.deduction * shortfall), 2);
    points += score;
    weights += rule.weight;
    return { key, value, score, weight: rule.weight, shortfall, met: shortfall === 0, ...details };
  });
  const total = weights > 0 ? round((points / weights) * 100, 1) : null;
  return { indicators, total, band: bandOf(total, rules.bands) };
}

/** The rules a quarter is scored by: the latest version effective by then; null before the first. */
export function rulesFor(quarter: string, versions: readonly SupervisionRules[]): SupervisionRules | null {
  let best: SupervisionRules | null = null;
  for (const v of versions)
    if (
      v.effectiveFrom <= quarter &&
      (!best ||
        v.effectiveFrom > best.effectiveFrom ||
        (v.effectiveFrom === best.effectiveFrom && v.version > best.version))
    )
      best = v;
  return best;
}

/**
 * Rows in ranking order with their rank: by total, highest first; equal totals share a rank and
 * the next total takes the next one (1, 1, 2); rows without a total last, unranked.
 */
export function rank<T extends { total: number | null }>(rows: readonly T[]): Array<T & { rank: number | null }> {
  const sorted = [...rows].sort((a, b) =>
    a.total === null ? (b.total === null ? 0 : 1) : b.total === null ? -1 : b.total - a.total,
  );
  let current = 0;
  let last: number | null = null;
  return sorted.map((row) => {
    if (row.total === null) return { ...row, rank: null };
    if (row.total !== last) {
      current += 1;
      last = row.total;
    }
    return { ...row, rank: current };
  });
}

export interface CellChange {
  /** This quarter's figure minus the previous one's; null when either has none. */
  value: number | null;
  score: number | null;
}

/** The change of each cell since the previous quarter (none at all without a previous row). */
export function change(
  row: RowScore,
  previous: RowScore | null,
): { total: number | null; indicators: Partial<Record<IndicatorKey, CellChange>> } {
  const diff = (a: number | null | undefined, b: number | null | undefined, places: number) =>
    a === null || a === undefined || b === null || b === undefined ? null : round(a - b, places);
  const indicators: Partial<Record<IndicatorKey, CellChange>> = {};
  for (const cell of row.indicators) {
    const before = previous?.indicators.find((i) => i.key === cell.key);
    indicators[cell.key] = { value: diff(cell.value, before?.value, 1), score: diff(cell.score, before?.score, 2) };
  }
  return { total: diff(row.total, previous?.total, 1), indicators };
}
