import './configure';
import { makeAutoObservable } from 'mobx';
import type { CaseView, TaskView } from '../../contract';
import { call } from '../services/cloud';
import { PagedList } from './staff/paged';

/** Whose queue: the grid worker's grids, or the secretary's community. */
export type QueueKind = 'grid' | 'community';
export type CommunityFilter = 'action' | 'all';

export const isQueueKind = (v: string | undefined): v is QueueKind => v === 'grid' || v === 'community';

/**
 * 网格诉求 (complaint.gridQueue) and 社区诉求 (complaint.communityQueue, 待处理 or 全部): open
 * cases by deadline, the overdue first, 20 a page. Read again each time the page is shown
 * (others act on these cases too).
 */
class CaseQueueStore {
  kind: QueueKind = 'grid';
  filter: CommunityFilter = 'action';
  readonly list = new PagedList<CaseView>((from) =>
    this.kind === 'grid'
      ? call('complaint', 'gridQueue', { from })
      : call('complaint', 'communityQueue', { filter: this.filter, from }),
  );

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  enter(kind: QueueKind): void {
    this.kind = kind;
    this.filter = 'action';
    this.list.clear();
    void this.list.load();
  }

  setFilter(filter: CommunityFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.list.clear();
    void this.list.load();
  }

  refresh(): Promise<unknown> {
    return this.list.load();
  }
}

export const caseQueue = new CaseQueueStore();

export type InboxStatus = 'open' | 'done';

/** 吹哨报到 (complaint.deptInbox): the department's whistles to report in and handle, or done. */
class CaseInboxStore {
  status: InboxStatus = 'open';
  readonly list = new PagedList<TaskView>((from) => call('complaint', 'deptInbox', { status: this.status, from }));

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  enter(): void {
    this.status = 'open';
    this.list.clear();
    void this.list.load();
  }

  setStatus(status: InboxStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.list.clear();
    void this.list.load();
  }

  refresh(): Promise<unknown> {
    return this.list.load();
  }
}

export const caseInbox = new CaseInboxStore();
