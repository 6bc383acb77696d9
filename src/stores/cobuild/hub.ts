import '../configure';
import { makeAutoObservable } from 'mobx';
import type { AgreementView, CobuildCounts, CobuildOverview } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from '../loadable';
import { thisYear } from './side';

/** The hub's tiles in exact counts; `needs…` null for a unit admin (the paired community's needs are not theirs to count). */
export interface HubCounts {
  needsOpen: number | null;
  needsAll: number | null;
  resourcesOffered: number;
  resourcesAll: number;
  projectsActive: number;
  projectsAll: number;
  agreementsSigned: number;
  agreementsToSign: number;
  agreementsAll: number;
}

const total = (byStatus: Record<string, number>) => Object.values(byStatus).reduce((a, b) => a + b, 0);

/** 结对共建: the year's lists in counts (secretary, unit admin), or the county's overview (county admin). */
class CobuildHubStore {
  /** cobuild.counts (the community's tally, or the unit's own), and the agreements for what waits for the caller's signature. */
  readonly counts = new Loadable<HubCounts>(async () => {
    const [c, agreements]: [CobuildCounts, AgreementView[]] = await Promise.all([
      call('cobuild', 'counts', {}),
      call('cobuild', 'agreements', {}),
    ]);
    return {
      needsOpen: c.needs ? c.needs.open : null,
      needsAll: c.needs ? total(c.needs) : null,
      resourcesOffered: c.resources.offered,
      resourcesAll: total(c.resources),
      projectsActive: c.projects.active,
      projectsAll: total(c.projects),
      agreementsSigned: c.agreementsSigned ?? agreements.filter((a) => a.status === 'signed').length,
      agreementsToSign: agreements.filter((a) => a.can.includes('sign')).length,
      agreementsAll: agreements.filter((a) => a.status !== 'superseded').length,
    };
  });
  /** The overview's year: this one or the last (the supervision report looks back a year). */
  year = thisYear();
  readonly overview = new Loadable<CobuildOverview>(() => call('cobuild', 'countyOverview', { year: this.year }));

  constructor() {
    makeAutoObservable(this, { counts: false, overview: false }, { autoBind: true, deep: false });
  }

  get years(): number[] {
    return [thisYear(), thisYear() - 1];
  }

  showYear(year: number): void {
    this.year = year;
    void this.overview.load();
  }
}

export const cobuildHub = new CobuildHubStore();
