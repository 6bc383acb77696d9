import { TEMPLATES, type NoticeContent, type TemplateKey } from '../../contract/notifications';
import { getCloud } from '../platform/cloud';
import { newId } from '../platform/ids';
import { log } from '../platform/log';
import type { Database } from '../platform/sdk-types';
import { templateIds } from './templates';
import { keywordValue } from './values';

export type { NoticeContent, TemplateKey };

/** A user's 消息 list entry (collection `notifications`). */
export interface NotificationDoc {
  _id: string;
  openid: string;
  kind: TemplateKey;
  title: string;
  text: string;
  page: string;
  read: boolean;
  readAt: Date | null;
  createdAt: Date;
}

/** What sending needs from the call or job that causes it. */
export interface NotifyContext {
  requestId: string;
  db: Database;
  now: Date;
}

/** WeChat's answer when the user holds no acceptance of the template (订阅消息 not subscribed). */
const NOT_SUBSCRIBED = 43101;

const line = (c: NoticeContent) =>
  [c.status, c.subject, c.note]
    .map((s) => (s ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' · ');

/** The keyword values of a template, each made to fit its type. */
export function templateData(key: TemplateKey, content: NoticeContent): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [name, k] of Object.entries(TEMPLATES[key].keywords)) {
    data[name] = { value: keywordValue(k.type, content[k.from]) };
  }
  return data;
}

/** One notice: who, which template, what it says, the page a tap opens. */
export interface Notice {
  to: string | readonly string[];
  key: TemplateKey;
  content: NoticeContent;
  /** A mini-program path with its query. */
  page: string;
}

/**
 * Tells people about a step they wait for, on both channels: an entry in each one's 消息 list
 * (always), and a subscribe message where the template is configured and the person accepted
 * it. Never fails the action that caused it — the state change has happened and shows in the
 * app; a failure is logged.
 */
export function notify(
  ctx: NotifyContext,
  to: string | readonly string[],
  key: TemplateKey,
  content: NoticeContent,
  page: string,
): Promise<void> {
  return notifyAll(ctx, [{ to, key, content, page }]);
}

/**
 * Several notices of one step (a batch approval tells each member of their own records): all
 * the 消息 entries in one insert, the subscribe messages sent side by side.
 */
export async function notifyAll(ctx: NotifyContext, notices: readonly Notice[]): Promise<void> {
  const sends: Array<{ touser: string; key: TemplateKey; content: NoticeContent; page: string }> = [];
  const docs: NotificationDoc[] = [];
  for (const n of notices) {
    const recipients = [...new Set(typeof n.to === 'string' ? [n.to] : n.to)].filter(Boolean);
    const text = [...line(n.content)].slice(0, 80).join('');
    for (const openid of recipients) {
      docs.push({
        _id: newId(),
        openid,
        kind: n.key,
        title: TEMPLATES[n.key].inbox,
        text,
        page: n.page,
        read: false,
        readAt: null,
        createdAt: ctx.now,
      });
      sends.push({ touser: openid, key: n.key, content: n.content, page: n.page });
    }
  }
  if (docs.length === 0) return;
  try {
    await ctx.db.collection('notifications').add({ data: docs });
  } catch (err) {
    log.error('消息 list entries not written', { requestId: ctx.requestId, count: docs.length, error: String(err) });
  }

  const ids = templateIds(ctx.requestId);
  await Promise.all(
    sends.map(async ({ touser, key, content, page }) => {
      const templateId = ids[key];
      if (!templateId) return;
      try {
        await getCloud().openapi.subscribeMessage.send({
          touser,
          templateId,
          page,
          data: templateData(key, content),
          miniprogramState: 'formal',
        });
      } catch (err) {
        const e = err as { errCode?: number; errMsg?: string };
        const fields = { requestId: ctx.requestId, touser, key, errCode: e.errCode, error: String(e.errMsg ?? err) };
        // Not subscribed is the user's choice, not a fault: the 消息 list has it.
        if (e.errCode === NOT_SUBSCRIBED) log.info('subscribe message not accepted by the user', fields);
        else log.warn('subscribe message not sent', fields);
      }
    }),
  );
}
