import '../configure';
import { makeAutoObservable } from 'mobx';
import type { MeetingSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { currentYear } from '../../utils/activityTimes';
import { PagedList } from '../paged';

/** The quarter tabs: the whole year, or one quarter. */
export const QUARTER_TABS = ['all', 'q1', 'q2', 'q3', 'q4'] as const;
export type QuarterTab = (typeof QUARTER_TABS)[number];
export const QUARTER_TAB_LABELS: Record<QuarterTab, string> = {
  all: '全年',
  q1: '一季度',
  q2: '二季度',
  q3: '三季度',
  q4: '四季度',
};
export const QUARTER_NAMES = ['', '一季度', '二季度', '三季度', '四季度'] as const;

/** 联席会议: the meetings of a year (one quarter, or all), latest first; the county admin may narrow to a community. */
class MeetingListStore {
  communityId: string | null = null;
  year = currentYear();
  tab: QuarterTab = 'all';
  readonly list = new PagedList<MeetingSummary>(
    (from) =>
      call('meeting', 'meetings', {
        ...(this.communityId ? { communityId: this.communityId } : {}),
        year: this.year,
        ...(this.tab === 'all' ? {} : { quarter: QUARTER_TABS.indexOf(this.tab) }),
        from,
      }),
    (m) => m.id,
  );

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  get years(): number[] {
    const now = currentYear();
    return [now, now - 1];
  }

  open(communityId: string | null): void {
    this.communityId = communityId;
    this.list.clear();
    void this.list.load();
  }

  /** Back on the page (a meeting called, recorded or cancelled): read again. */
  refresh(): void {
    void this.list.load();
  }

  showYear(year: number): void {
    if (year === this.year) return;
    this.year = year;
    this.list.clear();
    void this.list.load();
  }

  show(tab: QuarterTab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.list.clear();
    void this.list.load();
  }
}

export const meetingList = new MeetingListStore();
