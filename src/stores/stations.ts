import './configure';
import Taro from '@tarojs/taro';
import { makeAutoObservable } from 'mobx';
import type { StationView } from '../../contract';
import { call } from '../services/cloud';
import { toCloudError, type CloudError } from '../services/CloudError';
import { wgs84ToGcj02, type LatLng } from '../utils/gcj02';

/**
 * How the list is ordered: by distance from where the resident is, or (no location: consent
 * not given yet, refused, unavailable, or outside the county's coordinate range) by station.
 */
export type Located = 'near' | 'noConsent' | 'refused';

/** Long enough for a GPS fix, short enough that a silent browser prompt does not hang the page. */
const LOCATE_TIMEOUT_MS = 10_000;

/** 红色驿站: the stations nearest first when the resident allows their location. */
class StationsStore {
  list: StationView[] = [];
  loading = false;
  error: CloudError | null = null;
  located: Located | null = null;
  private ticket = 0;

  constructor() {
    makeAutoObservable<this, 'ticket'>(this, { ticket: false }, { autoBind: true });
  }

  /** Loads the list; asks for the location only with the privacy guide accepted. */
  async load(withLocation: boolean): Promise<void> {
    const ticket = ++this.ticket;
    this.started();
    const near = withLocation ? await locate() : null;
    try {
      const list = await call('directory', 'stations', near ? { near } : {});
      if (ticket === this.ticket) this.loaded(list, near ? 'near' : withLocation ? 'refused' : 'noConsent');
    } catch (e) {
      if (ticket === this.ticket) this.failed(toCloudError(e));
    }
  }

  /** Opened on a detail page with no list yet (e.g. shared link): the list without location. */
  ensure(): void {
    if (this.list.length === 0 && !this.loading) void this.load(false);
  }

  byId(id: string): StationView | null {
    return this.list.find((s) => s.id === id) ?? null;
  }

  private started(): void {
    this.loading = true;
    this.error = null;
  }

  private loaded(list: StationView[], located: Located): void {
    this.list = list;
    this.located = located;
    this.loading = false;
  }

  private failed(error: CloudError): void {
    this.error = error;
    this.loading = false;
  }
}

/**
 * The resident's GCJ-02 position, or null. weapp answers GCJ-02 itself; a browser answers
 * WGS-84 (Taro's h5 getLocation has only that unless WeChat's JS-SDK is present), converted here.
 */
async function locate(): Promise<LatLng | null> {
  const attempt = async (): Promise<LatLng | null> => {
    try {
      const r = await Taro.getLocation({ type: 'gcj02' });
      return { lat: r.latitude, lng: r.longitude };
    } catch (e) {
      if (process.env.TARO_ENV !== 'h5') throw e;
    }
    const r = await Taro.getLocation({ type: 'wgs84' });
    return wgs84ToGcj02({ lat: r.latitude, lng: r.longitude });
  };
  try {
    const point = await Promise.race([
      attempt(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), LOCATE_TIMEOUT_MS)),
    ]);
    return point && inServedRange(point) ? point : null;
  } catch {
    return null;
  }
}

/** contract `latLng`: the server takes points within mainland China only. */
function inServedRange({ lat, lng }: LatLng): boolean {
  return lat >= 3 && lat <= 54 && lng >= 73 && lng <= 136;
}

export const stations = new StationsStore();
