import '../configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../../contract';
import { WISH_CATEGORIES, type WishCategory } from '../../../contract/wishLabels';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkName, checkPhone, checkText, withFieldIssues, withoutError, type FieldErrors } from '../../utils/fields';
import { Draft } from '../../utils/drafts';
import { session } from '../session';
import { wishes } from '../wishes';
import { PhotoSet } from '../photos';
import { WISH_DESCRIPTION, WISH_PHOTOS } from '../../../contract/limits';

export const DESCRIPTION_MIN = WISH_DESCRIPTION.min;
export const DESCRIPTION_MAX = WISH_DESCRIPTION.max;
export const WISH_PHOTOS_MAX = WISH_PHOTOS.max;

export type SubmitField = 'category' | 'description' | 'photos' | 'name' | 'phone';

/** What a wish form keeps while unsent (photos are uploaded afresh). */
interface WishDraft {
  category: WishCategory | null;
  description: string;
  forFamily: boolean;
  name: string;
  phone: string;
}

/** A wish's description: said, 5–500 characters (`empty`: what to ask for when it is blank). */
export function checkWishDescription(description: string, empty: string): string | null {
  if (description.trim() === '') return empty;
  return checkText(description, DESCRIPTION_MIN, DESCRIPTION_MAX);
}

/** What both wish forms check before sending: category, description, photos done uploading. */
export function wishContentErrors(
  form: { category: WishCategory | null; description: string; photos: PhotoSet },
  emptyDescription: string,
): FieldErrors<SubmitField> {
  const errors: FieldErrors<SubmitField> = {};
  if (!form.category) errors.category = '请选择心愿类别';
  const description = checkWishDescription(form.description, emptyDescription);
  if (description) errors.description = description;
  const photos = form.photos.problem();
  if (photos) errors.photos = photos;
  return errors;
}

/** A beneficiary other than the caller: a valid name; the phone may be left out (then it must be valid). */
export function beneficiaryErrors(name: string, phone: string): FieldErrors<'name' | 'phone'> {
  const errors: FieldErrors<'name' | 'phone'> = {};
  const badName = checkName(name);
  if (badName) errors.name = badName;
  if (phone !== '') {
    const badPhone = checkPhone(phone);
    if (badPhone) errors.phone = badPhone;
  }
  return errors;
}

/** Where a server issue of wish.submit belongs on a form: `paths`, or the photos. */
export const wishFieldOf =
  <F extends string>(paths: Record<string, F>) =>
  (path: string): F | 'photos' | undefined =>
    paths[path] ?? (path.startsWith('photos') ? 'photos' : undefined);

/** Server issue paths → the form's fields. */
const SERVER_PATHS: Record<string, SubmitField> = {
  category: 'category',
  description: 'description',
  'beneficiary.name': 'name',
  'beneficiary.phone': 'phone',
};

/**
 * 许个心愿 (wish.submit): category, description (5–500 characters), up to 3 photos uploaded as
 * they are chosen, and whom it is for — the resident (default) or a family member (name, phone).
 * Every field is checked here first, so a bad form never reaches the server.
 */
class WishSubmitStore {
  category: WishCategory | null = null;
  description = '';
  forFamily = false;
  name = '';
  phone = '';
  readonly photos = new PhotoSet(WISH_PHOTOS_MAX);

  errors: FieldErrors<SubmitField> = {};
  saving = false;
  error: CloudError | null = null;
  /** The wish just submitted: the page shows 已提交，等待网格员审核. */
  submitted: WishView | null = null;
  /** The form opened on what was typed last time and not sent. */
  restored = false;
  private readonly draft: Draft<WishDraft>;

  constructor() {
    makeAutoObservable(this, { photos: false }, { autoBind: true, deep: false });
    this.draft = new Draft<WishDraft>(
      'wish',
      () => ({
        category: this.category,
        description: this.description,
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
    this.category = kept?.category ?? null;
    this.description = kept?.description ?? '';
    this.forFamily = kept?.forFamily ?? false;
    this.name = kept?.name ?? '';
    this.phone = kept?.phone ?? '';
    this.restored = kept !== null && kept.description.trim() !== '';
    this.photos.clear();
    this.errors = {};
    this.error = null;
    this.saving = false;
    this.submitted = null;
  }

  /** 清空: the kept draft and the form go. */
  discardDraft(): void {
    this.draft.clear();
    this.category = null;
    this.description = '';
    this.forFamily = false;
    this.name = '';
    this.phone = '';
    this.restored = false;
    this.errors = {};
  }

  get length(): number {
    return [...this.description.trim()].length;
  }

  setCategory(category: string): void {
    if (!(WISH_CATEGORIES as readonly string[]).includes(category)) return;
    this.category = category as WishCategory;
    this.clearError('category');
  }

  setDescription(value: string): void {
    this.description = value;
    if (!this.errors.description) return;
    const error = checkWishDescription(value, '请描述您的心愿');
    if (error) this.errors = { ...this.errors, description: error };
    else this.clearError('description');
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
    this.errors = {
      ...wishContentErrors(this, '请描述您的心愿'),
      ...(this.forFamily ? beneficiaryErrors(this.name, this.phone) : {}),
    };
    return Object.keys(this.errors).length === 0;
  }

  /** Submits the wish; true when it was submitted (`submitted` holds it). */
  async submit(): Promise<boolean> {
    this.error = null;
    if (this.saving || !this.validate()) return false;
    this.saving = true;
    try {
      const wish = await call('wish', 'submit', {
        category: this.category!,
        description: this.description.trim(),
        photos: this.photos.fileIds,
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
    this.photos.clear();
    wishes.invalidate();
  }

  private failed(error: CloudError): void {
    this.saving = false;
    this.error = error;
    this.errors = withFieldIssues(this.errors, error.details, wishFieldOf(SERVER_PATHS));
  }

  private clearError(field: SubmitField): void {
    this.errors = withoutError(this.errors, field);
  }
}

export const wishSubmit = new WishSubmitStore();
