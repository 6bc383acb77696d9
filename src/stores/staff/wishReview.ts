import '../configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../../contract';
import { call } from '../../services/cloud';
import { QueueSearch } from '../queueSearch';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkText } from '../../utils/fields';
import { Loadable } from '../loadable';
import { wishes } from '../wishes';

export type ReviewDecision = 'publish' | 'reject';
/** 待审核 or 已审核. */
export type ReviewTab = 'todo' | 'done';

/**
 * 心愿审核 (wish.reviewQueue / wish.review): the wishes of the grid worker's grids or the
 * secretary's community — 待审核, oldest first, each published or rejected (with a reason) right
 * in the list, or 已审核, latest moved first — narrowed by the words searched. A decided wish
 * leaves 待审核 at once.
 */
class WishReviewStore {
  tab: ReviewTab = 'todo';
  readonly query = new QueueSearch(() => this.reload());
  readonly queue = new Loadable<WishView[]>(() => call('wish', 'reviewQueue', { tab: this.tab, ...this.query.param }));

  deciding: { wish: WishView; decision: ReviewDecision } | null = null;
  reason = '';
  reasonError: string | null = null;
  busy = false;
  error: CloudError | null = null;

  constructor() {
    makeAutoObservable(this, { queue: false }, { autoBind: true, deep: false });
  }

  /** Opening the page: 待审核 read afresh (never another user's), nothing searched. */
  open(): void {
    this.cancel();
    this.tab = 'todo';
    this.query.clear();
    this.reload();
  }

  setTab(tab: ReviewTab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.reload();
  }

  private reload(): void {
    this.queue.clear();
    void this.queue.load();
  }

  ask(wish: WishView, decision: ReviewDecision): void {
    // The content check held it: it can only be rejected.
    if (decision === 'publish' && wish.flagged) return;
    this.deciding = { wish, decision };
    this.reason = '';
    this.reasonError = null;
    this.error = null;
  }

  cancel(): void {
    if (this.busy) return;
    this.deciding = null;
    this.reasonError = null;
    this.error = null;
  }

  setReason(value: string): void {
    this.reason = value;
    if (this.reasonError) this.reasonError = this.checkReason();
  }

  /** Sends the decision being confirmed; resolves with the reviewed wish, or null. */
  async confirm(): Promise<WishView | null> {
    const deciding = this.deciding;
    if (!deciding || this.busy) return null;
    const { wish, decision } = deciding;
    if (decision === 'reject') {
      this.reasonError = this.checkReason();
      if (this.reasonError) return null;
    }
    this.busy = true;
    this.error = null;
    try {
      const reviewed = await call('wish', 'review', {
        wishId: wish.id,
        decision,
        ...(decision === 'reject' ? { reason: this.reason.trim() } : {}),
      });
      this.decided(reviewed);
      return reviewed;
    } catch (e) {
      this.failed(toCloudError(e));
      return null;
    }
  }

  private checkReason(): string | null {
    return this.reason.trim() === '' ? '请填写驳回理由' : checkText(this.reason, 2, 200);
  }

  private decided(reviewed: WishView): void {
    this.busy = false;
    this.deciding = null;
    const list = this.queue.value;
    if (list) this.queue.value = list.filter((w) => w.id !== reviewed.id);
    wishes.invalidate();
  }

  private failed(error: CloudError): void {
    this.busy = false;
    this.error = error;
    // Reviewed by someone else meanwhile: show the queue as it is now.
    if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') void this.queue.load();
  }
}

export const wishReview = new WishReviewStore();
