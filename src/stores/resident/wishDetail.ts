import '../configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../../contract';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkText } from '../../utils/fields';
import { Loadable } from '../loadable';
import { wishes } from '../wishes';

/** What the detail page may be asking about: one per `view.can` action (review splits in two). */
export type WishDialog = 'withdraw' | 'claim' | 'cancelClaim' | 'confirm' | 'confirmForResident' | 'publish' | 'reject';

/** The toast after each action. */
export const DONE_TEXT: Record<WishDialog, string> = {
  withdraw: '已撤回',
  claim: '认领成功',
  cancelClaim: '已取消认领',
  confirm: '已确认完成',
  confirmForResident: '已代为确认',
  publish: '已发布',
  reject: '已驳回',
};

/**
 * One wish (wish.detail) and the action being confirmed on it. Each action is checked here as
 * the server would (reasons, stars) before anything is sent; its answer replaces the wish shown,
 * and the lists elsewhere read again when next shown.
 */
class WishDetailStore {
  wishId = '';
  readonly view = new Loadable<WishView>(() => call('wish', 'detail', { wishId: this.wishId }));

  dialog: WishDialog | null = null;
  /** Reason (withdraw, cancelClaim, reject), comment (confirm) or how it was verified (confirmForResident). */
  text = '';
  /** The rating being given: none (0) until the resident taps a star — nothing is chosen for them. */
  stars = 0;
  fieldError: string | null = null;
  busy = false;
  error: CloudError | null = null;

  constructor() {
    makeAutoObservable(this, { view: false }, { autoBind: true });
  }

  get wish(): WishView | null {
    const value = this.view.value;
    return value && value.id === this.wishId ? value : null;
  }

  open(wishId: string): void {
    this.close();
    if (wishId !== this.wishId) {
      this.wishId = wishId;
      this.view.clear();
    }
    void this.view.load();
  }

  /** A fresh view of this wish from another page (the fulfil form). */
  replace(view: WishView): void {
    if (view.id === this.wishId) this.view.value = view;
  }

  ask(dialog: WishDialog): void {
    this.dialog = dialog;
    this.text = '';
    this.stars = 0;
    this.fieldError = null;
    this.error = null;
  }

  close(): void {
    if (this.busy) return;
    this.dialog = null;
    this.fieldError = null;
    this.error = null;
  }

  setText(value: string): void {
    this.text = value;
    if (this.fieldError) this.fieldError = this.checkField();
  }

  setStars(stars: number): void {
    this.stars = Math.min(5, Math.max(1, Math.round(stars)));
    if (this.fieldError) this.fieldError = this.checkField();
  }

  /** The dialog's own check, mirroring the contract; null when it passes. */
  checkField(): string | null {
    const text = this.text;
    switch (this.dialog) {
      case 'withdraw':
        return checkText(text, 0, 200);
      case 'confirm':
        return this.stars < 1 ? '请点星评价（1–5 星）' : checkText(text, 0, 200);
      case 'cancelClaim':
        return text.trim() === '' ? '请填写取消认领的原因' : checkText(text, 2, 200);
      case 'reject':
        return text.trim() === '' ? '请填写驳回理由' : checkText(text, 2, 200);
      case 'confirmForResident':
        if (this.stars < 1) return '请点星评价（1–5 星）';
        return text.trim() === '' ? '请说明如何核实（如：电话回访、上门查看）' : checkText(text, 4, 200);
      default:
        return null;
    }
  }

  /** Sends the action being asked about; resolves with what to toast, or null. */
  async confirmDialog(): Promise<string | null> {
    const dialog = this.dialog;
    const wishId = this.wishId;
    if (!dialog || this.busy) return null;
    this.fieldError = this.checkField();
    if (this.fieldError) return null;
    this.busy = true;
    this.error = null;
    try {
      const view = await this.send(dialog, wishId, this.text.trim());
      this.done(view);
      return DONE_TEXT[dialog];
    } catch (e) {
      this.failed(toCloudError(e));
      return null;
    }
  }

  private send(dialog: WishDialog, wishId: string, text: string): Promise<WishView> {
    switch (dialog) {
      case 'withdraw':
        return call('wish', 'withdraw', { wishId, ...(text ? { reason: text } : {}) });
      case 'claim':
        return call('wish', 'claim', { wishId });
      case 'cancelClaim':
        return call('wish', 'cancelClaim', { wishId, reason: text });
      case 'confirm':
        return call('wish', 'confirm', { wishId, stars: this.stars, ...(text ? { comment: text } : {}) });
      case 'confirmForResident':
        return call('wish', 'confirmForResident', { wishId, verifiedHow: text, stars: this.stars });
      case 'publish':
        return call('wish', 'review', { wishId, decision: 'publish' });
      case 'reject':
        return call('wish', 'review', { wishId, decision: 'reject', reason: text });
    }
  }

  private done(view: WishView): void {
    this.busy = false;
    this.dialog = null;
    this.replace(view);
    wishes.invalidate();
  }

  private failed(error: CloudError): void {
    this.busy = false;
    this.error = error;
    // Someone else acted first (claimed, reviewed …): show the wish as it is now.
    if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') void this.view.load();
  }
}

export const wishDetail = new WishDetailStore();
