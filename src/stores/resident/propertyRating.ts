import '../configure';
import { makeAutoObservable } from 'mobx';
import { PROPERTY_RATING_LABELS, type PropertyRating } from '../../../contract/cobuild';
import type { PropertyRatingStatus } from '../../../contract/functions/cobuild/property';
import { PROPERTY_RATING_COMMENT } from '../../../contract/limits';
import { parseQuarter, quarterWords } from '../../../contract/quarters';
import { call } from '../../services/cloud';
import { checkText } from '../../utils/fields';
import { Loadable, Pending } from '../loadable';

export { quarterWords };

/** The first day of the quarter after `2026Q3`, in words: 2026年10月1日 (2026Q4 → 2027年1月1日). */
export function nextQuarterStart(key: string): string {
  const q = parseQuarter(key);
  if (!q) return '下季度';
  return q.index === 4 ? `${q.year + 1}年1月1日` : `${q.year}年${q.index * 3 + 1}月1日`;
}

export const RATING_CHOICES = (Object.keys(PROPERTY_RATING_LABELS) as PropertyRating[]).map((value) => ({
  value,
  label: PROPERTY_RATING_LABELS[value],
}));

/**
 * 物业服务评价 on 网格联系卡: the resident's estate, the company managing it, and this quarter's
 * rating — the form while they may rate (once a quarter), what they chose once they have.
 */
class PropertyRatingStore {
  readonly status = new Loadable<PropertyRatingStatus>(() => call('cobuild', 'propertyRatingStatus', {}));
  readonly sending = new Pending();
  rating: PropertyRating | null = null;
  comment = '';
  errors: { rating: string | null; comment: string | null } = { rating: null, comment: null };

  constructor() {
    makeAutoObservable(this, { status: false, sending: false }, { autoBind: true, deep: false });
  }

  /** Opening the page (or an address changed): read again, the form empty. */
  open(): void {
    this.rating = null;
    this.comment = '';
    this.errors = { rating: null, comment: null };
    this.sending.clear();
    this.status.clear();
    void this.status.load();
  }

  pick(rating: string): void {
    this.rating = rating as PropertyRating;
    this.errors = { ...this.errors, rating: null };
  }

  setComment(comment: string): void {
    this.comment = comment;
    this.errors = { ...this.errors, comment: null };
  }

  /** Sends the rating; true when it was taken (the status then shows it). */
  async submit(): Promise<boolean> {
    const comment = this.comment.trim();
    this.errors = {
      rating: this.rating ? null : '请选择满意、基本满意或不满意',
      comment: checkText(comment, PROPERTY_RATING_COMMENT.min, PROPERTY_RATING_COMMENT.max),
    };
    if (!this.rating || this.errors.comment) return false;
    const rating = this.rating;
    const status = await this.sending.run(() =>
      call('cobuild', 'rateProperty', { rating, ...(comment ? { comment } : {}) }),
    );
    if (status) {
      this.status.value = status;
      return true;
    }
    // Rated meanwhile (another phone) or the estate changed: show how things are now.
    if (this.sending.error?.code === 'CONFLICT' || this.sending.error?.code === 'FORBIDDEN') void this.status.load();
    return false;
  }
}

export const propertyRating = new PropertyRatingStore();
