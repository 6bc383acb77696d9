import '../configure';
import { makeAutoObservable } from 'mobx';
import type { StationView } from '../../../contract';
import { call } from '../../services/cloud';
import type { CloudError } from '../../services/CloudError';
import { currentPoint } from '../../services/location';
import { Loadable } from '../loadable';

/**
 * How the list is ordered: by distance from where the resident is, or (no location: consent
 * not given yet, refused, unavailable, or outside the county's coordinate range) by station.
 */
export type Located = 'near' | 'noConsent' | 'refused';

/** 红色驿站: the stations nearest first when the resident allows their location. */
class StationsStore {
  /** Whether the next read asks for the location. */
  private withLocation = false;
  private readonly answer = new Loadable<{ list: StationView[]; located: Located }>(async () => {
    const withLocation = this.withLocation;
    const near = withLocation ? await currentPoint() : null;
    const list = await call('directory', 'stations', near ? { near } : {});
    return { list, located: near ? 'near' : withLocation ? 'refused' : 'noConsent' };
  });

  constructor() {
    makeAutoObservable<this, 'withLocation' | 'answer'>(
      this,
      { withLocation: false, answer: false },
      { autoBind: true, deep: false },
    );
  }

  get list(): StationView[] {
    return this.answer.value?.list ?? [];
  }

  get located(): Located | null {
    return this.answer.value?.located ?? null;
  }

  get loading(): boolean {
    return this.answer.loading;
  }

  get error(): CloudError | null {
    return this.answer.error;
  }

  /** Loads the list; asks for the location only with the privacy guide accepted. */
  async load(withLocation: boolean): Promise<void> {
    this.withLocation = withLocation;
    await this.answer.load();
  }

  /** Opened on a detail page with no list yet (e.g. shared link): the list without location. */
  ensure(): void {
    if (this.list.length === 0 && !this.loading) void this.load(false);
  }

  byId(id: string): StationView | null {
    return this.list.find((s) => s.id === id) ?? null;
  }
}

export const stations = new StationsStore();
