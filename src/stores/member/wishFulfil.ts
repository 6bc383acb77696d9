import '../configure';
import { FULFIL_NOTE, FULFIL_PHOTOS } from '../../../contract/limits';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../../contract';
import { call } from '../../services/cloud';
import { toCloudError, type CloudError } from '../../services/CloudError';
import { checkText, withFieldIssues } from '../../utils/fields';
import { wishes } from '../wishes';
import { wishDetail } from '../resident/wishDetail';
import { PhotoSet } from '../photos';

export const FULFIL_PHOTOS_MAX = FULFIL_PHOTOS.max;
export const FULFIL_NOTE_MAX = FULFIL_NOTE.max;

type FulfilField = 'photos' | 'note';

/**
 * 完成心愿 (wish.fulfil): the claimer's evidence — 1 to 9 photos, uploaded as they are chosen,
 * and a note of 2–500 characters — checked here before anything is sent.
 */
class WishFulfilStore {
  wishId = '';
  note = '';
  readonly photos = new PhotoSet(FULFIL_PHOTOS_MAX);
  errors: Partial<Record<FulfilField, string>> = {};
  saving = false;
  error: CloudError | null = null;

  constructor() {
    makeAutoObservable(this, { photos: false }, { autoBind: true, deep: false });
  }

  start(wishId: string): void {
    this.wishId = wishId;
    this.note = '';
    this.photos.clear();
    this.errors = {};
    this.error = null;
    this.saving = false;
  }

  setNote(value: string): void {
    this.note = value;
    if (this.errors.note) {
      const { note: _cleared, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  validate(): boolean {
    const errors: Partial<Record<FulfilField, string>> = {};
    const photos = this.photos.problem('请至少上传 1 张照片作为凭证');
    if (photos) errors.photos = photos;
    const note = this.note.trim() === '' ? '请写几句完成情况' : checkText(this.note, 2, FULFIL_NOTE_MAX);
    if (note) errors.note = note;
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  /** Sends the evidence; resolves with the fulfilled wish, or null. */
  async submit(): Promise<WishView | null> {
    this.error = null;
    if (this.saving || !this.validate()) return null;
    this.saving = true;
    try {
      const view = await call('wish', 'fulfil', {
        wishId: this.wishId,
        photos: this.photos.fileIds,
        note: this.note.trim(),
      });
      this.done(view);
      return view;
    } catch (e) {
      this.failed(toCloudError(e));
      return null;
    }
  }

  private done(view: WishView): void {
    this.saving = false;
    this.photos.clear();
    wishDetail.replace(view);
    wishes.invalidate();
  }

  private failed(error: CloudError): void {
    this.saving = false;
    this.error = error;
    this.errors = withFieldIssues(this.errors, error.details, (path) =>
      path === 'note' ? 'note' : path.startsWith('photos') ? 'photos' : undefined,
    );
  }
}

export const wishFulfil = new WishFulfilStore();
