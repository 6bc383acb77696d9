import { KEYWORD_TYPES, TEMPLATE_KEYS, TEMPLATES } from '../../contract/notifications';
import { keywordProblem } from '../../emulator/openapi/keyword-rules';
import { keywordValue } from '../../server/notify/values';

/**
 * The server's formatting of keyword values (server/notify/values.ts) against WeChat's rules as
 * the local CloudBase checks them (emulator/openapi/keyword-rules.ts): whatever a user typed,
 * the value sent is one WeChat accepts, so a notification never fails with 47003.
 */
const SAMPLES = [
  '',
  '   ',
  '楼道灯坏了',
  '家里老人腿脚不便😊需要有人每周帮忙买菜送到家门口，最好是周末上午',
  'line one\nline two\ttab',
  '\u200b\u200b\u200b',
  'ABC 123 !?',
  '已上报社区 (community)',
  '\u202e反向文字\u202c',
  'x'.repeat(500),
  '钟·阿依古丽·买买提',
  '13812345678',
];

test.each(KEYWORD_TYPES)('every %s value the server formats passes WeChat’s rule', (type) => {
  for (const raw of SAMPLES)
    expect({ raw, problem: keywordProblem(type, keywordValue(type, raw)) }).toEqual({ raw, problem: null });
  expect(keywordProblem(type, keywordValue(type, new Date('2026-12-07T11:00:00Z')))).toBeNull();
});

test('times read as WeChat shows them, in Asia/Shanghai', () => {
  expect(keywordValue('time', new Date('2026-12-07T11:05:00Z'))).toBe('2026年12月7日 19:05');
});

test('every template in the table has 1–5 keywords, each filled from a part of the notification', () => {
  for (const key of TEMPLATE_KEYS) {
    const keywords = Object.entries(TEMPLATES[key].keywords);
    expect(keywords.length).toBeGreaterThanOrEqual(1);
    expect(keywords.length).toBeLessThanOrEqual(5);
    for (const [name, k] of keywords) {
      expect(name).toMatch(new RegExp(`^${k.type}\\d+$`));
      // Times and dates are filled from the notification's time (a Date), never from text.
      if (k.type === 'time' || k.type === 'date') expect(k.from).toBe('time');
    }
  }
});
