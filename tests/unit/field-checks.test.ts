/**
 * A form says before sending what the server would answer: the mini-program's checks
 * (src/utils/fields.ts, no zod in the app) and the contract's schemas take their patterns and
 * lengths from one place (contract/limits.ts), and agree on every value below.
 */
import type { z } from 'zod';
import { contract } from '../../contract';
import { latLng, personName, phone, text } from '../../contract/fields';
import {
  checkName,
  checkPhone,
  checkRejectReason,
  checkText,
  checkUserQuery,
  inLatLngRange,
} from '../../src/utils/fields';
import { checkReason } from '../../src/utils/reason';
// src/utils/checkInCode.ts re-exports it (that module needs Taro's scanner).
import {
  CASE_DESCRIPTION,
  CASE_PHOTOS,
  CHECK_IN_CODE,
  FULFIL_NOTE,
  FULFIL_PHOTOS,
  RECORD_NOTE,
  RECORD_PHOTOS,
  RECORD_TITLE,
  REVIEW_BATCH_MAX,
  WISH_DESCRIPTION,
  WISH_DOOR,
  WISH_PHOTOS,
} from '../../contract/limits';

const ZWSP = '\u200b';
const NUL = '\u0000';

/** Values of `n` characters, typed in several ways. */
const ofLength = (n: number) =>
  n < 0 ? [] : ['字'.repeat(n), 'a'.repeat(n), '𠮷'.repeat(n), ` ${'字'.repeat(n)} `, `${'字'.repeat(n)}${ZWSP}`];

/** Around both ends of `text(min, max)`, and what never counts: blanks, invisible and control characters. */
const textSamples = (min: number, max: number) => [
  ...ofLength(min - 1),
  ...ofLength(min),
  ...ofLength(min + 1),
  ...ofLength(max - 1),
  ...ofLength(max),
  ...ofLength(max + 1),
  '',
  '   ',
  '\n\t',
  ZWSP.repeat(5),
  `${ZWSP.repeat(3)}字`,
  `${NUL}${'字'.repeat(min)}`,
  `${'字'.repeat(max)}${NUL}`,
  '👍🏽'.repeat(Math.max(min, 1)),
];

/** The server's verdict: null when the schema takes the value, else its first message. */
function server(schema: z.ZodTypeAny, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0].message;
}

describe('the form checks and the contract agree', () => {
  it.each([
    [0, 30],
    [1, 20],
    [2, 40],
    [2, 200],
    [4, 200],
    [5, 500],
    [10, 2000],
  ])('on text(%i, %i): what passes, what is too short or too long, and what is said', (min, max) => {
    for (const value of textSamples(min, max)) {
      const client = checkText(value, min, max);
      const answer = server(text(min, max), value);
      expect({ value, passes: client === null }).toEqual({ value, passes: answer === null });
      // Only "请填写" differs: for a one-character minimum the form asks for the field.
      if (client !== null && min !== 1) expect({ value, client }).toEqual({ value, client: answer });
    }
  });

  it('on names: 2–20 Chinese or Latin letters, middle dot allowed, trimmed', () => {
    const samples = [
      '张三',
      '欧阳娜娜',
      '阿依古丽·买买提',
      ' 刘建国 ',
      'Anna Lee',
      '张',
      'A',
      '字'.repeat(20),
      '字'.repeat(21),
      '张3',
      '张三!',
      `张${ZWSP}三`,
      '   ',
    ];
    for (const value of samples) {
      const client = checkName(value);
      const answer = server(personName, value);
      expect({ value, passes: client === null }).toEqual({ value, passes: answer === null });
      if (client !== null && value.trim() !== '') expect({ value, client }).toEqual({ value, client: answer });
    }
    expect(checkName('')).toBe('请填写姓名');
  });

  it('on phones: a mainland mobile number, sent without the spaces typed in it', () => {
    const samples = [
      '13812345678',
      '19912345678',
      '138 1234 5678',
      ' 13812345678 ',
      '12812345678',
      '10012345678',
      '1381234567',
      '138123456789',
      '1381234567a',
      '+8613812345678',
      '０１３８１２３４５６７',
      '632 1234',
    ];
    for (const value of samples) {
      const client = checkPhone(value);
      // Every form sends the number without whitespace (profileForm keeps digits only).
      const answer = server(phone, value.replace(/\s+/g, ''));
      expect({ value, client }).toEqual({ value, client: answer });
    }
    expect(checkPhone('  ')).toBe('请填写手机号');
    expect(server(phone, '')).not.toBeNull();
  });

  it('on the reason a decision states (驳回, 取消活动, 手工签到, 驳回记录): 2–200 characters', () => {
    const rejectReport = contract.account.reviewReport.input;
    const cancelActivity = contract.sixOnes.cancelActivity.input;
    for (const value of textSamples(2, 200)) {
      const passes = checkReason(value) === null;
      expect({ value, passes }).toEqual({ value, passes: checkRejectReason(value) === null });
      expect({ value, passes }).toEqual({
        value,
        passes: rejectReport.safeParse({ reportId: 'r1', decision: 'reject', reason: value }).success,
      });
      expect({ value, passes }).toEqual({
        value,
        passes: cancelActivity.safeParse({ activityId: 'a1', reason: value }).success,
      });
    }
  });

  it('on a user search: 1–20 characters of a name or a phone number', () => {
    const findUsers = contract.account.findUsers.input;
    for (const value of textSamples(1, 20)) {
      expect({ value, passes: checkUserQuery(value) === null }).toEqual({
        value,
        passes: findUsers.safeParse({ query: value }).success,
      });
    }
  });

  it('on a check-in code: 8 digits', () => {
    const checkIn = contract.sixOnes.checkIn.input;
    for (const code of ['12345678', '00000000', '1234567', '123456789', '1234567a', ' 12345678', '']) {
      expect({ code, passes: CHECK_IN_CODE.test(code) }).toEqual({
        code,
        passes: checkIn.safeParse({ activityId: 'a1', code }).success,
      });
    }
  });

  it('on a point: within mainland China', () => {
    const points = [
      { lat: 25.85, lng: 114.93 },
      { lat: 3, lng: 73 },
      { lat: 54, lng: 136 },
      { lat: 2.99, lng: 114 },
      { lat: 54.01, lng: 114 },
      { lat: 25, lng: 72.99 },
      { lat: 25, lng: 136.01 },
      { lat: 0, lng: 0 },
    ];
    for (const point of points)
      expect({ point, passes: inLatLngRange(point) }).toEqual({ point, passes: latLng.safeParse(point).success });
  });
});

/**
 * The forms count down and check with the sizes in contract/limits.ts; the actions' schemas must
 * allow exactly those: the largest passes, one more is refused (a form that allowed 501 characters
 * would send what the server refuses; one that stopped at 400 would refuse what it takes).
 */
describe('the forms’ sizes are the actions’ sizes', () => {
  const file = (i: number) => `cloud://env.bucket/uploads/u/${i}.png`;
  const files = (n: number) => Array.from({ length: n }, (_, i) => file(i));
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
  const chars = (n: number) => '字'.repeat(n);
  const passes = (schema: z.ZodTypeAny, value: unknown) => schema.safeParse(value).success;

  const record = (over: Record<string, unknown>) => ({
    kind: 'surveyReport',
    title: chars(RECORD_TITLE.min),
    note: chars(RECORD_NOTE.min),
    photos: files(RECORD_PHOTOS.min),
    ...over,
  });
  const cases: Array<[string, z.ZodTypeAny, (n: number) => unknown, { min: number; max: number }]> = [
    [
      'wish.submit description',
      contract.wish.submit.input,
      (n) => ({ category: '维修', description: chars(n) }),
      WISH_DESCRIPTION,
    ],
    [
      'wish.submit photos',
      contract.wish.submit.input,
      (n) => ({ category: '维修', description: chars(WISH_DESCRIPTION.min), photos: files(n) }),
      WISH_PHOTOS,
    ],
    [
      'wish.submit door (on behalf)',
      contract.wish.submit.input,
      (n) => ({
        category: '维修',
        description: chars(WISH_DESCRIPTION.min),
        beneficiary: { name: '张秀兰', address: chars(n) },
        onBehalf: { microGridId: 'c01-g01-m1' },
      }),
      WISH_DOOR,
    ],
    [
      'wish.fulfil note',
      contract.wish.fulfil.input,
      (n) => ({ wishId: 'w1', photos: files(1), note: chars(n) }),
      FULFIL_NOTE,
    ],
    [
      'wish.fulfil photos',
      contract.wish.fulfil.input,
      (n) => ({ wishId: 'w1', photos: files(n), note: chars(FULFIL_NOTE.min) }),
      FULFIL_PHOTOS,
    ],
    [
      'complaint.submit description',
      contract.complaint.submit.input,
      (n) => ({ category: '环境卫生', description: chars(n), location: { kind: 'address' } }),
      CASE_DESCRIPTION,
    ],
    [
      'complaint.submit photos',
      contract.complaint.submit.input,
      (n) => ({
        category: '环境卫生',
        description: chars(CASE_DESCRIPTION.min),
        photos: files(n),
        location: { kind: 'address' },
      }),
      CASE_PHOTOS,
    ],
    ['sixOnes.fileRecord title', contract.sixOnes.fileRecord.input, (n) => record({ title: chars(n) }), RECORD_TITLE],
    ['sixOnes.fileRecord note', contract.sixOnes.fileRecord.input, (n) => record({ note: chars(n) }), RECORD_NOTE],
    [
      'sixOnes.fileRecord photos',
      contract.sixOnes.fileRecord.input,
      (n) => record({ photos: files(n) }),
      RECORD_PHOTOS,
    ],
    [
      'sixOnes.reviewRecords batch',
      contract.sixOnes.reviewRecords.input,
      (n) => ({ recordIds: ids(n), decision: 'approve' }),
      { min: 1, max: REVIEW_BATCH_MAX },
    ],
  ];

  it.each(cases)('%s: the limits’ bounds pass, one past either is refused', (_name, schema, input, { min, max }) => {
    expect(passes(schema, input(min))).toBe(true);
    expect(passes(schema, input(max))).toBe(true);
    expect(passes(schema, input(max + 1))).toBe(false);
    if (min > 0) expect(passes(schema, input(min - 1))).toBe(false);
  });
});
