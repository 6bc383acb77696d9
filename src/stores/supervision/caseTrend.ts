import '../configure';
import { makeAutoObservable } from 'mobx';
import type { MetricsTrendView } from '../../../contract';
import { isMetricScope, type MetricScope } from '../../../contract/caseLabels';
import { call } from '../../services/cloud';
import { directory } from '../directory';
import { Loadable } from '../loadable';
import { session } from '../session';

/**
 * 诉求指标趋势 (complaint.metricsTrend): one scope's rates over the 12 months ending this month,
 * the scope as 诉求指标 passes it (`?scope=&scopeId=`).
 */
class CaseTrendStore {
  scope: MetricScope | null = null;
  scopeId = '';
  /** The address names no scope. */
  noScope = false;

  readonly view = new Loadable<MetricsTrendView>(() =>
    call('complaint', 'metricsTrend', {
      scope: this.scope!,
      ...(this.scope === 'county' ? {} : { scopeId: this.scopeId }),
    }),
  );

  constructor() {
    makeAutoObservable(this, { view: false }, { autoBind: true, deep: false });
  }

  get name(): string {
    return this.scope ? directory.scopeName(this.scope, this.scopeId) : '';
  }

  /** Opens the scope the address names (`noScope` when it names none). */
  enter(scope: string | undefined, scopeId: string | undefined): void {
    this.view.clear();
    this.noScope = !isMetricScope(scope) || (scope !== 'county' && !scopeId);
    if (!isMetricScope(scope) || this.noScope) {
      this.scope = null;
      return;
    }
    this.scope = scope;
    this.scopeId = scope === 'county' ? 'county' : scopeId!;
    directory.ensureScopeNames(scope, session.staffGrants);
    void this.view.load();
  }
}

export const caseTrend = new CaseTrendStore();
