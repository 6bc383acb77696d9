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
