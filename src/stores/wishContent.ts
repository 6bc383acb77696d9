import './configure';
import { makeAutoObservable } from 'mobx';
import { WISH_DESCRIPTION, WISH_PHOTOS } from '../../contract/limits';
import { WISH_CATEGORIES, type WishCategory } from '../../contract/wishLabels';
import { checkName, checkPhone, checkText, withFieldIssues, withoutError, type FieldErrors } from '../utils/fields';
import { PhotoSet } from './photos';

export const DESCRIPTION_MIN = WISH_DESCRIPTION.min;
export const DESCRIPTION_MAX = WISH_DESCRIPTION.max;
export const WISH_PHOTOS_MAX = WISH_PHOTOS.max;

export type ContentField = 'category' | 'description' | 'photos';

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

/**
 * What a wish is made of, in both wish forms (许个心愿, 代居民提交): category, description (5–500
 * characters), up to 3 photos uploaded as they are chosen — each with its error. The form that
 * holds it adds whom the wish is for and sends it (wish.submit).
 */
export class WishContent {
  category: WishCategory | null = null;
  description = '';
  readonly photos = new PhotoSet(WISH_PHOTOS_MAX);
  errors: FieldErrors<ContentField> = {};

  /** `emptyDescription`: what to ask for when the description is blank (您的心愿 / 居民的心愿). */
  constructor(private readonly emptyDescription: string) {
    makeAutoObservable<this, 'emptyDescription'>(
      this,
      { photos: false, emptyDescription: false },
      { autoBind: true, deep: false },
    );
  }

  /** A blank form, or the kept draft's category and description (photos are chosen afresh). */
  reset(kept?: { category: WishCategory | null; description: string } | null): void {
    this.category = kept?.category ?? null;
    this.description = kept?.description ?? '';
    this.photos.clear();
    this.errors = {};
  }

  get length(): number {
    return [...this.description.trim()].length;
  }

  setCategory(category: string): void {
    if (!(WISH_CATEGORIES as readonly string[]).includes(category)) return;
    this.category = category as WishCategory;
    this.errors = withoutError(this.errors, 'category');
  }

  setDescription(value: string): void {
    this.description = value;
    if (!this.errors.description) return;
    const error = this.descriptionError();
    this.errors = error ? { ...this.errors, description: error } : withoutError(this.errors, 'description');
  }

  /** Checks the three fields; true when they may be sent. */
  validate(): boolean {
    const errors: FieldErrors<ContentField> = {};
    if (!this.category) errors.category = '请选择心愿类别';
    const description = this.descriptionError();
    if (description) errors.description = description;
    const photos = this.photos.problem();
    if (photos) errors.photos = photos;
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  /** The part of wish.submit's input these fields make (call after `validate`). */
  get input(): { category: WishCategory; description: string; photos: string[] } {
    return { category: this.category!, description: this.description.trim(), photos: this.photos.fileIds };
  }

  /** A refused submit: the server's issues about these fields shown beside them. */
  showIssues(details: unknown): void {
    this.errors = withFieldIssues(this.errors, details, (path) =>
      path === 'category' || path === 'description' ? path : path.startsWith('photos') ? 'photos' : undefined,
    );
  }

  private descriptionError(): string | null {
    if (this.description.trim() === '') return this.emptyDescription;
    return checkText(this.description, DESCRIPTION_MIN, DESCRIPTION_MAX);
  }
}
