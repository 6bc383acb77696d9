import type { IncomingMessage } from 'node:http';

/**
 * The local CloudBase belongs to the person running it: it answers only requests addressed to
 * this server by a loopback name (`Host`: `127.0.0.1:<port>`, `localhost:<port>` or
 * `[::1]:<port>` — anything else is a DNS-rebinding page or a proxy), and never a browser request
 * sent by another origin (a page the developer visits could otherwise post to /admin, /api/* or
 * /dev/*). Scripts (tests, curl, the SDK) send no `Origin`; the h5 app's own requests carry this
 * server's origin. Returns why a request is refused, or null.
 */
export function foreignRequest(req: IncomingMessage, port: number): string | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host))
    return `Host ${host || '(none)'} is not this local server`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`)
    return `cross-origin request from ${origin || '(empty origin)'}`;
  return null;
}

/**
 * An openid as WeChat issues them: letters, digits, `-` and `_`, at most 64, starting with a
 * letter or digit (WeChat's start with `o`; this also keeps out `__proto__` and its kind).
 */
const OPENID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The caller's identity on the h5 routes (`x-openid`, local server only) — one check for the
 * function gateway, the upload and the subscribe stand-ins: `''` when the header is absent or
 * empty (the route decides what an anonymous call gets), null when it is anything but one
 * well-formed openid (too long, a path, an operator, two joined values …): refused.
 */
export function callerOpenid(req: IncomingMessage): string | null {
  const header = req.headers['x-openid'];
  if (header === undefined || header === '') return '';
  return typeof header === 'string' && OPENID.test(header) ? header : null;
}
