import './configure';
import Taro from '@tarojs/taro';
import { makeAutoObservable, runInAction } from 'mobx';
import type { MessageView } from '../../contract/notifications';
import { call } from '../services/cloud';
import { Pending } from './loadable';
import { PagedList } from './paged';
import { session } from './session';

/** 我的 is the fourth tab (app.config.ts): its badge shows the unread count. */
const MINE_TAB = 3;

/**
 * The 消息 list (every notification, subscribed or not) and the unread count on 我的: read when
 * a tab page shows, and from each page of the list.
 */
class MessagesStore {
  unread = 0;
  /** 全部已读: busy while it runs, its failure shown beside the button. */
  readonly markingAll = new Pending();
  readonly list = new PagedList<MessageView>(async (from) => {
    const page = await call('account', 'messages', { from });
    this.setUnread(page.unread);
    return { items: page.items, next: page.next };
  });

  constructor() {
    makeAutoObservable(this, { list: false, markingAll: false }, { autoBind: true });
  }

  /** On a tab page's show: the count for the badge (registered users only). */
  async refreshUnread(): Promise<void> {
    if (!session.me) return;
    try {
      const { unread } = await call('account', 'unreadCount', {});
      this.setUnread(unread);
    } catch {
      // The badge waits for the next show; nothing else depends on it.
    }
  }

  /** Opens a message's page; it counts as read (the list shows it read at once). */
  open(message: MessageView): void {
    if (!message.read) {
      this.markRead(message.id);
      void call('account', 'markRead', { ids: [message.id] })
        .then(({ unread }) => this.setUnread(unread))
        .catch(() => undefined);
    }
    void Taro.navigateTo({ url: `/${message.page}` });
  }

  /** 全部已读; a failure (offline, say) stays on the page with the count unchanged. */
  async markAllRead(): Promise<void> {
    if (this.markingAll.busy) return;
    const done = await this.markingAll.run(() => call('account', 'markRead', { all: true }));
    if (!done) return;
    runInAction(() => {
      if (this.list.value) this.list.value = this.list.value.map((m) => ({ ...m, read: true }));
    });
    this.setUnread(done.unread);
  }

  private markRead(id: string): void {
    if (this.list.value) this.list.value = this.list.value.map((m) => (m.id === id ? { ...m, read: true } : m));
    this.setUnread(Math.max(0, this.unread - 1));
  }

  private setUnread(unread: number): void {
    this.unread = unread;
    // Only a tab page may set the badge (weapp refuses elsewhere; the next tab show sets it).
    try {
      const badge =
        unread > 0
          ? Taro.setTabBarBadge({ index: MINE_TAB, text: unread > 99 ? '99+' : String(unread) })
          : Taro.removeTabBarBadge({ index: MINE_TAB });
      void Promise.resolve(badge).catch(() => undefined);
    } catch {
      // No tab bar here (not a tab page): the next tab show sets it.
    }
  }
}

export const messages = new MessagesStore();
