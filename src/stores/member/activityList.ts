import '../configure';
import { makeAutoObservable } from 'mobx';
import type { ActivityView } from '../../../contract';
import { call } from '../../services/cloud';
import { PagedList } from '../paged';
import { session } from '../session';

export type ActivityWhen = 'upcoming' | 'past';

export const ACTIVITY_TABS: ReadonlyArray<{ key: ActivityWhen; label: string }> = [
  { key: 'upcoming', label: '近期活动' },
  { key: 'past', label: '往期活动' },
];

/**
 * 社区活动 (sixOnes.activities): the activities of the member's community, upcoming soonest
 * first or past newest first; 20 a page, 加载更多 appends the next. An action on an activity's
 * page replaces that card in place, so coming back keeps the list and its place.
 */
class ActivityListStore {
  when: ActivityWhen = 'upcoming';
  /** An activity may move between pages while paging (one ends): each is listed once. */
  readonly list = new PagedList<ActivityView>(
    (from) => call('sixOnes', 'activities', { when: this.when, from }),
    (activity) => activity.id,
  );
  private loadedFor: string | null = null;

  constructor() {
    makeAutoObservable<this, 'loadedFor'>(this, { list: false, loadedFor: false }, { autoBind: true, deep: false });
  }

  /** The list as shown: read unless already read for this user. */
  show(): void {
    const openid = session.me?.openid ?? null;
    if (openid !== this.loadedFor) {
      this.loadedFor = openid;
      this.list.clear();
    }
    if (this.list.value === null && !this.list.loading) void this.list.load();
  }

  setWhen(when: ActivityWhen): void {
    if (when === this.when) return;
    this.when = when;
    // Another tab: the list empties (never showing the other tab's activities) and reads again.
    this.list.clear();
    void this.list.load();
  }

  /** A fresh view of one activity (after signing up, checking in …): its card changes in place. */
  replace(view: ActivityView): void {
    const items = this.list.value;
    if (items?.some((a) => a.id === view.id)) this.list.value = items.map((a) => (a.id === view.id ? view : a));
  }
}

export const activities = new ActivityListStore();
