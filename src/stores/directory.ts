import './configure';
import { makeAutoObservable } from 'mobx';
import type {
  CommunityDetail,
  CommunitySummary,
  DepartmentSummary,
  MetricScope,
  PropertyCompanySummary,
  RoleGrant,
  UnitSummary,
} from '../../contract';
import { call } from '../services/cloud';
import { Loadable } from './loadable';

/**
 * The county's directory as pickers and lists need it, and its ids as names: grants, audit
 * entries and profiles carry ids (c01, u03, d02, c01-g01); this turns them into 潋江社区, 某某单位 …
 * Read-mostly, so each list is fetched once per launch, and again after the county admin edits
 * the directory. A name is null until its list has arrived.
 */
class DirectoryStore {
  readonly communities = new Loadable<CommunitySummary[]>(() => call('directory', 'communities', {}));
  readonly units = new Loadable<UnitSummary[]>(() => call('directory', 'units', {}));
  /** Only secretaries, department staff and the county admin may read the departments. */
  readonly departments = new Loadable<DepartmentSummary[]>(() => call('directory', 'departments', {}));
  /** Only secretaries and the county admin may read the property companies. */
  readonly propertyCompanies = new Loadable<PropertyCompanySummary[]>(() => call('directory', 'propertyCompanies', {}));
  /**
   * A community's resident groups, grids (with micro-grids) and paired units, by community id.
   * A plain map: entries are created on first use (also during render), each observable itself.
   */
  private readonly details = new Map<string, Loadable<CommunityDetail>>();

  constructor() {
    makeAutoObservable<DirectoryStore, 'details'>(
      this,
      { communities: false, units: false, departments: false, propertyCompanies: false, details: false },
      { autoBind: true, deep: false },
    );
  }

  /** One community's detail (created on first ask; call `ensure()` to fetch). */
  community(id: string): Loadable<CommunityDetail> {
    let detail = this.details.get(id);
    if (!detail) {
      detail = new Loadable<CommunityDetail>(() => call('directory', 'community', { communityId: id }));
      this.details.set(id, detail);
    }
    return detail;
  }

  communityName(id: string): string | null {
    return this.communities.value?.find((c) => c.id === id)?.name ?? null;
  }

  unitName(id: string): string | null {
    return this.units.value?.find((u) => u.id === id)?.name ?? null;
  }

  propertyCompanyName(id: string): string | null {
    return this.propertyCompanies.value?.find((p) => p.id === id)?.name ?? null;
  }

  departmentName(id: string): string | null {
    return this.departments.value?.find((d) => d.id === id)?.name ?? null;
  }

  /** A grid, or a micro-grid as `grid · micro-grid`, from whichever community detail has been read. */
  gridName(id: string): string | null {
    for (const detail of this.details.values()) {
      for (const grid of detail.value?.grids ?? []) {
        if (grid.id === id) return grid.name;
        const micro = grid.microGrids.find((m) => m.id === id);
        if (micro) return `${grid.name} · ${micro.name}`;
      }
    }
    return null;
  }

  /** A metrics scope by name (第一网格, 潋江社区, 县城管局, 全县) once its list has arrived; else its id. */
  scopeName(scope: MetricScope, scopeId: string): string {
    switch (scope) {
      case 'grid':
        return this.gridName(scopeId) ?? scopeId;
      case 'community':
        return this.communityName(scopeId) ?? scopeId;
      case 'department':
        return this.departmentName(scopeId) ?? scopeId;
      case 'county':
        return '全县';
    }
  }

  /**
   * Reads what `scopeName` needs for a scope the holder of `grants` reads: a grid worker's or a
   * secretary's grids come with their community's detail.
   */
  ensureScopeNames(scope: MetricScope, grants: readonly RoleGrant[]): void {
    for (const g of grants) {
      if (g.role === 'gridWorker' || (scope === 'grid' && g.role === 'secretary'))
        this.community(g.communityId).ensure();
      if (g.role === 'department') this.departments.ensure();
    }
    if (scope === 'community') this.communities.ensure();
    if (scope === 'department') this.departments.ensure();
  }

  /** After a directory edit: read everything again when next needed. */
  invalidate(): void {
    this.communities.clear();
    this.units.clear();
    this.departments.clear();
    this.propertyCompanies.clear();
    for (const detail of this.details.values()) detail.clear();
  }
}

export const directory = new DirectoryStore();
