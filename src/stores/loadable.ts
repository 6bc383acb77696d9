import './configure';
import { makeAutoObservable, runInAction } from 'mobx';
import { toCloudError, type CloudError } from '../services/CloudError';

/**
 * One piece of server data a page shows: the last answer, whether a load is running, and the
 * last failure (the states every page renders: loading / error / empty / data). A load started
 * later wins over one started earlier, so a quick change of mind (another grid, another tab)
 * never shows the answer for the previous choice.
 */
export class Loadable<T> {
  value: T | null = null;
  loading = false;
  error: CloudError | null = null;
  private started = 0;

  constructor(readonly fetch: () => Promise<T>) {
    // `deep: false`: answers are replaced whole, never changed in place, and without proxies
    // (stores/configure.ts) a deep observable array is no real array (Array.isArray is false).
    makeAutoObservable<Loadable<T>, 'started'>(this, { fetch: false, started: false }, { autoBind: true, deep: false });
  }

  /**
   * Reads again; resolves with the answer, or null when the read failed (see `error`). What an
   * action answers instead is assigned to `value` whole (no second read).
   */
  async load(): Promise<T | null> {
    const ticket = ++this.started;
    this.loading = true;
    this.error = null;
    try {
      const value = await this.fetch();
      runInAction(() => {
        if (ticket !== this.started) return;
        this.value = value;
        this.loading = false;
      });
      return value;
    } catch (e) {
      runInAction(() => {
        if (ticket !== this.started) return;
        this.error = toCloudError(e);
        this.loading = false;
      });
      return null;
    }
  }

  /** Loads unless an answer or a load is already there. */
  ensure(): void {
    if (this.value === null && !this.loading) void this.load();
  }

  /** The value, reading it first if there is none yet; null when the read failed. */
  async get(): Promise<T | null> {
    if (this.value === null) await this.load();
    return this.value;
  }

  /** Forgets the answer (and any load on its way) so the next `ensure` reads again. */
  clear(): void {
    this.started++;
    this.value = null;
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
