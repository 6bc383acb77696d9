import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CommunityDetail, CommunitySummary, DepartmentSummary, UnitSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from './load';

/**
 * Names of the county's directory for staff pages: grants and audit entries carry ids
 * (c01, u03, d02, c01-g01); this turns them into 潋江社区, 某某单位 … Read once per launch,
 * refreshed after the county admin edits the directory. Until a list arrives, the id is shown.
 */
class DirectoryNamesStore {
  readonly communities = new Loadable<CommunitySummary[]>(() => call('directory', 'communities', {}));
  readonly units = new Loadable<UnitSummary[]>(() => call('directory', 'units', {}));
  /** Only secretaries, department staff and the county admin may read the departments. */
  readonly departments = new Loadable<DepartmentSummary[]>(() => call('directory', 'departments', {}));
  /**
   * A community's grids (with micro-grids), resident groups and paired units, by community id.
   * A plain map: each entry is observable itself, and adding one must not re-render a page.
   */
  private readonly details = new Map<string, Loadable<CommunityDetail>>();

  constructor() {
    makeAutoObservable<DirectoryNamesStore, 'details'>(
      this,
      { communities: false, units: false, departments: false, details: false },
      { autoBind: true, deep: false },
    );
  }

  community(id: string): Loadable<CommunityDetail> {
    let detail = this.details.get(id);
    if (!detail) {
      detail = new Loadable<CommunityDetail>(() => call('directory', 'community', { communityId: id }));
      this.details.set(id, detail);
    }
    return detail;
  }

  communityName(id: string): string {
    return this.communities.data?.find((c) => c.id === id)?.name ?? id;
  }

  unitName(id: string): string {
    return this.units.data?.find((u) => u.id === id)?.name ?? id;
  }

  departmentName(id: string): string {
    return this.departments.data?.find((d) => d.id === id)?.name ?? id;
  }

  /** A grid or micro-grid by id, from whichever community detail has been read. */
  gridName(id: string): string {
    for (const detail of this.details.values()) {
      for (const grid of detail.data?.grids ?? []) {
        if (grid.id === id) return grid.name;
        const micro = grid.microGrids.find((m) => m.id === id);
        if (micro) return `${grid.name} · ${micro.name}`;
      }
    }
    return id;
  }

  /** After a directory edit: read everything again when next needed. */
  invalidate(): void {
    this.communities.reset();
    this.units.reset();
    this.departments.reset();
    for (const detail of this.details.values()) detail.reset();
  }
}

export const directoryNames = new DirectoryNamesStore();
