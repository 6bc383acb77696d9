/*
 * Photo upload, one implementation per platform like the cloud transport (Taro picks
 * upload.weapp.ts or upload.h5.ts at build time): weapp `wx.chooseMedia` + `wx.cloud.uploadFile`,
 * h5 the local server's `POST /api/upload`. This file only declares what both export.
 */

/** A photo chosen on the device, not uploaded yet. */
export interface PickedPhoto {
  /** weapp: the temporary file path; h5: a `blob:` URL of the chosen file. Also the preview. */
  path: string;
  /** The file's name when known (h5), for its extension. */
  name?: string;
}

/** Lets the user take or pick up to `max` photos; resolves [] when they cancel. */
export function choosePhotos(max: number): Promise<PickedPhoto[]>;

/**
 * Uploads one photo into the caller's folder `uploads/<openid>/` and resolves with its cloud
 * file ID (`cloud://…/uploads/<openid>/<name>`); rejects with a CloudError.
 */
export function uploadPhoto(photo: PickedPhoto, openid: string): Promise<string>;
