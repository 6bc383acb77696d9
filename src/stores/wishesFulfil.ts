import './configure';
import { makeAutoObservable } from 'mobx';
import type { WishView } from '../../contract';
import { call } from '../services/cloud';
import { toCloudError, type CloudError } from '../services/CloudError';
import { checkText, fieldIssues } from '../utils/fields';
import { wishes } from './wishes';
import { wishDetail } from './wishesDetail';
import { PhotoSet } from './wishesPhotos';

export const FULFIL_PHOTOS_MAX = 9;
export const FULFIL_NOTE_MAX = 500;

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
    if (this.photos.uploading) errors.photos = '照片还在上传，请稍候';
    else if (this.photos.failed.length > 0) errors.photos = '有照片上传失败，请重试或删除';
    else if (this.photos.fileIds.length === 0) errors.photos = '请至少上传 1 张照片作为凭证';
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
    const errors = { ...this.errors };
    for (const issue of fieldIssues(error.details)) {
      if (issue.path === 'note') errors.note = issue.message;
      else if (issue.path.startsWith('photos')) errors.photos = issue.message;
    }
    this.errors = errors;
  }
}

export const wishFulfil = new WishFulfilStore();
