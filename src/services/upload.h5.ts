import Taro from '@tarojs/taro';
import type { Envelope } from '../../contract';
import { CloudError } from './CloudError';
import { getDemoOpenid } from './demoIdentity';
import type { PickedPhoto } from './upload';
import { photoFileName, UPLOAD_FAILED } from './uploadName';

/** h5 has no chooseMedia; Taro's chooseImage opens the browser's file chooser (blob: URLs). */
export async function choosePhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return [];
  try {
    const res = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.slice(0, max).map((f) => ({
      path: f.path,
      name: (f.originalFileObj as File | undefined)?.name,
    }));
  } catch {
    return [];
  }
}

/**
 * The local server's stand-in for `wx.cloud.uploadFile`: the raw file as the body; the caller's
 * identity in `x-openid` as the h5 transport sends it (the server picks the folder from it).
 */
export async function uploadPhoto(photo: PickedPhoto, _openid: string): Promise<string> {
  let reply: Envelope<{ fileID: string }>;
  try {
    const blob = await (await fetch(photo.path)).blob();
    const res = await fetch(`/api/upload?name=${encodeURIComponent(photoFileName(photo, blob.type))}`, {
      method: 'POST',
      headers: { 'content-type': blob.type || 'application/octet-stream', 'x-openid': getDemoOpenid() ?? '' },
      body: blob,
    });
    reply = (await res.json()) as Envelope<{ fileID: string }>;
  } catch {
    throw new CloudError('INTERNAL', UPLOAD_FAILED, null);
  }
  if (reply.ok && typeof reply.data?.fileID === 'string') return reply.data.fileID;
  if (!reply.ok && reply.error) throw new CloudError(reply.error.code, reply.error.message, reply.requestId ?? null);
  throw new CloudError('INTERNAL', UPLOAD_FAILED, null);
}
