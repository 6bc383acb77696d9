import '../configure';
import { makeAutoObservable } from 'mobx';
import type { UserSummary } from '../../../contract';
import { call } from '../../services/cloud';
import { Loadable } from '../loadable';
import { checkUserQuery } from '../../utils/fields';

/** Who a search finds: by default account.findUsers (the county admin anyone, a secretary the residents of their community). */
export type UserFinder = (query: string) => Promise<UserSummary[]>;

const findUsers: UserFinder = (query) => call('account', 'findUsers', { query });

/** Finding a person by name or phone, with `find` (account.findUsers unless told). */
export class UserSearch {
  query = '';
  queryError: string | null = null;
  /** Null until the first search. */
  results: Loadable<UserSummary[]> | null = null;

  constructor(private readonly find: UserFinder = findUsers) {
    makeAutoObservable<UserSearch, 'find'>(this, { find: false }, { autoBind: true, deep: false });
  }

  setQuery(query: string): void {
    this.query = query;
    this.queryError = null;
  }

  search(): void {
    const query = this.query.trim();
    this.queryError = checkUserQuery(query);
    if (this.queryError) return;
    this.results = new Loadable(() => this.find(query));
    void this.results.load();
  }

  /** A user changed by a grant or revocation: the list shows the new roles. */
  replace(user: UserSummary): void {
    const results = this.results;
    if (results?.value) results.value = results.value.map((u) => (u.openid === user.openid ? user : u));
  }

  clear(): void {
    this.query = '';
    this.queryError = null;
    this.results = null;
  }
}
