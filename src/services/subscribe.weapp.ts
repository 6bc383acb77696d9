import Taro from '@tarojs/taro';
import type { SubscribeAnswer } from './subscribe';

/** The real `wx.requestSubscribeMessage` (called inside the tap, as WeChat requires). */
export async function requestSubscribe(tmplIds: string[]): Promise<Record<string, SubscribeAnswer>> {
  const res = (await Taro.requestSubscribeMessage({
    tmplIds,
  } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
  return Object.fromEntries(tmplIds.map((id) => [id, (res[id] ?? 'reject') as SubscribeAnswer]));
}
