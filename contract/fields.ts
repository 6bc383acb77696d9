import { z } from 'zod';

/** Field schemas shared by the actions: one definition of "a phone number", "a name" … */

/** Document ids and openids: short, no spaces or path characters. */
export const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/**
 * Characters that never belong in what a user typed: C0/C1 controls (NUL …) but newline and tab,
 * bidi overrides and isolates (which reorder what others see), marks and the BOM. Removed.
 */
const FORBIDDEN_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Invisible but harmless inside text (zero-width joiners build emoji): they do not count as content. */
const INVISIBLE_CHARS = /[\u200b-\u200d\u2060\u180e]/g;

/** What a text shows: without forbidden and invisible characters, whitespace trimmed. */
export const visibleText = (s: string) => s.replace(FORBIDDEN_CHARS, '').replace(INVISIBLE_CHARS, '').trim();

/**
 * Trimmed text between `min` and `max` characters (counted as characters, not bytes), forbidden
 * characters removed; `min` counts what is visible, so five zero-width spaces are no text at all.
 */
export const text = (min: number, max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.replace(FORBIDDEN_CHARS, '').trim())
    .refine((s) => [...visibleText(s)].length >= min, { message: min > 0 ? `至少 ${min} 个字` : '内容无效' })
    .refine((s) => [...s].length <= max, { message: `最多 ${max} 个字` });

/** A real name: 2–20 characters, Chinese or Latin letters, middle dot allowed (少数民族姓名). */
export const personName = z
  .string()
  .trim()
  .regex(/^[\u4e00-\u9fa5A-Za-z·• ]{2,20}$/, '姓名应为 2–20 个汉字或字母');

/** A mainland mobile number. */
export const phone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

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
export const latLng = z.object({ lat: z.number().min(3).max(54), lng: z.number().min(73).max(136) }).strict();

/** A GeoJSON polygon of [lng, lat] positions: closed rings of at least 4 positions. */
export const polygon = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(
        z
          .array(z.tuple([z.number().min(73).max(136), z.number().min(3).max(54)]))
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
