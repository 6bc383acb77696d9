/*
 * Asking WeChat for subscribe-message acceptances, picked by Taro's unified-file resolution at
 * build time: subscribe.weapp.ts (the real wx.requestSubscribeMessage) and subscribe.h5.ts (a
 * stand-in sheet like WeChat's, recording the choices in the local CloudBase).
 */

/** WeChat's answer per template id: 允许, 取消, turned off in settings, or filtered out. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * Shows WeChat's sheet for these templates (at most 3). Must be called synchronously inside a
 * tap handler, as WeChat requires; resolves with the answer per id, rejects when WeChat refuses
 * the call (not in a tap, unknown template, …).
 */
export function requestSubscribe(tmplIds: string[]): Promise<Record<string, SubscribeAnswer>>;
