import type { PickedPhoto } from './upload';

/** What an upload that never got an answer shows. */
export const UPLOAD_FAILED = '照片上传失败，请检查网络后重试';

const IMAGE_EXT = /\.(jpe?g|png|gif|webp)$/i;

/** The extension the server accepts (jpg, png, gif, webp), from the name, the path or the type. */
export function photoExtension(photo: PickedPhoto, mimeType = ''): string {
  const match = IMAGE_EXT.exec(photo.name ?? '') ?? IMAGE_EXT.exec(photo.path.split('?')[0]);
  if (match) return match[1].toLowerCase() === 'jpeg' ? 'jpg' : match[1].toLowerCase();
  const fromType = /^image\/(jpe?g|png|gif|webp)$/i.exec(mimeType)?.[1]?.toLowerCase();
  if (fromType) return fromType === 'jpeg' ? 'jpg' : fromType;
  return 'jpg';
}

/** A fresh file name in the caller's folder: time and randomness, letters and digits only. */
export function photoFileName(photo: PickedPhoto, mimeType = ''): string {
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${Date.now().toString(36)}${random}.${photoExtension(photo, mimeType)}`;
}
