import { getCloud } from './cloud';
import { invalidInput } from './errors';
import { log } from './log';

/**
 * weapp's phone-number button gives a one-time `code`; WeChat exchanges it for the number
 * (phonenumber.getPhoneNumber). A used or forged code is the caller's problem: INVALID_INPUT.
 */
export async function exchangePhoneCode(code: string, requestId: string): Promise<string> {
  try {
    const res = (await getCloud().openapi.phonenumber.getPhoneNumber({ code })) as {
      phoneInfo?: { purePhoneNumber?: string };
    };
    const phone = res.phoneInfo?.purePhoneNumber;
    if (!phone) throw new Error('no phoneInfo in reply');
    return phone;
  } catch (err) {
    log.warn('phone code exchange failed', { requestId, error: String((err as { errMsg?: string }).errMsg ?? err) });
    throw invalidInput('手机号授权已失效，请重新获取', [{ path: 'phoneCode', message: '授权码无效' }]);
  }
}
