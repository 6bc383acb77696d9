import { getCloud } from '../platform/cloud';
import { log } from '../platform/log';
import { formatLocal } from '../platform/time';

/**
 * Subscribe messages (订阅消息) at each step a person waits for. Template ids are the ones
 * applied for in the mini-program console (docs/deployment.md); locally any id lands in the
 * emulator's outbox. Fields follow WeChat's template keywords: thing (≤ 20 chars), phrase (≤ 5),
 * time.
 */
export const TEMPLATES = {
  wishReviewed: process.env.TXY_TPL_WISH_REVIEWED ?? 'tpl-wish-reviewed',
  wishClaimed: process.env.TXY_TPL_WISH_CLAIMED ?? 'tpl-wish-claimed',
  wishFulfilled: process.env.TXY_TPL_WISH_FULFILLED ?? 'tpl-wish-fulfilled',
  wishClaimReleased: process.env.TXY_TPL_WISH_RELEASED ?? 'tpl-wish-released',
  wishCompleted: process.env.TXY_TPL_WISH_COMPLETED ?? 'tpl-wish-completed',
  activityChanged: process.env.TXY_TPL_ACTIVITY_CHANGED ?? 'tpl-activity-changed',
  recordReviewed: process.env.TXY_TPL_RECORD_REVIEWED ?? 'tpl-record-reviewed',
  sixOnesReminder: process.env.TXY_TPL_SIXONES_REMINDER ?? 'tpl-sixones-reminder',
  caseProgress: process.env.TXY_TPL_CASE_PROGRESS ?? 'tpl-case-progress',
  caseAlert: process.env.TXY_TPL_CASE_ALERT ?? 'tpl-case-alert',
  whistleReceived: process.env.TXY_TPL_WHISTLE_RECEIVED ?? 'tpl-whistle-received',
} as const;

export type TemplateKey = keyof typeof TEMPLATES;

const clip = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);

/**
 * Sends one message; a failure (no subscription, quota) is logged, never fails the action that
 * caused it — the state change has happened and the person sees it when they open the app.
 */
export async function notify(
  requestId: string,
  touser: string,
  key: TemplateKey,
  fields: { thing1: string; phrase2: string; time3: Date; thing4?: string },
  /** The page a tap on the message opens (a mini-program path with its query). */
  page: string,
): Promise<void> {
  const data: Record<string, { value: string }> = {
    thing1: { value: clip(fields.thing1, 20) },
    phrase2: { value: clip(fields.phrase2, 5) },
    time3: { value: formatLocal(fields.time3) },
  };
  if (fields.thing4) data.thing4 = { value: clip(fields.thing4, 20) };
  try {
    await getCloud().openapi.subscribeMessage.send({
      touser,
      templateId: TEMPLATES[key],
      page,
      data,
      miniprogramState: 'formal',
    });
  } catch (err) {
    log.warn('subscribe message not sent', {
      requestId,
      touser,
      key,
      error: String((err as { errMsg?: string }).errMsg ?? err),
    });
  }
}
