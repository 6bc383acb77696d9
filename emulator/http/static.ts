import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  // 督导's exported workbooks (cloud storage serves them with the same types).
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves a file under `root` (never outside it); unknown paths fall back to index.html (the h5 app). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): boolean {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const file = path.resolve(root, '.' + path.posix.normalize(decoded));
  const inside = file === path.resolve(root) || file.startsWith(path.resolve(root) + path.sep);
  let target = inside && existsSync(file) && statSync(file).isFile() ? file : path.join(root, 'index.html');
  if (!existsSync(target)) return false;
  if (target !== file && path.extname(decoded)) target = '';
  if (!target) return false;
  res.writeHead(200, {
    'content-type': contentType(target),
    'cache-control': target.endsWith('.html') ? 'no-cache' : 'max-age=300',
  });
  createReadStream(target)
    .on('error', () => res.destroy()) // gone or unreadable meanwhile: end this response, not the server
    .pipe(res);
  return true;
}
