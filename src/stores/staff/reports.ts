import '../configure';
import { makeAutoObservable } from 'mobx';
import type { MemberReportView } from '../../../contract';
import { call } from '../../services/cloud';
import { QueueSearch } from '../queueSearch';
import { Loadable, Pending } from '../loadable';
import { checkRejectReason } from '../../utils/fields';

/** The tabs of 报到审核, in the order shown. */
export const REVIEW_TABS = ['pending', 'verified', 'rejected'] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];
export const REVIEW_TAB_LABELS: Record<ReviewTab, string> = {
  pending: '待审核',
  verified: '已通过',
  rejected: '已驳回',
};

export type Decision = 'verify' | 'reject';

/**
 * 报到审核 (双报到): the secretary's queue of member reports to their community, by status, and
 * the decision being confirmed. A decision leaves the pending list at once; the other tabs read
 * again when opened. A search (member, unit, a whole phone number) narrows every tab.
 */
class ReportReviewStore {
  tab: ReviewTab = 'pending';
  readonly query = new QueueSearch(() => this.searched());
  readonly lists: Record<ReviewTab, Loadable<MemberReportView[]>> = {
    pending: this.queue('pending'),
    verified: this.queue('verified'),
    rejected: this.queue('rejected'),
  };

  /** The report and decision waiting for the secretary's confirmation. */
  deciding: { report: MemberReportView; decision: Decision } | null = null;
  reason = '';
  reasonError: string | null = null;
  readonly review = new Pending();

  constructor() {
    makeAutoObservable(this, { lists: false, review: false }, { autoBind: true, deep: false });
  }

  get current(): Loadable<MemberReportView[]> {
    return this.lists[this.tab];
  }

  private queue(status: ReviewTab): Loadable<MemberReportView[]> {
    return new Loadable(() => call('account', 'reportQueue', { status, ...this.query.param }));
  }

  /** Opening the page: every tab is read afresh when shown, nothing searched. */
  open(): void {
    for (const list of Object.values(this.lists)) list.clear();
    this.query.clear();
    this.cancel();
    this.show(this.tab);
  }

  show(tab: ReviewTab): void {
    this.tab = tab;
    this.lists[tab].ensure();
  }

  /** Words searched narrow every tab: the tab shown reads again, the others when opened. */
  private searched(): void {
    for (const list of Object.values(this.lists)) list.clear();
    this.lists[this.tab].ensure();
  }

  ask(report: MemberReportView, decision: Decision): void {
    this.deciding = { report, decision };
    this.reason = '';
    this.reasonError = null;
    this.review.clear();
  }

  cancel(): void {
    this.deciding = null;
    this.reasonError = null;
    this.review.clear();
  }

  setReason(reason: string): void {
    this.reason = reason;
    if (this.reasonError) this.reasonError = checkRejectReason(reason);
  }

  /**
   * Sends the confirmed decision. A rejection without a valid reason is refused here, before
   * any call. Resolves with the reviewed report, or null when nothing was decided.
   */
  async confirm(): Promise<MemberReportView | null> {
    const deciding = this.deciding;
    if (!deciding || this.review.busy) return null;
    const { report, decision } = deciding;
    const reason = this.reason.trim();
    if (decision === 'reject') {
      this.reasonError = checkRejectReason(reason);
      if (this.reasonError) return null;
    }
    const reviewed = await this.review.run(() =>
      call('account', 'reviewReport', {
        reportId: report.id,
        decision,
        ...(decision === 'reject' ? { reason } : {}),
      }),
    );
    if (!reviewed) {
      // Someone else decided first: show the queue as it is now.
      if (this.review.error?.code === 'CONFLICT' || this.review.error?.code === 'NOT_FOUND') {
        void this.lists.pending.load();
      }
      return null;
    }
    this.decided(reviewed);
    return reviewed;
  }

  private decided(reviewed: MemberReportView): void {
    const pending = this.lists.pending;
    if (pending.value) pending.value = pending.value.filter((r) => r.id !== reviewed.id);
    this.lists.verified.clear();
    this.lists.rejected.clear();
    this.deciding = null;
    this.reason = '';
  }
}

export const reportReview = new ReportReviewStore();
