/** Page URLs used in navigation, kept in one place next to app.config.ts. */
export const ROUTES = {
  home: '/pages/index/index',
  wishes: '/pages/wishes/index',
  cases: '/pages/cases/index',
  mine: '/pages/mine/index',
  privacyGuide: '/packages/resident/pages/privacy/index',
  sixOnesGuide: '/packages/member/pages/guide/index',
  staffRoles: '/packages/staff/pages/roles/index',
  /** h5 build only. */
  demoPicker: '/packages/dev/pages/pick/index',
} as const;
