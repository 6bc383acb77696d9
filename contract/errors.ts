/**
 * Error codes every action may answer with. The client shows `message`; `INTERNAL` carries the
 * request id so a user can quote it to support.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The one reply shape of every cloud-function action. */
export type Envelope<T> = { ok: true; data: T; requestId: string } | { ok: false; error: ErrorBody; requestId: string };
