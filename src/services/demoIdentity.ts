import Taro from '@tarojs/taro';

/**
 * h5 demo only: which seeded user the local gateway should treat as the caller. Real identity
 * comes from WeChat; this key exists only in the browser build served by the local server.
 */
export const DEMO_OPENID_KEY = 'txy.demoOpenid';

export function getDemoOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(DEMO_OPENID_KEY);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function setDemoOpenid(openid: string): void {
  Taro.setStorageSync(DEMO_OPENID_KEY, openid);
}
