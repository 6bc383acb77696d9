import '../configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../../contract';
import type { WishCategory } from '../../../contract/wishLabels';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { Draft } from '../../utils/drafts';
import { session } from '../session';
import { wishes } from '../wishes';
import { beneficiaryErrors, WishContent } from '../wishContent';

export type SubmitField = 'name' | 'phone';

/** What a wish form keeps while unsent (photos are uploaded afresh). */
interface WishDraft {
  category: WishCategory | null;
  description: string;
  forFamily: boolean;
  name: string;
  phone: string;
}

/** Server issue paths → the form's own fields (the content's are its own). */
const SERVER_PATHS: Record<string, SubmitField> = {
  'beneficiary.name': 'name',
  'beneficiary.phone': 'phone',
};

/**
 * 许个心愿 (wish.submit): category, description (5–500 characters), up to 3 photos uploaded as
 * they are chosen, and whom it is for — the resident (default) or a family member (name, phone).
 * Every field is checked here first, so a bad form never reaches the server.
 */
class WishSubmitStore {
  readonly content = new WishContent('请描述您的心愿');
  forFamily = false;
  name = '';
  phone = '';

  errors: FieldErrors<SubmitField> = {};
  saving = false;
  error: CloudError | null = null;
  /** The wish just submitted: the page shows 已提交，等待网格员审核. */
  submitted: WishView | null = null;
  /** The form opened on what was typed last time and not sent. */
  restored = false;
  private readonly draft: Draft<WishDraft>;

  constructor() {
    makeAutoObservable(this, { content: false }, { autoBind: true, deep: false });
    this.draft = new Draft<WishDraft>(
      'wish',
      () => ({
        category: this.content.category,
        description: this.content.description,
        forFamily: this.forFamily,
        name: this.name,
        phone: this.phone,
      }),
      (d) => d.description.trim() !== '' || d.name.trim() !== '' || d.phone !== '',
    );
  }

  /** The form as it was left unsent (a kept draft), else blank — each time the page opens. */
  start(): void {
    const kept = this.draft.load();
    this.content.reset(kept);
    this.forFamily = kept?.forFamily ?? false;
    this.name = kept?.name ?? '';
    this.phone = kept?.phone ?? '';
    this.restored = kept !== null && kept.description.trim() !== '';
    this.errors = {};
    this.error = null;
    this.saving = false;
    this.submitted = null;
  }

  /** 清空: the kept draft and the form go. */
  discardDraft(): void {
    this.draft.clear();
    this.content.reset();
    this.forFamily = false;
    this.name = '';
    this.phone = '';
    this.restored = false;
    this.errors = {};
  }

  setForFamily(on: boolean): void {
    this.forFamily = on;
    this.clearError('name');
    this.clearError('phone');
  }

  setName(value: string): void {
    this.name = value;
    this.clearError('name');
  }

  setPhone(value: string): void {
    this.phone = value.replace(/\s+/g, '');
    this.clearError('phone');
  }

  validate(): boolean {
    // A family member without a phone: the claimer reaches them through the resident.
    const content = this.content.validate();
    this.errors = this.forFamily ? beneficiaryErrors(this.name, this.phone) : {};
    return content && Object.keys(this.errors).length === 0;
  }

  /** Submits the wish; true when it was submitted (`submitted` holds it). */
  async submit(): Promise<boolean> {
    this.error = null;
    if (this.saving || !this.validate()) return false;
    this.saving = true;
    try {
      const wish = await call('wish', 'submit', {
        ...this.content.input,
        ...(this.forFamily
          ? { beneficiary: { name: this.name.trim(), ...(this.phone ? { phone: this.phone } : {}) } }
          : {}),
      });
      this.done(wish);
      return true;
    } catch (e) {
      this.failed(toCloudError(e));
      return false;
    }
  }

  /** The profile has what a wish needs: the address (for the grid), the name and phone (for the claimer). */
  get profileReady(): boolean {
    return session.profileComplete;
  }

  private done(wish: WishView): void {
    this.saving = false;
    this.submitted = wish;
    this.restored = false;
    this.draft.sent();
    this.content.photos.clear();
    wishes.invalidate();
  }

  private failed(error: CloudError): void {
    this.saving = false;
    this.error = error;
    this.content.showIssues(error.details);
    this.errors = withFieldIssues(this.errors, error.details, (path) => SERVER_PATHS[path]);
  }

  private clearError(field: SubmitField): void {
    this.errors = withoutError(this.errors, field);
  }
}

export const wishSubmit = new WishSubmitStore();
