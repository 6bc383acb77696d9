import './configure';
import { makeAutoObservable } from 'mobx';
import type { MemberYearView, RecordView } from '../../contract';
import { call } from '../services/cloud';
import { Loadable } from './loadable';
import { session } from './session';

/**
 * 我的六个一 (sixOnes.myYear): this year's six items, done or not, with the records behind each.
 * Read again whenever shown (the secretary reviews elsewhere); the items stay on screen while it
 * reads. A change of user (h5 demo identity) forgets it.
 */
class MyYearStore {
  readonly year = new Loadable<MemberYearView>(() => call('sixOnes', 'myYear', {}));
  private loadedFor: string | null = null;

  constructor() {
    makeAutoObservable<this, 'loadedFor'>(this, { year: false, loadedFor: false }, { autoBind: true });
  }

  show(): void {
    this.forCurrentUser();
    if (!this.year.loading) void this.year.load();
  }

  /** Something changed the records (a check-in, a record filed): read again when next asked. */
  invalidate(): void {
    this.year.clear();
  }

  /** One of the member's records (the one to refile), reading the year first if needed. */
  async record(recordId: string): Promise<RecordView | null> {
    this.forCurrentUser();
    const year = await this.year.get();
    return year?.items.flatMap((i) => i.records).find((r) => r.id === recordId) ?? null;
  }

  private forCurrentUser(): void {
    const openid = session.me?.openid ?? null;
    if (openid === this.loadedFor) return;
    this.loadedFor = openid;
    this.year.clear();
  }
}

export const myYear = new MyYearStore();
