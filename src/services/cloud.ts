import type { ActionName, Envelope, FunctionName, Input, Result } from '../../contract';
import { CloudError, NETWORK_MESSAGE } from './CloudError';
import { send } from './transport';

/**
 * The one cloud client: `call('account', 'me', {})`. Types come from the contract; the
 * envelope is unwrapped here so stores see either `data` or a thrown CloudError.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: Input<F, A>,
): Promise<Result<F, A>> {
  let reply: unknown;
  try {
    reply = await send(fn, { action, payload });
  } catch {
    throw new CloudError('INTERNAL', NETWORK_MESSAGE, null);
  }
  if (!isEnvelope(reply)) throw new CloudError('INTERNAL', NETWORK_MESSAGE, null);
  if (reply.ok) return reply.data as Result<F, A>;
  const { code, message, details } = reply.error;
  throw new CloudError(code, message, reply.requestId ?? null, details);
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return true;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}
