import './configure';
import { makeAutoObservable, runInAction } from 'mobx';
import { toCloudError, type CloudError } from '../services/CloudError';

/** One page of a paged action: its items and where the next page starts (null: none). */
export interface Page<T> {
  items: T[];
  next: number | null;
}

/**
 * A list the server hands out 20 at a time (wish.hall, sixOnes.activities, recordQueue, progress):
 * the first page on `load`, the following ones appended by `more` (加载更多). Shaped like a
 * `Loadable` of a list, so `ListState` renders its states. A load started later wins over one
 * started earlier, as in `Loadable`.
 */
export class PagedList<T> {
  value: T[] | null = null;
  next: number | null = null;
  /** A read is running: the first page's (a refresh, when `value` is there) or a following one's. */
  loading = false;
  /** The read running is of a following page (the list stays as it is; the 加载更多 button spins). */
  loadingMore = false;
  /** The first page's failure (the list cannot show). */
  error: CloudError | null = null;
  /** A following page's failure (the list stays, with 重试 under it). */
  moreError: CloudError | null = null;
  private started = 0;

  constructor(
    readonly fetch: (from: number) => Promise<Page<T>>,
    /**
     * Given for lists whose items move between pages while paging (a wish claimed, an activity
     * ended): an item already listed is not appended again.
     */
    private readonly idOf?: (item: T) => string,
  ) {
    makeAutoObservable<PagedList<T>, 'started' | 'idOf'>(
      this,
      { fetch: false, started: false, idOf: false },
      { autoBind: true, deep: false },
    );
  }

  /** Reads the first page again; resolves with it, or null when the read failed (see `error`). */
  load(): Promise<T[] | null> {
    return this.read(0);
  }

  /** Appends the next page, if there is one and nothing is loading. */
  async more(): Promise<void> {
    if (this.next === null || this.loading) return;
    await this.read(this.next);
  }

  ensure(): void {
    if (this.value === null && !this.loading) void this.load();
  }

  clear(): void {
    this.started++;
    this.value = null;
    this.next = null;
    this.loading = false;
    this.loadingMore = false;
    this.error = null;
    this.moreError = null;
  }

  /** Takes items out of the list (decided elsewhere), without a read. */
  remove(ids: ReadonlySet<string>, idOf: (item: T) => string): void {
    if (this.value) this.value = this.value.filter((item) => !ids.has(idOf(item)));
  }

  private async read(from: number): Promise<T[] | null> {
    const ticket = ++this.started;
    this.loading = true;
    this.loadingMore = from !== 0;
    this.error = null;
    this.moreError = null;
    try {
      const page = await this.fetch(from);
      runInAction(() => {
        if (ticket !== this.started) return;
        this.value = from === 0 ? page.items : this.appended(page.items);
        this.next = page.next;
        this.loading = false;
        this.loadingMore = false;
      });
      return page.items;
    } catch (e) {
      runInAction(() => {
        if (ticket !== this.started) return;
        if (from === 0) this.error = toCloudError(e);
        else this.moreError = toCloudError(e);
        this.loading = false;
        this.loadingMore = false;
      });
      return null;
    }
  }

  private appended(items: T[]): T[] {
    const listed = this.value ?? [];
    const idOf = this.idOf;
    if (!idOf) return [...listed, ...items];
    const seen = new Set(listed.map(idOf));
    return [...listed, ...items.filter((item) => !seen.has(idOf(item)))];
  }
}
