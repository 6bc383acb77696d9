import '../configure';
import { makeAutoObservable } from 'mobx';
import type { StationView } from '../../../contract';
import { call } from '../../services/cloud';
import { directory } from '../directory';
import { Loadable } from '../loadable';

/** The tabs of 目录管理 (micro-grids are listed under their grid). */
export const DIRECTORY_TABS = ['community', 'grid', 'unit', 'department', 'station', 'propertyCompany'] as const;
export type DirectoryTab = (typeof DIRECTORY_TABS)[number];

/** 目录管理 (county admin): the lists of each kind of directory entry. */
class DirectoryAdminStore {
  tab: DirectoryTab = 'community';
  /** The grids tab shows one community's grids at a time. */
  gridCommunityId: string | null = null;
  readonly stations = new Loadable<StationView[]>(() => call('directory', 'stations', {}));

  constructor() {
    makeAutoObservable(this, { stations: false }, { autoBind: true, deep: false });
  }

  /** Opening the page (or coming back after a save): every list is read again when shown. */
  open(): void {
    directory.invalidate();
    this.stations.clear();
    this.show(this.tab);
  }

  show(tab: DirectoryTab): void {
    this.tab = tab;
    switch (tab) {
      case 'community':
        directory.communities.ensure();
        break;
      case 'grid':
        directory.communities.ensure();
        if (this.gridCommunityId) directory.community(this.gridCommunityId).ensure();
        break;
      case 'unit':
        directory.units.ensure();
        directory.communities.ensure();
        break;
      case 'department':
        directory.departments.ensure();
        break;
      case 'station':
        this.stations.ensure();
        break;
      case 'propertyCompany':
        directory.propertyCompanies.ensure();
        directory.communities.ensure();
        break;
    }
  }

  /** After a save: the list not kept in the directory store is read again when shown. */
  invalidate(): void {
    this.stations.clear();
  }

  pickGridCommunity(communityId: string): void {
    this.gridCommunityId = communityId;
    directory.community(communityId).ensure();
  }
}

export const directoryAdmin = new DirectoryAdminStore();
