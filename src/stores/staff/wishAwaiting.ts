import '../configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../../contract';
import { call } from '../../services/cloud';
import { QueueSearch } from '../queueSearch';
import { Loadable } from '../loadable';
import { session } from '../session';

/**
 * 待居民确认 (wish.awaitingConfirmation): fulfilled wishes of the grid worker's grids or the
 * secretary's community that the resident has not confirmed for 7 days or more, longest waiting
 * first, narrowed by the words searched. Each opens the wish's page, where staff confirm on the
 * resident's behalf (代居民确认完成). The staff home shows how many there are; the list reads again
 * whenever shown. No 已办 tab: a wish confirmed is completed, and its page keeps who confirmed it.
 */
class WishAwaitingStore {
  readonly query = new QueueSearch(() => this.reload());
  readonly list = new Loadable<WishView[]>(() => call('wish', 'awaitingConfirmation', this.query.param));
  private loadedFor: string | null = null;

  constructor() {
    makeAutoObservable<this, 'loadedFor'>(this, { list: false, loadedFor: false }, { autoBind: true });
  }

  /** Reads the list again (the cards stay while it reads); another user's is forgotten first. */
  show(): void {
    const openid = session.me?.openid ?? null;
    if (openid !== this.loadedFor) {
      this.loadedFor = openid;
      this.query.clear();
      this.list.clear();
    }
    if (!this.list.loading) void this.list.load();
  }

  private reload(): void {
    this.list.clear();
    void this.list.load();
  }
}

export const wishAwaiting = new WishAwaitingStore();
