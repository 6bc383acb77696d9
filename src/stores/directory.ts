import './configure';
import type { CommunityDetail, CommunitySummary, UnitSummary } from '../../contract';
import { call } from '../services/cloud';
import { Loadable } from './loadable';

/**
 * The county's directory as pickers need it: communities, one community's resident groups and
 * buildings, paired units. Read-mostly, so each is fetched once per launch.
 */
class DirectoryStore {
  readonly communities = new Loadable<CommunitySummary[]>(() => call('directory', 'communities', {}));
  readonly units = new Loadable<UnitSummary[]>(() => call('directory', 'units', {}));
  // Not observable itself: entries are created on first use (also during render), each observable.
  private readonly details = new Map<string, Loadable<CommunityDetail>>();

  /** One community's detail (created on first ask; call `ensure()` to fetch). */
  community(id: string): Loadable<CommunityDetail> {
    let entry = this.details.get(id);
    if (!entry) {
      entry = new Loadable<CommunityDetail>(() => call('directory', 'community', { communityId: id }));
      this.details.set(id, entry);
    }
    return entry;
  }

  /** A community's name once the list is loaded, else null. */
  communityName(id: string): string | null {
    return this.communities.value?.find((c) => c.id === id)?.name ?? null;
  }
}

export const directory = new DirectoryStore();
