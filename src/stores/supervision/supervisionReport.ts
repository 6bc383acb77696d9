import '../configure';
import { makeAutoObservable } from 'mobx';
import type { SupervisionReportView } from '../../../contract/functions/supervision';
import { nextQuarter, previousQuarter, QUARTER_KEY } from '../../../contract/quarters';
import { SUPERVISION_SCOPES, type SupervisionScope } from '../../../contract/supervision';
import { call } from '../../services/cloud';
import { quarterNow } from '../../utils/date';
import { Loadable } from '../loadable';
import { FIRST_QUARTER } from './supervisionRanking';

/**
 * 督导报告 (supervision.report): one community's, unit's or department's quarter — its row, the
 * trend of the last four quarters, what is behind — the caller's own, or whom the county admin
 * opened; stepping back and forth by quarter.
 */
class SupervisionReportStore {
  quarter = quarterNow();
  scope: SupervisionScope | null = null;
  id: string | null = null;
  readonly view = new Loadable<SupervisionReportView>(() =>
    call('supervision', 'report', {
      quarter: this.quarter,
      ...(this.scope ? { scope: this.scope } : {}),
      ...(this.id ? { id: this.id } : {}),
    }),
  );

  constructor() {
    makeAutoObservable(this, { view: false }, { autoBind: true, deep: false });
  }

  enter(params: { quarter?: string; scope?: string; id?: string }): void {
    this.quarter = params.quarter && QUARTER_KEY.test(params.quarter) ? params.quarter : quarterNow();
    this.scope =
      params.scope && (SUPERVISION_SCOPES as readonly string[]).includes(params.scope)
        ? (params.scope as SupervisionScope)
        : null;
    this.id = params.id || null;
    this.view.clear();
    void this.view.load();
  }

  get canBack(): boolean {
    return this.quarter > FIRST_QUARTER;
  }

  step(by: -1 | 1): void {
    if (by < 0 && !this.canBack) return;
    if (by > 0 && this.quarter >= quarterNow()) return;
    this.quarter = by < 0 ? previousQuarter(this.quarter) : nextQuarter(this.quarter);
    void this.view.load();
  }
}

export const supervisionReport = new SupervisionReportStore();
