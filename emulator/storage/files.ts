import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { nowMs } from '../../server/platform/clock';
import { readBody, sendJson } from '../http/respond';
import { contentType } from '../http/static';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_AGE_S = 7200;

/**
 * Cloud storage on the local disk. The SDK's protocol is kept: `storage.getUploadMetadata`
 * hands out a signed PUT URL (here `/storage/upload/<base64url path>`), `storage.batchGetDownloadUrl`
 * signed, expiring GET URLs, `storage.batchDeleteFile` deletes. File IDs look like
 * CloudBase's: `cloud://<env>.<bucket>/<cloudPath>`.
 */
export class FileStorage {
  private readonly secret = randomBytes(16).toString('hex');
  readonly bucket: string;

  constructor(
    private readonly root: string,
    envId: string,
    private readonly baseUrl: () => string,
  ) {
    mkdirSync(root, { recursive: true });
    this.bucket = `${envId}.6c6f-${envId}-1250000000`;
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.bucket}/${cloudPath}`;
  }

  /** The cloud path of a file ID of this environment, or null for anything else. */
  pathOf(fileId: string): string | null {
    const prefix = `cloud://${this.bucket}/`;
    if (!fileId.startsWith(prefix)) return null;
    const p = fileId.slice(prefix.length);
    return validPath(p) ? p : null;
  }

  exists(cloudPath: string): boolean {
    return existsSync(this.file(cloudPath));
  }

  clear(): void {
    rmSync(this.root, { recursive: true, force: true });
    mkdirSync(this.root, { recursive: true });
  }

  private file(cloudPath: string): string {
    return path.join(this.root, 'files', cloudPath);
  }

  private sign(kind: 'put' | 'get', cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${kind}\n${cloudPath}\n${expires}`).digest('hex');
  }

  private signedUrl(kind: 'put' | 'get', cloudPath: string, maxAgeS: number): string {
    const expires = Math.floor(nowMs() / 1000) + maxAgeS;
    const q = `sign=${this.sign(kind, cloudPath, expires)}&t=${expires}`;
    // The path travels as base64url: wx-server-sdk's downloadFile runs encodeURI over the URL, which would double-encode any `%`.
    return `${this.baseUrl()}/storage/${kind === 'put' ? 'upload' : 'download'}/${Buffer.from(cloudPath, 'utf8').toString('base64url')}?${q}`;
  }

  private verify(kind: 'put' | 'get', cloudPath: string, url: URL): boolean {
    const t = Number(url.searchParams.get('t'));
    const given = Buffer.from(url.searchParams.get('sign') ?? '', 'utf8');
    const want = Buffer.from(this.sign(kind, cloudPath, t), 'utf8');
    return Number.isFinite(t) && t * 1000 >= nowMs() && given.length === want.length && timingSafeEqual(given, want);
  }

  // ---------------------------------------------------------------- admin actions

  uploadMetadata(cloudPath: unknown) {
    if (typeof cloudPath !== 'string' || !validPath(cloudPath)) {
      throw Object.assign(new Error('invalid cloudPath'), { code: 'INVALID_PARAM' });
    }
    return {
      url: this.signedUrl('put', cloudPath, 600),
      token: 'local',
      authorization: 'local',
      fileId: this.fileId(cloudPath),
      cosFileId: `cos-${randomBytes(6).toString('hex')}`,
      download_url: this.signedUrl('get', cloudPath, DEFAULT_MAX_AGE_S),
    };
  }

  downloadUrls(list: Array<{ fileid?: unknown; max_age?: unknown }>) {
    return list.map(({ fileid, max_age }) => {
      const p = typeof fileid === 'string' ? this.pathOf(fileid) : null;
      if (!p || !this.exists(p))
        return { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' };
      const maxAge = typeof max_age === 'number' && max_age > 0 ? max_age : DEFAULT_MAX_AGE_S;
      return { fileID: fileid, tempFileURL: this.signedUrl('get', p, maxAge), code: 'SUCCESS', maxAge };
    });
  }

  deleteFiles(ids: unknown[]) {
    return ids.map((id) => {
      const p = typeof id === 'string' ? this.pathOf(id) : null;
      if (!p || !this.exists(p)) return { fileID: id, code: 'STORAGE_FILE_NONEXIST' };
      rmSync(this.file(p));
      return { fileID: id, code: 'SUCCESS' };
    });
  }

  /** Writes a file directly (the h5 upload route and the seed use this). */
  put(cloudPath: string, content: Buffer): string {
    if (!validPath(cloudPath)) throw new Error(`invalid cloudPath: ${cloudPath}`);
    const f = this.file(cloudPath);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, content);
    return this.fileId(cloudPath);
  }

  // ---------------------------------------------------------------- HTTP (the COS stand-in)

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const m = /^\/storage\/(upload|download)\/(.+)$/.exec(url.pathname);
    const cloudPath = m ? Buffer.from(m[2], 'base64url').toString('utf8') : '';
    if (!m || !validPath(cloudPath)) return sendJson(res, 404, { code: 'NoSuchKey', message: 'not found' });
    if (m[1] === 'upload' && req.method === 'PUT') {
      if (!this.verify('put', cloudPath, url))
        return sendJson(res, 403, { code: 'AccessDenied', message: 'bad or expired signature' });
      this.put(cloudPath, await readBody(req, MAX_FILE_BYTES));
      res.writeHead(200, { etag: `"${randomBytes(8).toString('hex')}"` });
      return void res.end();
    }
    if (m[1] === 'download' && req.method === 'GET') {
      if (!this.verify('get', cloudPath, url))
        return sendJson(res, 403, { code: 'AccessDenied', message: 'bad or expired signature' });
      const f = this.file(cloudPath);
      if (!existsSync(f)) return sendJson(res, 404, { code: 'NoSuchKey', message: 'not found' });
      // The type from the name, and browsers told not to guess another (a page uploaded as .png stays an image).
      res.writeHead(200, {
        'content-type': contentType(f),
        'content-length': statSync(f).size,
        'x-content-type-options': 'nosniff',
      });
      return void createReadStream(f)
        .on('error', () => res.destroy())
        .pipe(res);
    }
    sendJson(res, 405, { code: 'MethodNotAllowed', message: `${req.method} not allowed` });
  }
}

/** Relative, no `..`, no empty segments, at most 1024 characters — as CloudBase requires. */
function validPath(p: string): boolean {
  return (
    p.length > 0 &&
    p.length <= 1024 &&
    !p.startsWith('/') &&
    p.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
  );
}
