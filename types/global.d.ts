/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** Injected by config/index.ts from contract's PRIVACY_VERSION (see src/services/privacy.ts). */
declare const TXY_PRIVACY_VERSION: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI; `process.env.TARO_ENV` branches are removed at build time. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
  }
}
