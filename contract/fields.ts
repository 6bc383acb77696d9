import { z } from 'zod';

/** Field schemas shared by the actions: one definition of "a phone number", "a name" … */

/** Document ids and openids: short, no spaces or path characters. */
export const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/** Trimmed text between `min` and `max` characters (counted as characters, not bytes). */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((s) => [...s].length >= min, { message: `至少 ${min} 个字` })
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
