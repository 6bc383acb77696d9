/** The version of the privacy guide (用户隐私保护指引) the app shows; bump it when the guide changes. */
export const PRIVACY_VERSION = '2026-11';
