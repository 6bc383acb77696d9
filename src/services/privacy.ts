// The version of the privacy guide this build shows (a zod-free module of the contract).
export { PRIVACY_VERSION } from '../../contract/privacy';

type PlatformResolve = (answer: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

interface WxPrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: PlatformResolve) => void) => void;
  openPrivacyContract?: (opts: { fail?: () => void }) => void;
}
declare const wx: WxPrivacyApi | undefined;

/** The id of the 同意 button: WeChat requires an agreePrivacyAuthorization button to resolve with. */
export const PRIVACY_AGREE_BUTTON_ID = 'txy-privacy-agree';

/**
 * weapp: WeChat asks before the first privacy API call (location, photos…) when the user has not
 * agreed yet; we answer with our popup. No-op elsewhere or on base libraries without the API.
 */
export function onPlatformPrivacyRequest(listener: (resolve: PlatformResolve) => void): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  if (typeof wx === 'undefined' || typeof wx.onNeedPrivacyAuthorization !== 'function') return;
  wx.onNeedPrivacyAuthorization(listener);
}

/** weapp: opens the guide as registered in the mini-program admin console; false where unavailable. */
export function openPlatformPrivacyContract(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  if (typeof wx === 'undefined' || typeof wx.openPrivacyContract !== 'function') return false;
  wx.openPrivacyContract({});
  return true;
}

export type { PlatformResolve };
