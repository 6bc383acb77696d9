import '../configure';
import { REVIEW_BATCH_MAX } from '../../../contract/limits';
import { makeAutoObservable } from 'mobx';
import type { RecordStatus, RecordView } from '../../../contract';
import { call } from '../../services/cloud';
import { QueueSearch } from '../queueSearch';
import { Pending } from '../loadable';
import { PagedList } from '../paged';
import { checkReason } from '../../utils/reason';

export const RECORD_TABS = ['pending', 'approved', 'rejected'] as const satisfies readonly RecordStatus[];

/** sixOnes.reviewRecords takes at most this many records at once. */
export const BATCH_MAX = REVIEW_BATCH_MAX;

export type RecordDecision = 'approve' | 'reject';

/** What the last review did, in words the page shows. */
export interface ReviewSummary {
  decision: RecordDecision;
  changed: number;
  /** Already reviewed (by someone else, or before): nothing changed. */
  unchanged: number;
  /** Not approvable yet, each with the server's reason (a volunteer attendance without check-out). */
  skipped: Array<{ id: string; who: string; title: string; reason: string }>;
}

const idOf = (r: RecordView) => r.id;

/** A volunteer activity's record waits for the check-out (its minutes) before it can pass, as the server rules. */
export const waitingCheckOut = (r: RecordView) =>
  r.kind === 'attendance' && r.item === 'volunteer' && r.minutes === null;

/**
 * 六个一审核 (secretary): the community's records by status, pending oldest first, 20 a page
 * (sixOnes.recordQueue); several chosen (or one) approved or rejected with a reason in one call
 * (sixOnes.reviewRecords). Decided records leave 待审核 at once; the other tabs read again when
 * opened. Records the server skipped stay, chosen, with its reason shown. A search (member, unit,
 * title) narrows every tab; what was chosen stays chosen.
 */
class RecordReviewStore {
  tab: RecordStatus = 'pending';
  readonly query = new QueueSearch(() => this.searched());
  readonly lists: Record<RecordStatus, PagedList<RecordView>> = {
    pending: this.queue('pending'),
    approved: this.queue('approved'),
    rejected: this.queue('rejected'),
  };

  /** Ids of the chosen pending records, in the order chosen. */
  selected: string[] = [];
  /** The records and decision waiting for the secretary's confirmation. */
  deciding: { ids: string[]; decision: RecordDecision } | null = null;
  reason = '';
  reasonError: string | null = null;
  readonly review = new Pending();
  outcome: ReviewSummary | null = null;

  constructor() {
    makeAutoObservable(this, { lists: false, review: false }, { autoBind: true, deep: false });
  }

  get current(): PagedList<RecordView> {
    return this.lists[this.tab];
  }

  /** The pending records that may be reviewed (not the secretary's own, which the server refuses). */
  get reviewable(): RecordView[] {
    return (this.lists.pending.value ?? []).filter((r) => r.can.includes('review'));
  }

  get allSelected(): boolean {
    const ids = this.reviewable.slice(0, BATCH_MAX).map(idOf);
    return ids.length > 0 && ids.every((id) => this.selected.includes(id));
  }

  private queue(status: RecordStatus): PagedList<RecordView> {
    return new PagedList((from) => call('sixOnes', 'recordQueue', { status, from, ...this.query.param }));
  }

  /** Opening the page: every tab read afresh, nothing chosen, nothing searched. */
  open(): void {
    for (const list of Object.values(this.lists)) list.clear();
    this.query.clear();
    this.selected = [];
    this.outcome = null;
    this.cancel();
    this.show(this.tab);
  }

  show(tab: RecordStatus): void {
    this.tab = tab;
    this.lists[tab].ensure();
  }

  /** Words searched narrow every tab: the tab shown reads again, the others when opened. */
  private searched(): void {
    for (const list of Object.values(this.lists)) list.clear();
    this.lists[this.tab].ensure();
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id);
  }

  toggle(id: string): void {
    if (this.selected.includes(id)) this.selected = this.selected.filter((s) => s !== id);
    else if (this.selected.length < BATCH_MAX) this.selected = [...this.selected, id];
  }

  /** 全选: every reviewable record shown (at most one batch), or none when all are chosen. */
  toggleAll(): void {
    this.selected = this.allSelected ? [] : this.reviewable.slice(0, BATCH_MAX).map(idOf);
  }

  /** The chosen records that cannot pass yet (waiting for a check-out): left out of an approval. */
  get selectedBlocked(): string[] {
    const pending = new Map((this.lists.pending.value ?? []).map((r) => [r.id, r]));
    return this.selected.filter((id) => {
      const r = pending.get(id);
      return r !== undefined && waitingCheckOut(r);
    });
  }

  /**
   * Asks before deciding the chosen records, or just `ids` (one record's own buttons). An approval
   * leaves out the records that cannot pass yet; they stay chosen, for a rejection or later.
   */
  ask(decision: RecordDecision, ids: string[] = this.selected): void {
    if (decision === 'approve') {
      const blocked = new Set(this.selectedBlocked);
      ids = ids.filter((id) => !blocked.has(id));
    }
    if (ids.length === 0) return;
    this.deciding = { ids: [...ids], decision };
    this.reason = '';
    this.reasonError = null;
    this.review.clear();
  }

  cancel(): void {
    if (this.review.busy) return;
    this.deciding = null;
    this.reasonError = null;
    this.review.clear();
  }

  setReason(value: string): void {
    this.reason = value;
    if (this.reasonError) this.reasonError = checkReason(value);
  }

  dismissOutcome(): void {
    this.outcome = null;
  }

  /** Sends the decision being confirmed; resolves with what it did, or null (nothing sent, or failed). */
  async confirm(): Promise<ReviewSummary | null> {
    const deciding = this.deciding;
    if (!deciding || this.review.busy) return null;
    const { ids, decision } = deciding;
    if (decision === 'reject') {
      this.reasonError = checkReason(this.reason);
      if (this.reasonError) return null;
    }
    const result = await this.review.run(() =>
      call('sixOnes', 'reviewRecords', {
        recordIds: ids,
        decision,
        ...(decision === 'reject' ? { reason: this.reason.trim() } : {}),
      }),
    );
    if (!result) {
      // Someone else changed the queue meanwhile: show it as it is now.
      if (this.review.error?.code === 'NOT_FOUND' || this.review.error?.code === 'CONFLICT')
        void this.lists.pending.load();
      return null;
    }
    const byId = new Map(result.records.map((r) => [r.id, r]));
    const summary: ReviewSummary = {
      decision,
      changed: result.changed.length,
      unchanged: result.unchanged.length,
      skipped: result.skipped.map((s) => ({
        id: s.id,
        who: byId.get(s.id)?.member.name ?? '',
        title: byId.get(s.id)?.title ?? '',
        reason: s.reason,
      })),
    };
    // Moved and already-reviewed records are no longer pending; skipped ones stay in the list,
    // no longer chosen — the outcome says which and why.
    const gone = new Set([...result.changed, ...result.unchanged]);
    const skipped = new Set(result.skipped.map((s) => s.id));
    this.lists.pending.remove(gone, idOf);
    this.selected = this.selected.filter((id) => !gone.has(id) && !skipped.has(id));
    this.lists.approved.clear();
    this.lists.rejected.clear();
    this.deciding = null;
    this.reason = '';
    this.outcome = summary;
    return summary;
  }
}

export const recordReview = new RecordReviewStore();
