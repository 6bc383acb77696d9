import type { MessagePage } from '../../contract/functions/account';
import type { MessageView } from '../../contract/notifications';
import type { CallContext } from '../platform/router';
import { toIso } from '../platform/time';
import type { NotificationDoc } from './index';

const PAGE = 20;

const toView = (n: NotificationDoc): MessageView => ({
  id: n._id,
  kind: n.kind,
  title: n.title,
  text: n.text,
  page: n.page,
  createdAt: toIso(n.createdAt)!,
  read: n.read,
});

async function unread(ctx: CallContext): Promise<number> {
  const { total } = await ctx.db.collection('notifications').where({ openid: ctx.openid, read: false }).count();
  return total;
}

/** The caller's 消息 list, newest first, a page at a time, with the unread count. */
export async function messages(input: { from: number }, ctx: CallContext): Promise<MessagePage> {
  const [{ data }, count] = await Promise.all([
    ctx.db
      .collection('notifications')
      .where({ openid: ctx.openid })
      .orderBy('createdAt', 'desc')
      .skip(input.from)
      .limit(PAGE + 1)
      .get<NotificationDoc>(),
    unread(ctx),
  ]);
  return {
    items: data.slice(0, PAGE).map(toView),
    next: data.length > PAGE ? input.from + PAGE : null,
    unread: count,
  };
}

export async function unreadCount(_input: Record<string, never>, ctx: CallContext): Promise<{ unread: number }> {
  return { unread: await unread(ctx) };
}

/** Marks the caller's own messages read: the query is scoped to their openid, so others' ids change nothing. */
export async function markRead(input: { ids?: string[]; all?: true }, ctx: CallContext): Promise<{ unread: number }> {
  const _ = ctx.db.command;
  const where = input.all
    ? { openid: ctx.openid, read: false }
    : { openid: ctx.openid, read: false, _id: _.in(input.ids ?? []) };
  await ctx.db
    .collection('notifications')
    .where(where)
    .update({ data: { read: true, readAt: ctx.now } });
  return { unread: await unread(ctx) };
}
