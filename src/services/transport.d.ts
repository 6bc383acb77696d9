import type { CallEvent } from '../../contract';

/*
 * One transport per platform, picked by Taro's unified-file resolution at build time:
 * transport.weapp.ts (wx.cloud.callFunction) and transport.h5.ts (the local HTTP gateway).
 * This file only declares what both export.
 */

/** Prepares the platform's cloud access; called once at app start. */
export function initCloud(): void;

/** Sends one call and resolves with the raw reply body (an envelope, unchecked); rejects on transport failure. */
export function send(fn: string, event: CallEvent): Promise<unknown>;
