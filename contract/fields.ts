import { z } from 'zod';
import {
  CHECK_IN_CODE,
  CHECK_IN_CODE_MESSAGE,
  keptText,
  LAT_RANGE,
  LNG_RANGE,
  PERSON_NAME,
  PERSON_NAME_MESSAGE,
  PHONE,
  PHONE_MESSAGE,
  QUEUE_QUERY,
  textTooLong,
  textTooShort,
} from './limits';

export { visibleText } from './limits';

/** Field schemas shared by the actions: one definition of "a phone number", "a name" … */

/** Document ids and openids: short, no spaces or path characters. */
export const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/**
 * Trimmed text between `min` and `max` characters (counted as characters, not bytes), forbidden
 * characters removed; `min` counts what is visible, so five zero-width spaces are no text at all.
 */
export const text = (min: number, max: number) =>
  z
    .string()
    .max(max * 4)
    .transform(keptText)
    .refine((s) => !textTooShort(s, min), { message: min > 0 ? `至少 ${min} 个字` : '内容无效' })
    .refine((s) => !textTooLong(s, max), { message: `最多 ${max} 个字` });

/** A staff queue's tabs: 待办 (waiting on the caller) and 已办. */
export const QUEUE_TABS = ['todo', 'done'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const queueTab = z.enum(QUEUE_TABS).default('todo');

/**
 * The words typed into a staff queue's search box, split by spaces: every word must be somewhere
 * in what the staff member sees of the item (server/platform/search.ts). Empty: no narrowing.
 */
export const queueQuery = text(QUEUE_QUERY.min, QUEUE_QUERY.max).optional();

/** A real name: 2–20 characters, Chinese or Latin letters, middle dot allowed (少数民族姓名). */
export const personName = z.string().trim().regex(PERSON_NAME, PERSON_NAME_MESSAGE);

/** A mainland mobile number. */
export const phone = z.string().regex(PHONE, PHONE_MESSAGE);

/** The rotating check-in code of an activity. */
export const checkInCode = z.string().regex(CHECK_IN_CODE, CHECK_IN_CODE_MESSAGE);

/** A calendar date `YYYY-MM-DD`. */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: '日期不存在',
    },
  );

/** A GCJ-02 point within mainland China. */
export const latLng = z
  .object({
    lat: z.number().min(LAT_RANGE[0]).max(LAT_RANGE[1]),
    lng: z.number().min(LNG_RANGE[0]).max(LNG_RANGE[1]),
  })
  .strict();

/** A GeoJSON polygon of [lng, lat] positions: closed rings of at least 4 positions. */
export const polygon = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(
        z
          .array(
            z.tuple([z.number().min(LNG_RANGE[0]).max(LNG_RANGE[1]), z.number().min(LAT_RANGE[0]).max(LAT_RANGE[1])]),
          )
          .min(4)
          .max(500)
          .refine((ring) => ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1], {
            message: '边界必须闭合',
          }),
      )
      .min(1)
      .max(10),
  })
  .strict();

/**
 * A cloud-storage file ID (`cloud://<env>.<bucket>/<path>`). Uploads go under
 * `uploads/<openid>/`; the server accepts only the caller's own.
 */
export const fileId = z
  .string()
  .max(300)
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/uploads\/[A-Za-z0-9_-]+\/[A-Za-z0-9._-]+$/, '图片文件无效');

/**
 * An instant with its offset (`2026-12-01T09:00:00+08:00`), within the years the county can
 * mean (2020–2099): 0001-01-01 or 9999-12-31 are typing errors or attacks, not dates.
 */
export const instant = z
  .string()
  .datetime({ offset: true, message: '时间格式不正确' })
  .refine(
    (s) => {
      const t = Date.parse(s);
      return t >= Date.UTC(2020, 0, 1) && t < Date.UTC(2100, 0, 1);
    },
    { message: '时间超出可用范围' },
  );
