import { conflict, isDuplicate } from './errors';
import type { CallContext } from './router';
import type { Transaction } from './sdk-types';

/**
 * Commit conflicts retried before the caller hears CONFLICT: counters are sharded (no hot
 * document), so a conflict means a few transactions met on one shard or one member's counters;
 * each retry reads again and picks a shard again.
 */
const RETRIES = 10;

/**
 * Runs `fn` in a database transaction. The SDK retries on a commit conflict; if the conflict
 * persists, or a document it inserts was inserted meanwhile, the caller gets CONFLICT (someone
 * else changed the same records) — never INTERNAL.
 * Errors thrown by `fn` (AppError included) abort the transaction and pass through.
 */
export async function inTransaction<T>(ctx: CallContext, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.runTransaction(fn, RETRIES);
  } catch (err) {
    if ((err as { code?: string })?.code === 'DATABASE_TRANSACTION_CONFLICT') {
      throw conflict('数据正被他人修改，请刷新后重试');
    }
    // A document this transaction creates was created meanwhile by another one (the same
    // approval or completion at once): that one won.
    if (isDuplicate(err)) throw conflict('该操作已由他人完成，请刷新');
    throw err;
  }
}

/** Reads one document inside a transaction; null when it does not exist (the SDK rejects). */
export async function txGet<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await tx.collection(collection).doc(id).get<T>();
    return data ?? null;
  } catch (err) {
    if (/does not exist/.test(String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message))) return null;
    throw err;
  }
}
