import Taro from '@tarojs/taro';
import { reaction } from 'mobx';

/**
 * Drafts of long forms (许个心愿, 我要反映): what a person typed survives leaving the page — the
 * back button, a call coming in, the app closed — until it is sent or 清空. Kept in the phone's
 * storage under `txy.draft.<form>`, written a moment after each change.
 */
export class Draft<T extends object> {
  private readonly key: string;
  /** Sent or cleared: nothing is written again until the form opens anew (`load`). */
  private closed = false;
  constructor(
    form: string,
    /** What to keep, read from the form (observable: each change is written). */
    read: () => T,
    /** Whether `value` holds anything worth keeping. */
    private readonly worthKeeping: (value: T) => boolean,
  ) {
    this.key = `txy.draft.${form}`;
    reaction(read, (value) => this.write(value), { delay: 300 });
  }

  /** The kept draft, if any (the form applies it when it opens). */
  load(): T | null {
    this.closed = false;
    try {
      const value: unknown = Taro.getStorageSync(this.key);
      return value && typeof value === 'object' ? (value as T) : null;
    } catch {
      return null;
    }
  }

  /** Sent: nothing kept, and nothing written again until the form opens anew. */
  sent(): void {
    this.closed = true;
    this.clear();
  }

  /** 清空: nothing kept (what is typed next is kept again). */
  clear(): void {
    try {
      Taro.removeStorageSync(this.key);
    } catch {
      // storage unavailable: nothing was kept either
    }
  }

  private write(value: T): void {
    if (this.closed) return;
    try {
      if (this.worthKeeping(value)) Taro.setStorageSync(this.key, value);
      else Taro.removeStorageSync(this.key);
    } catch {
      // a full or unavailable storage loses the draft, never the form
    }
  }
}
