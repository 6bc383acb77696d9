import type { ErrorCode } from '../../contract';

/** The message shown for any failure that never reached a function (offline, timeout, bad reply). */
export const NETWORK_MESSAGE = '网络异常，请稍后重试';

/**
 * The one error type of the client: an `{ ok: false }` envelope or a transport failure.
 * `requestId` is the server's id (null when the call never got an answer); pages show it for
 * INTERNAL so a user can quote it to support.
 */
export class CloudError extends Error {
  readonly code: ErrorCode;
  readonly requestId: string | null;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, requestId: string | null, details?: unknown) {
    super(message);
    // Keeps `instanceof` working after the ES5 class transform of the mini-program build.
    Object.setPrototypeOf(this, CloudError.prototype);
    this.name = 'CloudError';
    this.code = code;
    this.requestId = requestId;
    this.details = details;
  }
}

/** Any thrown value as a CloudError, so stores keep one error shape. */
export function toCloudError(e: unknown): CloudError {
  return e instanceof CloudError ? e : new CloudError('INTERNAL', NETWORK_MESSAGE, null);
}
