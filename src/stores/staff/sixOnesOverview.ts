import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CountyOverview, TallyView } from '../../../contract';
import { SIX_ONES_ITEMS } from '../../../contract/sixOnes';
import { call } from '../../services/cloud';
import { directory } from '../directory';
import { Loadable } from '../loadable';
import { currentYear } from '../../utils/activityTimes';
import type { TallyScope } from './sixOnesTally';

export const OVERVIEW_TABS = ['community', 'unit'] as const satisfies readonly TallyScope[];
export const OVERVIEW_TAB_LABELS: Record<TallyScope, string> = { community: '各社区', unit: '各单位' };

/** One community or unit in the overview's list: its name and tally (zeros when it has none yet). */
export interface OverviewRow {
  id: string;
  name: string;
  tally: TallyView;
}

const emptyTally = (scope: TallyScope, scopeId: string, year: number): TallyView => ({
  scope,
  scopeId,
  year,
  reported: 0,
  complete: 0,
  itemsDone: Object.fromEntries(SIX_ONES_ITEMS.map((i) => [i, 0])) as TallyView['itemsDone'],
  byDone: [0, ...SIX_ONES_ITEMS.map(() => 0)],
  volunteerHours: 0,
});

/**
 * 六个一总览 (county admin, sixOnes.overview): the county's totals for a year, then every
 * community and unit — named from the directory, listed in the directory's order, those
 * without any counters yet with zeros.
 */
class SixOnesOverviewStore {
  year = currentYear();
  tab: TallyScope = 'community';
  readonly overview = new Loadable<CountyOverview>(() => call('sixOnes', 'overview', { year: this.year }));

  constructor() {
    makeAutoObservable(this, { overview: false }, { autoBind: true, deep: false });
  }

  open(): void {
    directory.communities.ensure();
    directory.units.ensure();
    void this.overview.load();
  }

  setYear(year: number): void {
    if (year === this.year) return;
    this.year = year;
    void this.overview.load();
  }

  show(tab: TallyScope): void {
    this.tab = tab;
  }

  /** The shown tab's rows (`overviewRows`). */
  get rows(): OverviewRow[] | null {
    const overview = this.overview.value;
    return overview ? overviewRows(overview, this.tab) : null;
  }
}

/**
 * One kind's rows of an overview: the directory's entries (in its order) joined with their
 * tallies, zeros for those without any, then any tally the directory lacks (named by its id).
 */
export function overviewRows(overview: CountyOverview, scope: TallyScope): OverviewRow[] {
  const tallies = scope === 'community' ? overview.communities : overview.units;
  const byId = new Map(tallies.map((t) => [t.scopeId, t]));
  const listed = ((scope === 'community' ? directory.communities.value : directory.units.value) ?? []).map(
    (entry): OverviewRow => ({
      id: entry.id,
      name: entry.name,
      tally: byId.get(entry.id) ?? emptyTally(scope, entry.id, overview.year),
    }),
  );
  const known = new Set(listed.map((r) => r.id));
  const extra = tallies.filter((t) => !known.has(t.scopeId)).map((t) => ({ id: t.scopeId, name: t.scopeId, tally: t }));
  return [...listed, ...extra];
}

export const sixOnesOverview = new SixOnesOverviewStore();
