import '../configure';
import { makeAutoObservable } from 'mobx';
import type { PropertyCompanySummary } from '../../../contract';
import { PARTY_ORG_KINDS, type PartyOrgKind } from '../../../contract/cobuild';
import type { PropertyCompanyStats, PropertyStatsView } from '../../../contract/functions/cobuild/property';
import { QUARTER_WORDS, type Quarter } from '../../../contract/quarters';
import { call } from '../../services/cloud';
import { directory } from '../directory';
import { Loadable } from '../loadable';

/** The county page's filter: every company, or those of one party organisation kind. */
export type KindFilter = 'all' | PartyOrgKind;
export const KIND_FILTERS: readonly KindFilter[] = ['all', ...PARTY_ORG_KINDS];

/** A quarter as the server counts it (local time). */
export type { Quarter };

export const quarterName = (q: Quarter): string => `${q.year}年${QUARTER_WORDS[q.index]}`;
export const prevQuarter = (q: Quarter): Quarter =>
  q.index === 1 ? { year: q.year - 1, index: 4 } : { year: q.year, index: q.index - 1 };
export const nextQuarter = (q: Quarter): Quarter =>
  q.index === 4 ? { year: q.year + 1, index: 1 } : { year: q.year, index: q.index + 1 };
const sameQuarter = (a: Quarter, b: Quarter) => a.year === b.year && a.index === b.index;

/** 85.7%, or null with no rating. */
export const percent = (rate: number | null): string | null =>
  rate === null ? null : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** A company's 红色物业 data (directory) beside its ratings in the quarter shown. */
export interface PropertyRow {
  stats: PropertyCompanyStats;
  company: PropertyCompanySummary | null;
}

/**
 * 红色物业: per property company, its party organisation, 党建指导员, estates and liaison
 * (directory.propertyCompanies) and its residents' ratings of a quarter (cobuild.propertyStats).
 * The county admin sees every company (filtered by kind); a property liaison their own. The
 * quarter starts at the current one (the server's) and steps back, never past it.
 */
class PropertyStatsStore {
  /** Null: the current quarter (known from the first answer). */
  quarter: Quarter | null = null;
  current: Quarter | null = null;
  kind: KindFilter = 'all';
  readonly stats = new Loadable<PropertyStatsView>(() =>
    call('cobuild', 'propertyStats', {
      ...(this.quarter ? { year: this.quarter.year, quarter: this.quarter.index } : {}),
      ...(this.kind === 'all' ? {} : { kind: this.kind }),
    }),
  );

  constructor() {
    makeAutoObservable(this, { stats: false }, { autoBind: true, deep: false });
  }

  /** Opening the page: the current quarter, every kind, and the companies' directory data. */
  open(): void {
    this.quarter = null;
    this.kind = 'all';
    this.stats.clear();
    directory.propertyCompanies.clear();
    directory.propertyCompanies.ensure();
    directory.communities.ensure();
    void this.load();
  }

  private async load(): Promise<void> {
    const view = await this.stats.load();
    if (view && this.quarter === null) this.setCurrent({ year: view.quarter.year, index: view.quarter.index });
  }

  private setCurrent(q: Quarter): void {
    this.current = q;
    this.quarter = q;
  }

  /** The quarter shown (null before the first answer). */
  get shown(): Quarter | null {
    return this.quarter;
  }

  get atCurrent(): boolean {
    return !this.quarter || !this.current || sameQuarter(this.quarter, this.current);
  }

  showPrev(): void {
    if (!this.quarter) return;
    this.quarter = prevQuarter(this.quarter);
    void this.load();
  }

  showNext(): void {
    if (!this.quarter || this.atCurrent) return;
    this.quarter = nextQuarter(this.quarter);
    void this.load();
  }

  showKind(kind: KindFilter): void {
    if (kind === this.kind) return;
    this.kind = kind;
    void this.load();
  }

  /** The rows of the quarter shown, each with its directory data (once read). */
  get rows(): PropertyRow[] | null {
    const view = this.stats.value;
    if (!view) return null;
    const companies = directory.propertyCompanies.value ?? [];
    return view.companies.map((stats) => ({ stats, company: companies.find((c) => c.id === stats.id) ?? null }));
  }

  /** All companies shown together: how many ratings and the overall satisfaction rate. */
  get totals(): { companies: number; ratings: number; rate: number | null } | null {
    const view = this.stats.value;
    if (!view) return null;
    const ratings = view.companies.reduce((n, c) => n + c.total, 0);
    const good = view.companies.reduce((n, c) => n + c.counts.satisfied + c.counts.basic, 0);
    return { companies: view.companies.length, ratings, rate: ratings ? good / ratings : null };
  }
}

export const propertyStats = new PropertyStatsStore();
