import '../configure';
import { makeAutoObservable, when, type IReactionDisposer } from 'mobx';
import type { MetricsView, RoleGrant } from '../../../contract';
import { isMetricScope, type MetricPeriod } from '../../../contract/caseLabels';
import { call } from '../../services/cloud';
import { directory } from '../directory';
import { Loadable } from '../loadable';
import { session } from '../session';
import { shanghai } from '../../utils/date';

export type MetricScope = MetricsView['scope'];

/** One scope the caller may read: a grid, a community, a department, the county. */
export interface ScopeChoice {
  key: string;
  scope: MetricScope;
  scopeId: string;
}

/** A month (1–12), a quarter (1–4) or a whole year (index 1). */
export interface Period {
  kind: MetricPeriod;
  year: number;
  index: number;
}

export const MIN_YEAR = 2020;

/** The period of `kind` that contains now (in Shanghai). */
export function currentPeriod(kind: MetricPeriod, now = Date.now()): Period {
  const d = shanghai(now);
  const year = d.year();
  const month = d.month() + 1;
  if (kind === 'month') return { kind, year, index: month };
  if (kind === 'quarter') return { kind, year, index: Math.floor((month - 1) / 3) + 1 };
  return { kind, year, index: 1 };
}

/** The period `step` periods away (−1 the one before, +1 the one after). */
export function shiftPeriod(p: Period, step: number): Period {
  if (p.kind === 'year') return { ...p, year: p.year + step };
  const per = p.kind === 'month' ? 12 : 4;
  const n = p.year * per + (p.index - 1) + step;
  return { kind: p.kind, year: Math.floor(n / per), index: (n % per) + 1 };
}

const order = (p: Period) => p.year * 100 + p.index;

export function periodLabel(p: Period): string {
  if (p.kind === 'month') return `${p.year}年${p.index}月`;
  if (p.kind === 'quarter') return `${p.year}年第${p.index}季度`;
  return `${p.year}年`;
}

/** The scopes a grant may read its metrics for (the county admin also any community: see the picker). */
function scopesOf(grant: RoleGrant): ScopeChoice[] {
  const choice = (scope: MetricScope, scopeId: string): ScopeChoice => ({ key: `${scope}-${scopeId}`, scope, scopeId });
  switch (grant.role) {
    case 'gridWorker':
      return grant.gridIds.map((id) => choice('grid', id));
    case 'secretary':
      return [choice('community', grant.communityId)];
    case 'department':
      return [choice('department', grant.departmentId)];
    case 'countyAdmin':
      return [choice('county', 'county')];
    default:
      return [];
  }
}

/**
 * 诉求指标 (complaint.metrics) of one scope for a month, quarter or year, stepping back and
 * forth (never past the current period). The scope is the URL's, else the caller's first; the
 * caller switches among the scopes they hold, and the county admin may pick any community.
 */
class CaseMetricsStore {
  scope: MetricScope | null = null;
  scopeId = '';
  period: Period = currentPeriod('month');
  /** The session holds no scope to read (no staff role). */
  noScope = false;

  readonly view = new Loadable<MetricsView>(() => {
    const { kind, year, index } = this.period;
    return call('complaint', 'metrics', {
      scope: this.scope!,
      ...(this.scope === 'county' ? {} : { scopeId: this.scopeId }),
      period: kind,
      year,
      ...(kind === 'year' ? {} : { index }),
    });
  });
  private waiting: IReactionDisposer | null = null;

  constructor() {
    makeAutoObservable<CaseMetricsStore, 'waiting'>(
      this,
      { view: false, waiting: false },
      { autoBind: true, deep: false },
    );
  }

  /** Every scope the caller holds, in the order of their grants. */
  get choices(): ScopeChoice[] {
    const seen = new Set<string>();
    return session.staffGrants.flatMap(scopesOf).filter((c) => !seen.has(c.key) && Boolean(seen.add(c.key)));
  }

  get isCountyAdmin(): boolean {
    return session.staffGrants.some((g) => g.role === 'countyAdmin');
  }

  get key(): string {
    return `${this.scope}-${this.scopeId}`;
  }

  /** 第一网格, 潋江社区, 县城管局, 全县 — names once the directory has answered. */
  nameOf(scope: MetricScope, scopeId: string): string {
    return directory.scopeName(scope, scopeId);
  }

  get canNext(): boolean {
    return order(this.period) < order(currentPeriod(this.period.kind));
  }

  get canPrev(): boolean {
    return shiftPeriod(this.period, -1).year >= MIN_YEAR;
  }

  enter(scope: string | undefined, scopeId: string | undefined): void {
    this.waiting?.();
    this.waiting = null;
    this.period = currentPeriod('month');
    this.noScope = false;
    this.view.clear();
    if (isMetricScope(scope) && (scopeId || scope === 'county')) {
      this.choose(scope, scopeId ?? 'county');
      return;
    }
    this.scope = null;
    this.waiting = when(
      () => session.me !== null,
      () => {
        const first = this.choices[0];
        if (first) this.choose(first.scope, first.scopeId);
        else this.noScope = true;
      },
    );
  }

  /** Reads another scope (same period). */
  choose(scope: MetricScope, scopeId: string): void {
    this.scope = scope;
    this.scopeId = scope === 'county' ? 'county' : scopeId;
    this.loadNames();
    void this.view.load();
  }

  setKind(kind: MetricPeriod): void {
    if (kind === this.period.kind) return;
    this.period = currentPeriod(kind);
    void this.view.load();
  }

  prev(): void {
    if (!this.canPrev) return;
    this.period = shiftPeriod(this.period, -1);
    void this.view.load();
  }

  next(): void {
    if (!this.canNext) return;
    this.period = shiftPeriod(this.period, 1);
    void this.view.load();
  }

  private loadNames(): void {
    if (this.scope) directory.ensureScopeNames(this.scope, session.staffGrants);
    // The county admin's community picker names every community.
    if (this.isCountyAdmin) directory.communities.ensure();
  }
}

export const caseMetrics = new CaseMetricsStore();
