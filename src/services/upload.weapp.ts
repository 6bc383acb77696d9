import Taro from '@tarojs/taro';
import { CloudError } from './CloudError';
import type { PickedPhoto } from './upload';
import { photoFileName, UPLOAD_FAILED } from './uploadName';

const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: unknown } | null)?.errMsg ?? ''));

export async function choosePhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return [];
  try {
    // Callbacks rather than the promise form: Taro passes chooseMedia straight to wx.
    const res = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) => {
      void Taro.chooseMedia({
        count: max,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: resolve,
        fail: reject,
      });
    });
    return res.tempFiles.slice(0, max).map((f) => ({ path: f.tempFilePath }));
  } catch (e) {
    if (cancelled(e)) return [];
    throw new CloudError('INTERNAL', '无法选择照片，请在设置中允许使用相册和相机', null);
  }
}

export async function uploadPhoto(photo: PickedPhoto, openid: string): Promise<string> {
  let fileID: string | undefined;
  try {
    const res = await Taro.cloud.uploadFile({
      cloudPath: `uploads/${openid}/${photoFileName(photo)}`,
      filePath: photo.path,
    });
    fileID = res.fileID;
  } catch {
    throw new CloudError('INTERNAL', UPLOAD_FAILED, null);
  }
  if (!fileID) throw new CloudError('INTERNAL', UPLOAD_FAILED, null);
  return fileID;
}
