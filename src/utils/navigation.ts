import Taro from '@tarojs/taro';
import { TAB_ROUTES } from '../routes';

/**
 * Back to the page this one was opened from; opened first (a shared link, a notification, h5
 * opened at its address), there is none: then to `fallback`, a tab page or a page of the app.
 */
export function backOr(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else if ((TAB_ROUTES as readonly string[]).includes(fallback)) void Taro.switchTab({ url: fallback });
  else void Taro.redirectTo({ url: fallback });
}
