import { getCloud } from './cloud';
import { invalidInput } from './errors';

/** Uploads live under `uploads/<openid>/`: a file ID outside the caller's folder is not theirs. */
export function assertOwnUploads(openid: string, fileIds: string[], path = 'photos'): void {
  fileIds.forEach((id, i) => {
    if (!id.includes(`/uploads/${openid}/`)) {
      throw invalidInput('只能使用您自己上传的图片', [{ path: `${path}.${i}`, message: '不是您上传的文件' }]);
    }
  });
}

/** Temporary download URLs for many files in one storage call (valid `maxAge` seconds, else the platform's default); null for a missing file. */
export async function tempUrls(fileIds: string[], maxAge?: number): Promise<Map<string, string | null>> {
  const unique = [...new Set(fileIds)];
  const out = new Map<string, string | null>();
  if (unique.length === 0) return out;
  const { fileList } = await getCloud().getTempFileURL({
    fileList: maxAge ? unique.map((fileID) => ({ fileID, maxAge })) : unique,
  });
  for (const f of fileList) out.set(f.fileID, f.status === 0 ? f.tempFileURL : null);
  return out;
}

/** Checks the caller's files exist (one storage call) — a made-up ID is refused. */
export async function assertUploaded(
  openid: string,
  fileIds: string[],
  path = 'photos',
): Promise<Map<string, string | null>> {
  assertOwnUploads(openid, fileIds, path);
  const urls = await tempUrls(fileIds);
  fileIds.forEach((id, i) => {
    if (!urls.get(id)) throw invalidInput('图片不存在，请重新上传', [{ path: `${path}.${i}`, message: '文件不存在' }]);
  });
  return urls;
}
