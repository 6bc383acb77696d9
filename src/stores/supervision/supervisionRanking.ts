import '../configure';
import { makeAutoObservable } from 'mobx';
import type {
  SupervisionHalfYearView,
  SupervisionRankingView,
  SupervisionRow,
} from '../../../contract/functions/supervision';
import {
  halfOf,
  halfQuarters,
  nextQuarter,
  parseQuarter,
  previousQuarter,
  QUARTER_KEY,
} from '../../../contract/quarters';
import { SUPERVISION_SCOPES, type IndicatorKey, type SupervisionScope } from '../../../contract/supervision';
import { call } from '../../services/cloud';
import { quarterNow } from '../../utils/date';
import { Loadable } from '../loadable';

/** What the table is sorted by: the total (the ranking) or one indicator. */
export type SortKey = 'total' | IndicatorKey;

/** The first quarter there can be figures of (督导 started in 2026). */
export const FIRST_QUARTER = '2026Q1';

/** What the table is of: a quarter, or the half year holding it (supervision.halfYear). */
export type Period = 'quarter' | 'half';
export const PERIOD_LABELS: Record<Period, string> = { quarter: '按季度', half: '按半年' };

/**
 * 督导排名 (supervision.ranking): one scope's table for a quarter, stepping back and forth (never
 * past the current quarter), sorted by the total or by any indicator — the better end first, by
 * the indicator's direction; figures without data last. Or the half year holding the quarter
 * (supervision.halfYear): both quarters' totals and the average, stepping by half years.
 */
class SupervisionRankingStore {
  quarter = quarterNow();
  scope: SupervisionScope = 'community';
  sortKey: SortKey = 'total';
  /** True: the better end first. */
  bestFirst = true;
  period: Period = 'quarter';
  readonly view = new Loadable<SupervisionRankingView>(() =>
    call('supervision', 'ranking', { quarter: this.quarter, scope: this.scope }),
  );
  readonly halfView = new Loadable<SupervisionHalfYearView>(() =>
    call('supervision', 'halfYear', { ...this.half, scope: this.scope }),
  );

  constructor() {
    makeAutoObservable(this, { view: false, halfView: false }, { autoBind: true, deep: false });
  }

  /** The half year holding the quarter. */
  get half(): { year: number; half: 1 | 2 } {
    return halfOf(this.quarter)!;
  }

  /** Reads what the period shows. */
  load(): Promise<unknown> {
    return this.period === 'half' ? this.halfView.load() : this.view.load();
  }

  setPeriod(period: Period): void {
    if (period === this.period) return;
    this.period = period;
    // A half year starts with its first quarter (going back to quarters, that one is shown).
    if (period === 'half') this.quarter = halfQuarters(this.half.year, this.half.half)[0];
    void this.load();
  }

  enter(params: { quarter?: string; scope?: string }): void {
    this.quarter = params.quarter && QUARTER_KEY.test(params.quarter) ? params.quarter : quarterNow();
    if (params.scope && (SUPERVISION_SCOPES as readonly string[]).includes(params.scope))
      this.scope = params.scope as SupervisionScope;
    this.sortKey = 'total';
    this.bestFirst = true;
    this.period = 'quarter';
    void this.view.load();
  }

  setScope(scope: SupervisionScope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.sortKey = 'total';
    this.bestFirst = true;
    void this.load();
  }

  get canBack(): boolean {
    return this.quarter > FIRST_QUARTER;
  }

  /** The quarter a step goes to: the next or previous quarter, or the first quarter of the next or previous half. */
  private target(by: -1 | 1): string {
    if (this.period === 'quarter') return by < 0 ? previousQuarter(this.quarter) : nextQuarter(this.quarter);
    const { year, half } = this.half;
    const [first] = halfQuarters(year, half);
    return by < 0 ? previousQuarter(previousQuarter(first)) : nextQuarter(nextQuarter(first));
  }

  get canForward(): boolean {
    return this.target(1) <= quarterNow();
  }

  step(by: -1 | 1): void {
    if ((by < 0 && !this.canBack) || (by > 0 && !this.canForward)) return;
    this.quarter = this.target(by);
    void this.load();
  }

  /** A tap on a column head: sorts by it (the better end first); a second tap turns the order round. */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.bestFirst = !this.bestFirst;
    else {
      this.sortKey = key;
      this.bestFirst = true;
    }
  }

  get year(): number {
    return parseQuarter(this.quarter)?.year ?? 0;
  }

  /** The rows in the order chosen. */
  get rows(): SupervisionRow[] {
    const v = this.view.value;
    if (!v) return [];
    const key = this.sortKey;
    const lowerBetter = key !== 'total' && v.columns.find((c) => c.key === key)?.better === 'lower';
    const valueOf = (r: SupervisionRow) =>
      key === 'total' ? r.total : (r.cells.find((c) => c.key === key)?.value ?? null);
    const sign = (lowerBetter ? 1 : -1) * (this.bestFirst ? 1 : -1);
    return [...v.rows].sort((a, b) => {
      const x = valueOf(a);
      const y = valueOf(b);
      if (x === null || y === null) return x === null ? (y === null ? a.id.localeCompare(b.id) : 1) : -1;
      return (x - y) * sign || a.id.localeCompare(b.id);
    });
  }
}

export const supervisionRanking = new SupervisionRankingStore();
