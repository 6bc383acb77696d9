import './configure';
import { makeAutoObservable } from 'mobx';
import { toCloudError, type CloudError } from '../services/CloudError';
import { choosePhotos, uploadPhoto, type PickedPhoto } from '../services/upload';
import { session } from './session';

/** One photo of a form: shown from the device at once, uploaded in the background. */
export interface PhotoItem {
  key: string;
  /** The local preview (temp path or blob: URL). */
  preview: string;
  picked: PickedPhoto;
  state: 'uploading' | 'done' | 'failed';
  fileId: string | null;
  error: CloudError | null;
}

let nextKey = 1;

/**
 * The photos of a form (a wish's, a fulfilment's evidence): each is uploaded as soon as it is
 * chosen, into the caller's own folder; the form sends the file IDs once all are up.
 */
export class PhotoSet {
  items: PhotoItem[] = [];
  /** Choosing failed (no permission…). */
  chooseError: CloudError | null = null;

  constructor(readonly max: number) {
    makeAutoObservable(this, { max: false }, { autoBind: true, deep: false });
  }

  get room(): number {
    return Math.max(0, this.max - this.items.length);
  }

  get uploading(): boolean {
    return this.items.some((p) => p.state === 'uploading');
  }

  get failed(): PhotoItem[] {
    return this.items.filter((p) => p.state === 'failed');
  }

  /** Why the photos cannot be sent yet (still uploading, one failed, or — with `required` — none). */
  problem(required?: string): string | null {
    if (this.uploading) return '照片还在上传，请稍候';
    if (this.failed.length > 0) return '有照片上传失败，请重试或删除';
    if (required && this.fileIds.length === 0) return required;
    return null;
  }

  /** File IDs of the uploaded photos, in the order shown. */
  get fileIds(): string[] {
    return this.items.flatMap((p) => (p.state === 'done' && p.fileId ? [p.fileId] : []));
  }

  /** weapp (and h5 without the file input): the device's chooser. */
  async choose(): Promise<void> {
    this.chooseError = null;
    try {
      this.add(await choosePhotos(this.room));
    } catch (e) {
      this.chooseError = toCloudError(e);
    }
  }

  /** Adds chosen photos (as many as there is room for) and starts their uploads. */
  add(picked: PickedPhoto[]): void {
    const added = picked.slice(0, this.room).map(
      (p): PhotoItem => ({
        key: `photo-${nextKey++}`,
        preview: p.path,
        picked: p,
        state: 'uploading',
        fileId: null,
        error: null,
      }),
    );
    if (added.length === 0) return;
    this.items = [...this.items, ...added];
    for (const item of added) void this.upload(item.key);
  }

  remove(key: string): void {
    this.items = this.items.filter((p) => p.key !== key);
  }

  retry(key: string): void {
    const item = this.items.find((p) => p.key === key);
    if (item?.state === 'failed') void this.upload(key);
  }

  clear(): void {
    this.items = [];
    this.chooseError = null;
  }

  private async upload(key: string): Promise<void> {
    const item = this.items.find((p) => p.key === key);
    if (!item) return;
    this.patch(key, { state: 'uploading', error: null });
    try {
      const fileId = await uploadPhoto(item.picked, session.me?.openid ?? '');
      this.patch(key, { state: 'done', fileId });
    } catch (e) {
      this.patch(key, { state: 'failed', error: toCloudError(e) });
    }
  }

  /** Items are replaced whole (the list is a plain array, `deep: false`). */
  private patch(key: string, change: Partial<PhotoItem>): void {
    this.items = this.items.map((p) => (p.key === key ? { ...p, ...change } : p));
  }
}
