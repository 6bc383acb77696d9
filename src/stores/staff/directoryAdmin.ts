import '../configure';
import { makeAutoObservable } from 'mobx';
import type { StationView } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from './load';
import { directoryNames } from './names';

/** The tabs of 目录管理 (micro-grids are listed under their grid). */
export const DIRECTORY_TABS = ['community', 'grid', 'unit', 'department', 'station', 'propertyCompany'] as const;
export type DirectoryTab = (typeof DIRECTORY_TABS)[number];

/** A property company as its last audit entry saved it. */
export interface RecentCompany {
  id: string;
  name: string;
  hasPartyOrg: boolean;
  communityIds: string[];
  at: string;
}

/**
 * No read lists property companies; the ones created or edited here are in the audit trail,
 * newest first (directory.audit answers the last 100 changes of any kind).
 */
async function recentCompanies(): Promise<RecentCompany[]> {
  const entries = await call('directory', 'audit', { limit: 100 });
  const seen = new Map<string, RecentCompany>();
  for (const entry of entries) {
    if (entry.entity !== 'propertyCompany' || seen.has(entry.entityId)) continue;
    const after = (entry.after ?? {}) as { name?: unknown; hasPartyOrg?: unknown; communityIds?: unknown };
    seen.set(entry.entityId, {
      id: entry.entityId,
      name: typeof after.name === 'string' ? after.name : entry.entityId,
      hasPartyOrg: after.hasPartyOrg === true,
      communityIds: Array.isArray(after.communityIds) ? (after.communityIds as string[]) : [],
      at: entry.at,
    });
  }
  return [...seen.values()];
}

/** 目录管理 (county admin): the lists of each kind of directory entry. */
class DirectoryAdminStore {
  tab: DirectoryTab = 'community';
  /** The grids tab shows one community's grids at a time. */
  gridCommunityId: string | null = null;
  readonly stations = new Loadable<StationView[]>(() => call('directory', 'stations', {}));
  readonly companies = new Loadable<RecentCompany[]>(recentCompanies);

  constructor() {
    makeAutoObservable(this, { stations: false, companies: false }, { autoBind: true, deep: false });
  }

  /** Opening the page (or coming back after a save): every list is read again when shown. */
  open(): void {
    directoryNames.invalidate();
    this.stations.reset();
    this.companies.reset();
    this.show(this.tab);
  }

  show(tab: DirectoryTab): void {
    this.tab = tab;
    switch (tab) {
      case 'community':
        directoryNames.communities.ensure();
        break;
      case 'grid':
        directoryNames.communities.ensure();
        if (this.gridCommunityId) directoryNames.community(this.gridCommunityId).ensure();
        break;
      case 'unit':
        directoryNames.units.ensure();
        directoryNames.communities.ensure();
        break;
      case 'department':
        directoryNames.departments.ensure();
        break;
      case 'station':
        this.stations.ensure();
        break;
      case 'propertyCompany':
        this.companies.ensure();
        directoryNames.communities.ensure();
        break;
    }
  }

  /** After a save: the lists not kept in directoryNames are read again when shown. */
  invalidate(): void {
    this.stations.reset();
    this.companies.reset();
  }

  pickGridCommunity(communityId: string): void {
    this.gridCommunityId = communityId;
    directoryNames.community(communityId).ensure();
  }
}

export const directoryAdmin = new DirectoryAdminStore();
