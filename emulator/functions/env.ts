/**
 * The functions' environment variables, as the CloudBase console sets them per function (云函数 →
 * 函数配置 → 环境变量; docs/deployment.md), for the local CloudBase: the one place `npm start`,
 * the tests and the bench take them from. A variable set in this process's environment wins over
 * the local default.
 */

import { localTemplateEnv } from '../openapi/templates';

/** The local 六个一 check-in key (function `sixOnes`); production sets its own secret. */
export const LOCAL_CHECKIN_SECRET = 'local-checkin-secret-not-for-production';

export function localFunctionEnv(): Record<string, string> {
  return {
    // The 六个一 check-in codes' HMAC key (server/sixOnes/checkin.ts).
    TXY_CHECKIN_SECRET: process.env.TXY_CHECKIN_SECRET ?? LOCAL_CHECKIN_SECRET,
    // The subscribe-message template ids "applied for" in the local environment (contract/notifications.ts).
    ...localTemplateEnv(),
  };
}
