import Taro from '@tarojs/taro';
import type { CallEvent } from '../../contract';
import { CLOUD_ENV } from './cloudEnv';

let initialised = false;

export function initCloud(): void {
  if (initialised) return;
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
  initialised = true;
}

export async function send(fn: string, event: CallEvent): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name: fn, data: { action: event.action, payload: event.payload } });
  return res.result;
}
