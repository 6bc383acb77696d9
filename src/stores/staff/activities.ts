import '../configure';
import { makeAutoObservable } from 'mobx';
import type { ActivityView } from '../../../contract';
import { call } from '../../services/cloud';
import { PagedList } from '../paged';

export const ACTIVITY_TABS = ['upcoming', 'past'] as const;
export type ActivityTab = (typeof ACTIVITY_TABS)[number];
export const ACTIVITY_TAB_LABELS: Record<ActivityTab, string> = { upcoming: '未结束', past: '已结束' };

export const PHASE_LABELS: Record<ActivityView['phase'], string> = {
  signUp: '报名中',
  closed: '报名已截止',
  checkIn: '签到中',
  ended: '已结束',
  cancelled: '已取消',
};

/**
 * 社区活动 (secretary): the community's activities, not yet ended soonest first, or ended newest
 * first, 20 a page (sixOnes.activities; the server knows the community from the caller).
 */
class StaffActivitiesStore {
  tab: ActivityTab = 'upcoming';
  readonly lists: Record<ActivityTab, PagedList<ActivityView>> = {
    upcoming: new PagedList((from) => call('sixOnes', 'activities', { when: 'upcoming', from })),
    past: new PagedList((from) => call('sixOnes', 'activities', { when: 'past', from })),
  };

  constructor() {
    makeAutoObservable(this, { lists: false }, { autoBind: true, deep: false });
  }

  get current(): PagedList<ActivityView> {
    return this.lists[this.tab];
  }

  /** Shown again (first open, or back from publishing or editing): the tab read afresh, the other later. */
  refresh(): void {
    for (const [tab, list] of Object.entries(this.lists)) if (tab !== this.tab) list.clear();
    void this.current.load();
  }

  show(tab: ActivityTab): void {
    this.tab = tab;
    this.current.ensure();
  }
}

export const staffActivities = new StaffActivitiesStore();
