import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CountyOverview, TallyView } from '../../../contract';
import { SIX_ONES_ITEMS, SIX_ONES_SHORT, type SixOnesItem } from '../../../contract/sixOnes';
import { call } from '../../services/cloud';
import { currentYear } from '../../utils/activityTimes';
import { percent } from '../../utils/percent';
import { directory } from '../directory';
import { Loadable } from '../loadable';
import { overviewRows } from '../staff/sixOnesOverview';
import { isTallyScope, tallyYears, type TallyScope } from '../staff/sixOnesTally';

export type ChartScope = 'county' | TallyScope;

/** What the county's comparison shows of each community or unit: all six done, or one item. */
export type CompareMeasure = 'complete' | SixOnesItem;
export const COMPARE_MEASURES: readonly CompareMeasure[] = ['complete', ...SIX_ONES_ITEMS];
export const COMPARE_LABELS: Record<CompareMeasure, string> = { complete: '六项全完成', ...SIX_ONES_SHORT };

/** One bar of the comparison: a community or unit, how many of its reported members have the measure done. */
export interface CompareBar {
  id: string;
  name: string;
  done: number;
  reported: number;
  /** Whole percent of reported (`percent`), as 六个一总览 shows it. */
  share: number;
}

/**
 * 六个一图表 (`?scope=county|community|unit&scopeId=&year=`, opened from 六个一统计 and
 * 六个一总览): the scope's members by how many of the year's six items they have done (the
 * tally's `byDone`: sixOnes.tally, the county's from sixOnes.overview); for the county also every
 * community's or unit's share with all six done, or with one item done, side by side.
 */
class SixOnesChartStore {
  scope: ChartScope | null = null;
  scopeId = '';
  year = currentYear();
  /** The address names no scope. */
  noScope = false;
  tab: TallyScope = 'community';
  measure: CompareMeasure = 'complete';

  readonly tally = new Loadable<TallyView>(() =>
    call('sixOnes', 'tally', { scope: this.scope!, scopeId: this.scopeId, year: this.year }),
  );
  readonly overview = new Loadable<CountyOverview>(() => call('sixOnes', 'overview', { year: this.year }));

  constructor() {
    makeAutoObservable(this, { tally: false, overview: false }, { autoBind: true, deep: false });
  }

  get name(): string {
    if (this.scope === 'county') return '全县';
    if (this.scope === 'community') return directory.communityName(this.scopeId) ?? this.scopeId;
    if (this.scope === 'unit') return directory.unitName(this.scopeId) ?? this.scopeId;
    return '';
  }

  /** Opens what the address names: a scope (the county needs no id) and a year of `tallyYears` (this one otherwise). */
  enter(scope: string | undefined, scopeId: string | undefined, year: string | undefined): void {
    this.tally.clear();
    this.overview.clear();
    this.tab = 'community';
    this.measure = 'complete';
    const years = tallyYears();
    this.year = years.find((y) => String(y) === year) ?? years[0];
    this.noScope = !(scope === 'county' || (isTallyScope(scope) && Boolean(scopeId)));
    if (this.noScope) {
      this.scope = null;
      return;
    }
    this.scope = scope as ChartScope;
    this.scopeId = scope === 'county' ? 'county' : scopeId!;
    if (scope !== 'unit') directory.communities.ensure();
    if (scope !== 'community') directory.units.ensure();
    this.reload();
  }

  setYear(year: number): void {
    if (year === this.year) return;
    this.year = year;
    this.reload();
  }

  reload(): Promise<unknown> {
    if (!this.scope) return Promise.resolve();
    return this.scope === 'county' ? this.overview.load() : this.tally.load();
  }

  /** What the scope's figures come from: the overview for the county, its tally otherwise. */
  get source(): Loadable<TallyView> | Loadable<CountyOverview> {
    return this.scope === 'county' ? this.overview : this.tally;
  }

  /** The scope's tally, once read. */
  get figures(): TallyView | null {
    return (this.scope === 'county' ? this.overview.value?.county : this.tally.value) ?? null;
  }

  show(tab: TallyScope): void {
    this.tab = tab;
  }

  pick(measure: CompareMeasure): void {
    this.measure = measure;
  }

  /** The county's communities (or units) with the picked measure, the largest share first (ties in the directory's order). */
  get bars(): CompareBar[] | null {
    const overview = this.overview.value;
    if (!overview) return null;
    const measure = this.measure;
    return overviewRows(overview, this.tab)
      .map(({ id, name, tally }) => {
        const done = measure === 'complete' ? tally.complete : tally.itemsDone[measure];
        return { id, name, done, reported: tally.reported, share: percent(done, tally.reported) };
      })
      .map((bar, i) => ({ bar, i }))
      .sort((a, b) => b.bar.share - a.bar.share || a.i - b.i)
      .map(({ bar }) => bar);
  }
}

export const sixOnesChart = new SixOnesChartStore();
