import '../configure';
import { makeAutoObservable, observable } from 'mobx';
import type { AuditEntry } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from '../loadable';

const FIRST_PAGE = 30;
/** directory.audit answers at most 100 entries. */
export const AUDIT_MAX = 100;

/** 操作记录 (county admin): the newest changes to the directory and to people's roles. */
class AuditLogStore {
  limit = FIRST_PAGE;
  list = this.read(FIRST_PAGE);

  constructor() {
    makeAutoObservable(this, { list: observable.ref }, { autoBind: true, deep: false });
  }

  get canShowMore(): boolean {
    return this.limit < AUDIT_MAX && (this.list.value?.length ?? 0) >= this.limit;
  }

  open(): void {
    this.limit = FIRST_PAGE;
    this.list = this.read(this.limit);
    void this.list.load();
  }

  showMore(): void {
    this.limit = AUDIT_MAX;
    const previous = this.list.value;
    this.list = this.read(this.limit);
    if (previous) this.list.value = previous;
    void this.list.load();
  }

  private read(limit: number): Loadable<AuditEntry[]> {
    return new Loadable(() => call('directory', 'audit', { limit }));
  }
}

export const auditLog = new AuditLogStore();
