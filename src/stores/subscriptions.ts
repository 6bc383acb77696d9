import './configure';
import Taro from '@tarojs/taro';
import { makeAutoObservable } from 'mobx';
import { WAITS, type TemplateKey, type WaitKey } from '../../contract/notifications';
import type { Role } from '../../contract/roles';
import { requestSubscribe } from '../services/subscribe';
import { session } from './session';

const REFUSED_KEY = 'txy.subscribe.refused';

/** What 开启消息提醒 asks for, by the role the app acts as (WeChat: at most 3 a call). */
const ENABLE: Partial<Record<Role, TemplateKey[]>> = {
  resident: ['caseAccepted', 'caseResolved', 'wishReviewed'],
  member: ['activityTomorrow', 'recordReviewed', 'wishCompleted'],
  gridWorker: ['wishToReview', 'caseAlert', 'deadlineNear'],
  secretary: ['caseAlert', 'deadlineNear', 'wishToReview'],
  department: ['whistleReceived', 'deadlineNear'],
};

/**
 * Subscribe messages (订阅消息): at the tap that starts a wait, ask WeChat for the templates the
 * wait needs. A template the user refused is remembered and not asked for again on later taps;
 * 开启消息提醒 in 我的 forgets the refusals and asks again. Nothing here ever blocks the action:
 * whatever the answer, the 消息 list has every notification.
 */
class SubscriptionsStore {
  refused: TemplateKey[] = readRefused();

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  /**
   * Call first thing in the tap handler (WeChat allows the sheet only there), then run the action
   * when it resolves. Resolves at once when there is nothing to ask; never rejects.
   */
  ask(wait: WaitKey): Promise<void> {
    return this.request(WAITS[wait].filter((k) => !this.refused.includes(k)));
  }

  /** 开启消息提醒 (a tap in 我的): forget the refusals and ask for the active role's main templates. */
  enable(): Promise<void> {
    this.remember([]);
    return this.request(ENABLE[session.activeRole] ?? ENABLE.resident!);
  }

  private request(keys: readonly TemplateKey[]): Promise<void> {
    const templates = session.me?.templates ?? {};
    const asked = keys.flatMap((key) => (templates[key] ? [{ key, id: templates[key]! }] : [])).slice(0, 3);
    if (asked.length === 0) return Promise.resolve();
    let pending: Promise<Record<string, string>>;
    try {
      pending = requestSubscribe(asked.map((a) => a.id));
    } catch {
      return Promise.resolve();
    }
    return pending.then(
      (answers) => {
        const refused = new Set(this.refused);
        for (const { key, id } of asked) {
          if (answers[id] === 'accept') refused.delete(key);
          else if (answers[id] === 'reject' || answers[id] === 'ban') refused.add(key);
        }
        this.remember([...refused]);
      },
      () => undefined,
    );
  }

  private remember(refused: TemplateKey[]): void {
    this.refused = refused;
    Taro.setStorageSync(REFUSED_KEY, refused);
  }
}

function readRefused(): TemplateKey[] {
  try {
    const value: unknown = Taro.getStorageSync(REFUSED_KEY);
    return Array.isArray(value) ? (value as TemplateKey[]) : [];
  } catch {
    return [];
  }
}

export const subscriptions = new SubscriptionsStore();
