import Taro from '@tarojs/taro';
import { CHECK_IN_QR_PREFIX } from '../../contract/sixOnes';
import { CloudError } from '../services/CloudError';

/** The check-in code as the contract takes it: 8 digits. */
export { CHECK_IN_CODE, CHECK_IN_CODE_MESSAGE } from '../../contract/limits';

/**
 * The code in a scanned QR text `txy-checkin:<activityId>:<8 digits>`, for this activity; a
 * CloudError with what to tell the member when it is some other code or another activity's.
 */
export function codeFromQr(text: string, activityId: string): string {
  const rest = text.trim().startsWith(CHECK_IN_QR_PREFIX) ? text.trim().slice(CHECK_IN_QR_PREFIX.length) : null;
  const match = rest === null ? null : /^([A-Za-z0-9_-]+):(\d{8})$/.exec(rest);
  if (!match) throw new CloudError('INVALID_INPUT', '这不是活动签到码，请扫描组织者手机上显示的签到二维码', null);
  if (match[1] !== activityId) throw new CloudError('INVALID_INPUT', '这是其他活动的签到码，请核对活动后再扫码', null);
  return match[2];
}

/**
 * weapp: WeChat's scanner (camera only: a photo from the album is no proof of presence).
 * Resolves with the QR text, or null when the member closes the scanner.
 */
export async function scanQr(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return res.result;
  } catch (e) {
    const message = String((e as { errMsg?: unknown } | null)?.errMsg ?? '');
    if (/cancel/i.test(message)) return null;
    throw new CloudError('INTERNAL', '无法打开扫码，请在设置中允许使用摄像头，或输入签到码', null);
  }
}
