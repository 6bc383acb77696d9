import '../configure';
import { makeAutoObservable } from 'mobx';
import type { AuditEntry, AuditKind } from '../../../contract';
import { call } from '../../services/cloud';
import { PagedList } from '../paged';
import { UserSearch } from './userSearch';

/** Whose actions 操作记录 shows: anyone (null) or one person, named as the entries name them. */
export interface AuditPerson {
  openid: string;
  name: string;
}

/**
 * 操作记录 (county admin: every entry; secretary: their community's): staff actions newest
 * first, 20 at a time, by kind (the chips) and by person (a search, or a tap on a name in an
 * entry). A filter reads the first page again.
 */
class AuditLogStore {
  kind: AuditKind | null = null;
  person: AuditPerson | null = null;
  /** The person search is open (找人). */
  searching = false;
  readonly people = new UserSearch();
  readonly list = new PagedList<AuditEntry>((from) =>
    call('directory', 'audit', {
      ...(this.kind ? { kind: this.kind } : {}),
      ...(this.person ? { by: this.person.openid } : {}),
      from,
    }),
  );

  constructor() {
    makeAutoObservable(this, { list: false, people: false }, { autoBind: true, deep: false });
  }

  /** The page opens on everything, newest first. */
  open(): void {
    this.kind = null;
    this.person = null;
    this.searching = false;
    this.people.clear();
    this.list.clear();
    void this.list.load();
  }

  setKind(kind: AuditKind | null): void {
    if (this.kind === kind) return;
    this.kind = kind;
    void this.list.load();
  }

  /** Only this person's actions (null: everyone's). */
  filterBy(person: AuditPerson | null): void {
    this.searching = false;
    if (this.person?.openid === person?.openid) return;
    this.person = person;
    void this.list.load();
  }

  toggleSearch(): void {
    this.searching = !this.searching;
    if (!this.searching) this.people.clear();
  }
}

export const auditLog = new AuditLogStore();
