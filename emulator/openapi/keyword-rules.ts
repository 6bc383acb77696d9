import type { KeywordType } from '../../contract/notifications';

/**
 * WeChat's rules for subscribe-message keyword values (订阅消息参数值内容限制说明), checked as the
 * platform checks them: a value that breaks its keyword type's rule fails the whole send with
 * errcode 47003. Written from WeChat's table, apart from the server's formatting, so a value
 * the server gets wrong is refused here as it would be there.
 */
const HAN = /\p{Script=Han}/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const YMD = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2})`;
const HM = String.raw`([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?`;
const range = (one: string) => new RegExp(`^${one}( ?~ ?${one})?$`);
const TIME = range(`(${YMD} )?${HM}`);
const DATE = range(`${YMD}( ${HM})?`);
const SYMBOLS = /^[^\p{L}\p{N}\s]+$/u;

const len = (s: string) => [...s].length;

/** Why `value` is not a valid `type` value, or null when it is. */
export function keywordProblem(type: KeywordType, value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (CONTROL.test(value)) return 'contains control characters';
  const within = (n: number) => (len(value) <= n ? null : `is longer than ${n} characters`);
  switch (type) {
    case 'thing':
      return within(20);
    case 'number':
      return /^\d+(\.\d+)?$/.test(value) ? within(32) : 'is not a number';
    case 'letter':
      return /^[A-Za-z]+$/.test(value) ? within(32) : 'is not letters only';
    case 'symbol':
      return SYMBOLS.test(value) ? within(5) : 'is not symbols only';
    case 'character_string':
      return /^[\x21-\x7e]+$/.test(value) ? within(32) : 'is not digits, letters or symbols';
    case 'time':
      return TIME.test(value) ? null : 'is not a 24-hour time (e.g. 15:01 or 2019年10月1日 15:01)';
    case 'date':
      return DATE.test(value) ? null : 'is not a date (e.g. 2019年10月1日)';
    case 'amount':
      return /^[¥$€£]\d{1,10}(\.\d{1,2})?元?$/.test(value) ? null : 'is not an amount (e.g. ¥1.00)';
    case 'phone_number':
      return /^[\d+\-() ]+$/.test(value) ? within(17) : 'is not a phone number';
    case 'car_number':
      return /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(value)
        ? within(8)
        : 'is not a plate number';
    case 'name':
      if (HAN.test(value)) return within(10);
      return /^[^\p{N}]+$/u.test(value) ? within(20) : 'is not a name';
    case 'phrase':
      return [...value].every((c) => HAN.test(c)) ? within(5) : 'is not Chinese characters only';
  }
}
