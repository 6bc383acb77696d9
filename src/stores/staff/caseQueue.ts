import '../configure';
import { makeAutoObservable } from 'mobx';
import type { CaseView, TaskView } from '../../../contract';
import { call } from '../../services/cloud';
import { QueueSearch } from '../queueSearch';
import { PagedList } from '../paged';

/** Whose queue: the grid worker's grids, the secretary's community, or the property liaison's estates (红色物业). */
export type QueueKind = 'grid' | 'community' | 'property';
/** 待办 (a community's: 待处理, or 全部办理中) or 已办. */
export type QueueView = 'todo' | 'all' | 'done';

export const isQueueKind = (v: string | undefined): v is QueueKind =>
  v === 'grid' || v === 'community' || v === 'property';

/**
 * 网格诉求 (complaint.gridQueue) and 社区诉求 (complaint.communityQueue): 待办 by urgency and
 * deadline, the overdue first (a community's 待处理 or 全部办理中), or 已办, latest moved first;
 * narrowed by the words searched; 20 a page. Read again each time the page is shown (others act
 * on these cases too).
 */
class CaseQueueStore {
  kind: QueueKind = 'grid';
  view: QueueView = 'todo';
  readonly query = new QueueSearch(() => this.reload());
  readonly list = new PagedList<CaseView>((from) => {
    const tab = this.view === 'done' ? 'done' : 'todo';
    const q = this.query.param;
    if (this.kind === 'property') return call('complaint', 'propertyQueue', { tab, from, ...q });
    return this.kind === 'grid'
      ? call('complaint', 'gridQueue', { tab, from, ...q })
      : call('complaint', 'communityQueue', { tab, filter: this.view === 'all' ? 'all' : 'action', from, ...q });
  });

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  enter(kind: QueueKind): void {
    this.kind = kind;
    this.view = 'todo';
    this.query.clear();
    this.reload();
  }

  setView(view: QueueView): void {
    if (view === this.view) return;
    this.view = view;
    this.reload();
  }

  refresh(): Promise<unknown> {
    return this.list.load();
  }

  private reload(): void {
    this.list.clear();
    void this.list.load();
  }
}

export const caseQueue = new CaseQueueStore();

export type InboxStatus = 'open' | 'done';

/**
 * 吹哨报到 (complaint.deptInbox): the department's whistles to report in and handle, or done;
 * narrowed by the words searched, as the case queues are.
 */
class CaseInboxStore {
  status: InboxStatus = 'open';
  readonly query = new QueueSearch(() => this.reload());
  readonly list = new PagedList<TaskView>((from) =>
    call('complaint', 'deptInbox', { status: this.status, from, ...this.query.param }),
  );

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  enter(): void {
    this.status = 'open';
    this.query.clear();
    this.reload();
  }

  setStatus(status: InboxStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.reload();
  }

  refresh(): Promise<unknown> {
    return this.list.load();
  }

  private reload(): void {
    this.list.clear();
    void this.list.load();
  }
}

export const caseInbox = new CaseInboxStore();
