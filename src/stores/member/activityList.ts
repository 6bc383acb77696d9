import '../configure';
import { makeAutoObservable } from 'mobx';
import type { ActivityPage, ActivityView } from '../../../contract';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
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
  items: ActivityView[] = [];
  next: number | null = null;
  /** A first page has arrived (an empty list is then really empty). */
  loaded = false;
  loading = false;
  loadingMore = false;
  error: CloudError | null = null;
  moreError: CloudError | null = null;
  private ticket = 0;
  private loadedFor: string | null = null;

  constructor() {
    makeAutoObservable<this, 'ticket' | 'loadedFor'>(
      this,
      { ticket: false, loadedFor: false },
      { autoBind: true, deep: false },
    );
  }

  /** The list as shown: read unless already read for this user. */
  show(): void {
    const openid = session.me?.openid ?? null;
    if (openid !== this.loadedFor) {
      this.loadedFor = openid;
      this.clear();
    }
    if (!this.loaded && !this.loading) void this.load();
  }

  setWhen(when: ActivityWhen): void {
    if (when === this.when) return;
    this.when = when;
    // Another tab: the list empties (never showing the other tab's activities) and reads again.
    this.clear();
    void this.load();
  }

  /** The first page again (another tab, a pull-down refresh). */
  async load(): Promise<void> {
    const ticket = ++this.ticket;
    this.loading = true;
    this.error = null;
    this.moreError = null;
    try {
      const page = await call('sixOnes', 'activities', { when: this.when, from: 0 });
      if (ticket === this.ticket) this.pageArrived(page, false);
    } catch (e) {
      if (ticket === this.ticket) this.failed(toCloudError(e));
    }
  }

  async loadMore(): Promise<void> {
    if (this.next === null || this.loadingMore || this.loading) return;
    const ticket = this.ticket;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await call('sixOnes', 'activities', { when: this.when, from: this.next });
      if (ticket === this.ticket) this.pageArrived(page, true);
    } catch (e) {
      if (ticket === this.ticket) this.moreFailed(toCloudError(e));
    }
  }

  /** A fresh view of one activity (after signing up, checking in …): its card changes in place. */
  replace(view: ActivityView): void {
    if (this.items.some((a) => a.id === view.id)) this.items = this.items.map((a) => (a.id === view.id ? view : a));
  }

  clear(): void {
    this.ticket++;
    this.items = [];
    this.next = null;
    this.loaded = false;
    this.loading = false;
    this.loadingMore = false;
    this.error = null;
    this.moreError = null;
  }

  private pageArrived(page: ActivityPage, append: boolean): void {
    // An activity may move between pages while paging (one ends): keep each once.
    const seen = new Set(append ? this.items.map((a) => a.id) : []);
    this.items = [...(append ? this.items : []), ...page.items.filter((a) => !seen.has(a.id))];
    this.next = page.next;
    this.loaded = true;
    this.loading = false;
    this.loadingMore = false;
  }

  private failed(error: CloudError): void {
    this.error = error;
    this.loading = false;
  }

  private moreFailed(error: CloudError): void {
    this.moreError = error;
    this.loadingMore = false;
  }
}

export const activities = new ActivityListStore();
