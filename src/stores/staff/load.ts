import '../configure';
import { makeAutoObservable, runInAction } from 'mobx';
import { toCloudError, type CloudError } from '../../services/CloudError';

/**
 * One piece of server data a staff page shows: the last answer, whether a load is running, and
 * the last failure. A load started later wins over one started earlier (switching grids or tabs
 * quickly never shows the answer for the previous choice).
 */
export class Loadable<T> {
  data: T | null = null;
  loading = false;
  error: CloudError | null = null;
  private started = 0;

  constructor(readonly fetch: () => Promise<T>) {
    // `deep: false` in every staff store: answers are replaced whole, never changed in place, and
    // without proxies a deep observable array is no real array (Array.isArray is false for it).
    makeAutoObservable<Loadable<T>, 'started'>(this, { fetch: false, started: false }, { autoBind: true, deep: false });
  }

  async load(): Promise<void> {
    const ticket = ++this.started;
    this.loading = true;
    this.error = null;
    try {
      const data = await this.fetch();
      runInAction(() => {
        if (ticket !== this.started) return;
        this.data = data;
        this.loading = false;
      });
    } catch (e) {
      runInAction(() => {
        if (ticket !== this.started) return;
        this.error = toCloudError(e);
        this.loading = false;
      });
    }
  }

  /** Loads unless an answer or a load is already there. */
  ensure(): void {
    if (this.data === null && !this.loading) void this.load();
  }

  /** The data, reading it first if there is none yet; null when the read failed. */
  async get(): Promise<T | null> {
    if (this.data === null) await this.load();
    return this.data;
  }

  /** Replaces the data with what an action answered (no second read). */
  set(data: T): void {
    this.data = data;
  }

  /** Forgets the answer so the next `ensure` reads again. */
  reset(): void {
    this.started++;
    this.data = null;
    this.loading = false;
    this.error = null;
  }
}

/** A change sent to the server: busy while it runs, and its failure to show next to the button. */
export class Pending {
  busy = false;
  error: CloudError | null = null;

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true, deep: false });
  }

  /** Runs `send`; resolves with its answer, or with undefined after recording the failure. */
  async run<R>(send: () => Promise<R>): Promise<R | undefined> {
    this.busy = true;
    this.error = null;
    try {
      const result = await send();
      runInAction(() => (this.busy = false));
      return result;
    } catch (e) {
      runInAction(() => {
        this.error = toCloudError(e);
        this.busy = false;
      });
      return undefined;
    }
  }

  clear(): void {
    this.error = null;
  }
}
