import './configure';
import { makeAutoObservable } from 'mobx';
import type { CaseView } from '../../contract';
import { call } from '../services/cloud';
import { Loadable } from './loadable';
import { session } from './session';

/**
 * 我的诉求 (complaint.mine) of the signed-in resident, newest first. Read again each time the
 * 诉求 tab is shown: handlers move these cases on elsewhere, and the list is short. A change of
 * user (h5 demo identity) forgets it. What an action here answers replaces its card at once.
 */
class CasesStore {
  readonly mine = new Loadable<CaseView[]>(() => call('complaint', 'mine', {}));
  private loadedFor: string | null = null;

  constructor() {
    makeAutoObservable<this, 'loadedFor'>(this, { mine: false, loadedFor: false }, { autoBind: true });
  }

  showMine(): void {
    const openid = session.me?.openid ?? null;
    if (openid !== this.loadedFor) {
      this.loadedFor = openid;
      this.mine.clear();
    }
    if (openid && !this.mine.loading) void this.mine.load();
  }

  /** The case as an action answered it, in place in the list (so going back shows it at once). */
  replace(view: CaseView): void {
    const list = this.mine.value;
    if (list?.some((c) => c.id === view.id)) this.mine.value = list.map((c) => (c.id === view.id ? view : c));
  }

  /** A case just submitted, on top of the list. */
  prepend(view: CaseView): void {
    const list = this.mine.value;
    if (list) this.mine.value = [view, ...list.filter((c) => c.id !== view.id)];
  }
}

export const cases = new CasesStore();
