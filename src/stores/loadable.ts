import './configure';
import { makeAutoObservable } from 'mobx';
import { toCloudError, type CloudError } from '../services/CloudError';

/**
 * One value fetched from the cloud with its loading and error state, the shape every page
 * renders (loading / error / empty / data). A later `load` wins over an earlier one still in
 * flight, so a quick change of mind never shows stale data.
 */
export class Loadable<T> {
  value: T | null = null;
  loading = false;
  error: CloudError | null = null;
  private readonly fetcher: () => Promise<T>;
  private ticket = 0;

  constructor(fetcher: () => Promise<T>) {
    this.fetcher = fetcher;
    makeAutoObservable<this, 'fetcher' | 'ticket'>(this, { fetcher: false, ticket: false }, { autoBind: true });
  }

  /** Fetches again; resolves with the value, or null when it failed (see `error`). */
  async load(): Promise<T | null> {
    const ticket = ++this.ticket;
    this.started();
    try {
      const value = await this.fetcher();
      if (ticket === this.ticket) this.loaded(value);
      return value;
    } catch (e) {
      if (ticket === this.ticket) this.failed(toCloudError(e));
      return null;
    }
  }

  /** Loads unless the value is already here or on its way. */
  ensure(): void {
    if (this.value === null && !this.loading) void this.load();
  }

  /** Forgets the value (e.g. another user signed in). */
  clear(): void {
    this.ticket++;
    this.value = null;
    this.loading = false;
    this.error = null;
  }

  private started(): void {
    this.loading = true;
    this.error = null;
  }

  private loaded(value: T): void {
    this.value = value;
    this.loading = false;
  }

  private failed(error: CloudError): void {
    this.error = error;
    this.loading = false;
  }
}
