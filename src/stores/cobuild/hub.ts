import '../configure';
import { makeAutoObservable } from 'mobx';
import type { AgreementView, CobuildOverview, NeedPage, ProjectPage, ResourcePage } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from '../loadable';
import { thisYear } from './side';

/** A count of a list's first page: `more` when the list goes on (shown as 50+). */
export interface Count {
  n: number;
  more: boolean;
}

export interface HubCounts {
  needsOpen: Count;
  needsAll: Count;
  resourcesOffered: Count;
  resourcesAll: Count;
  projectsActive: Count;
  projectsAll: Count;
  agreementsSigned: number;
  agreementsToSign: number;
  agreementsAll: number;
}

const count = (
  page: { items: unknown[]; next: number | null },
  keep: (item: never) => boolean = () => true,
): Count => ({
  n: page.items.filter(keep as (item: unknown) => boolean).length,
  more: page.next !== null,
});

/** 结对共建: the year's lists in counts (secretary, unit admin), or the county's overview (county admin). */
class CobuildHubStore {
  readonly counts = new Loadable<HubCounts>(async () => {
    const [needs, resources, projects, agreements]: [NeedPage, ResourcePage, ProjectPage, AgreementView[]] =
      await Promise.all([
        call('cobuild', 'needs', {}),
        call('cobuild', 'resources', {}),
        call('cobuild', 'projects', {}),
        call('cobuild', 'agreements', {}),
      ]);
    return {
      needsOpen: count(needs, (n: NeedPage['items'][number]) => n.status === 'open'),
      needsAll: count(needs),
      resourcesOffered: count(resources, (r: ResourcePage['items'][number]) => r.status === 'offered'),
      resourcesAll: count(resources),
      projectsActive: count(projects, (p: ProjectPage['items'][number]) => p.status === 'active'),
      projectsAll: count(projects),
      agreementsSigned: agreements.filter((a) => a.status === 'signed').length,
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

/** 12 or 50+ (a first page that goes on). */
export const shown = (c: Count): string => (c.more ? `${c.n}+` : String(c.n));
