import './configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../contract';
import { HALL_SORT_KEYS, HALL_SORT_LABELS, type HallSort, type WishCategory } from '../../contract/wishLabels';
import { call } from '../services/cloud';
import { Loadable } from './loadable';
import { PagedList } from './paged';
import { session } from './session';

export type { HallSort };

export const HALL_SORTS: ReadonlyArray<{ key: HallSort; label: string }> = HALL_SORT_KEYS.map((key) => ({
  key,
  label: HALL_SORT_LABELS[key],
}));

/**
 * 心愿大厅 (wish.hall): published wishes by category, in the order the chip shows (最新, 等待最久,
 * 本社区优先); 20 a page, 加载更多 appends the next one.
 */
class WishHallStore {
  category: WishCategory | null = null;
  sort: HallSort = 'newest';
  /** A wish may move between pages while paging: each is listed once. */
  readonly list = new PagedList<WishView>(
    (from) => call('wish', 'hall', this.query(from)),
    (wish) => wish.id,
  );

  constructor() {
    makeAutoObservable(this, { list: false }, { autoBind: true, deep: false });
  }

  setCategory(category: WishCategory | null): void {
    if (category === this.category) return;
    this.category = category;
    this.restart();
  }

  setSort(sort: HallSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.restart();
  }

  /** Another filter: the list empties (never showing the previous filter's wishes) and reads again. */
  private restart(): void {
    this.list.clear();
    void this.list.load();
  }

  private query(from: number) {
    return { sort: this.sort, from, ...(this.category ? { category: this.category } : {}) };
  }
}

/**
 * The wish lists of the signed-in user: the hall (members), 我的心愿 (wish.mine) and 我的认领
 * (wish.myClaims). The short lists read again whenever shown; the paged hall only after a change
 * made in the app (claim …) or a pull-down refresh, so paging back from a wish keeps its place.
 * A change of user (h5 demo identity) forgets all three.
 */
class WishesStore {
  readonly hall = new WishHallStore();
  readonly mine = new Loadable<WishView[]>(() => call('wish', 'mine', {}));
  readonly myClaims = new Loadable<WishView[]>(() => call('wish', 'myClaims', {}));

  private staleHall = true;
  private loadedFor: string | null = null;

  constructor() {
    makeAutoObservable<this, 'staleHall' | 'loadedFor'>(
      this,
      { hall: false, mine: false, myClaims: false, staleHall: false, loadedFor: false },
      { autoBind: true },
    );
  }

  /** Something changed a wish: every list reads again when next shown. */
  invalidate(): void {
    this.staleHall = true;
  }

  /** The hall, read unless already current. */
  showHall(): void {
    this.forCurrentUser();
    if (this.staleHall || (this.hall.list.value === null && !this.hall.list.loading)) {
      this.staleHall = false;
      void this.hall.list.load();
    }
  }

  /**
   * 我的心愿, read again each time it is shown: others move these wishes on (review, claim,
   * fulfilment), and the list is short. The cards stay while it reads.
   */
  showMine(): void {
    this.forCurrentUser();
    if (!this.mine.loading) void this.mine.load();
  }

  /** 我的认领, read again each time it is shown (the residents confirm elsewhere). */
  showMyClaims(): void {
    this.forCurrentUser();
    if (!this.myClaims.loading) void this.myClaims.load();
  }

  /** Another user signed in (h5 demo switch): forget the previous one's lists. */
  private forCurrentUser(): void {
    const openid = session.me?.openid ?? null;
    if (openid === this.loadedFor) return;
    this.loadedFor = openid;
    this.hall.list.clear();
    this.mine.clear();
    this.myClaims.clear();
    this.invalidate();
  }
}

export const wishes = new WishesStore();
