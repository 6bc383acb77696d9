import Taro from '@tarojs/taro';
import { inLatLngRange } from '../utils/fields';
import { wgs84ToGcj02, type LatLng } from '../utils/gcj02';

/** Long enough for a fix, short enough that a slow GPS never holds an action up for long. */
const LOCATE_TIMEOUT_MS = 8_000;

/**
 * Where the user is (GCJ-02), or null: they did not allow it, there was no fix in time, or it is
 * outside the range the server takes (mainland China). weapp answers GCJ-02 itself; a browser
 * answers WGS-84 (Taro's h5 getLocation has only that without WeChat's JS-SDK), converted here.
 * Nothing waits on it for long, and nothing fails without it.
 */
export async function currentPoint(): Promise<LatLng | null> {
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const point = await Promise.race([
      attempt(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), LOCATE_TIMEOUT_MS))),
    ]);
    return point && inLatLngRange(point) ? point : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** A place picked on WeChat's map (GCJ-02), as people read it. */
export interface MapPick {
  name: string;
  address: string;
  lat: number;
  lng: number;
}

/** What became of WeChat's map picker: a place, closed without one, or refused (why, for the user). */
export type MapChoice = { picked: MapPick } | { cancelled: true } | { refused: string };

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * weapp: WeChat's map picker (`chooseLocation`), opened near `near` when given. Closing it is no
 * error; a refusal (location permission off, the privacy guide not agreed to) says what to do.
 */
export async function chooseOnMap(near: LatLng | null): Promise<MapChoice> {
  try {
    const r = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {});
    return {
      picked: { name: r.name ?? '', address: r.address ?? '', lat: round6(r.latitude), lng: round6(r.longitude) },
    };
  } catch (e) {
    const message = String((e as { errMsg?: unknown } | null)?.errMsg ?? '');
    if (/privacy/i.test(message)) return { refused: '需要先同意《隐私保护指引》才能在地图上选择地点' };
    if (/auth|permission|deny/i.test(message))
      return { refused: '未获得位置权限：请点右上角「···」→「设置」，允许使用位置信息后重试' };
    if (/cancel/i.test(message)) return { cancelled: true };
    return { refused: '暂时无法打开地图，请稍后重试' };
  }
}
