import type { KeywordType } from '../../contract/notifications';
import { local } from '../platform/time';

/** Control characters, zero-width and bidi marks: never part of a keyword's value. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const HAN = /\p{Script=Han}/u;

const chars = (s: string) => [...s];
const clip = (s: string, n: number, ellipsis = '…') =>
  chars(s).length > n
    ? chars(s)
        .slice(0, n - ellipsis.length)
        .join('') + ellipsis
    : s;
const plain = (s: string) => s.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();

/** `2026年12月7日 19:00` in Asia/Shanghai: what `time` and `date` keywords accept. */
export const keywordTime = (at: Date) => local(at).format('YYYY年M月D日 HH:mm');

/**
 * A value made to fit its keyword type's rules (WeChat answers 47003 otherwise): long text is
 * cut with …, a `phrase` keeps only Chinese characters, times are formatted; an empty value
 * becomes 无. Never throws: a notification must not fail the action that caused it.
 */
export function keywordValue(type: KeywordType, raw: string | Date | undefined): string {
  if (raw instanceof Date)
    return type === 'time' || type === 'date' ? keywordTime(raw) : keywordValue(type, keywordTime(raw));
  const s = plain(raw ?? '');
  switch (type) {
    case 'thing':
      return clip(s, 20) || '无';
    case 'phrase':
      return (
        clip(
          chars(s)
            .filter((c) => HAN.test(c))
            .join(''),
          5,
          '',
        ) || '无'
      );
    case 'name':
      // Mixed text counts as a Chinese name (10); a Latin one takes no digits (20).
      return (HAN.test(s) ? clip(s, 10, '') : clip(s.replace(/\p{N}/gu, '').trim(), 20, '')) || '无';
    case 'number':
      return /^\d{1,32}(\.\d+)?$/.test(s) ? s : '0';
    case 'character_string':
      return clip(s.replace(/[^\x21-\x7e]/g, ''), 32, '') || '-';
    case 'phone_number':
      return clip(s.replace(/[^\d+\-() ]/g, ''), 17, '') || '-';
    case 'letter':
      return clip(s.replace(/[^A-Za-z]/g, ''), 32, '') || 'x';
    case 'symbol':
      return clip(s.replace(/[\p{L}\p{N}\s]/gu, ''), 5, '') || '-';
    case 'amount':
      return /^\d{1,10}(\.\d{1,2})?$/.test(s) ? `¥${s}` : '¥0';
    case 'car_number': {
      // Chinese characters only first and last (粤A8Z888挂), letters and digits between.
      const c = chars(s.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '')).slice(0, 8);
      return c.filter((ch, i) => i === 0 || i === c.length - 1 || !HAN.test(ch)).join('') || '无';
    }
    case 'time':
    case 'date':
      // Filled from the notification's `time` (a Date, above); text is shown only if it parses.
      return Number.isNaN(Date.parse(s)) ? keywordTime(new Date(0)) : keywordTime(new Date(s));
  }
}
