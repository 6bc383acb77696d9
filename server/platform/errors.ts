import type { ErrorCode } from '../../contract/errors';

/** The one error type handlers throw; the router turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidInput = (message: string, details?: unknown) => new AppError('INVALID_INPUT', message, details);
export const forbidden = (message = '无权进行此操作') => new AppError('FORBIDDEN', message);
export const notFound = (message = '记录不存在') => new AppError('NOT_FOUND', message);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);

/** A database insert refused because the `_id` exists (CloudBase answers with MongoDB's E11000). */
export const isDuplicate = (err: unknown) =>
  /duplicate|E11000/i.test(
    String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? ''),
  );
