const isH5 = process.env.TARO_ENV === 'h5';

/** Subpackages by role; the demo-identity picker exists only in the h5 build served locally. */
const subPackages = [
  { root: 'packages/resident', pages: ['pages/privacy/index'] },
  { root: 'packages/member', pages: ['pages/guide/index'] },
  // Staff: secretary, grid worker, department, unit admin, county admin.
  { root: 'packages/staff', pages: ['pages/roles/index'] },
  ...(isH5 ? [{ root: 'packages/dev', pages: ['pages/pick/index'] }] : []),
];

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/wishes/index', 'pages/cases/index', 'pages/mine/index'],
  subPackages,
  window: {
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '同心圆',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/wishes/index', text: '微心愿' },
      { pagePath: 'pages/cases/index', text: '诉求' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  // Location: the place of a complaint, activity check-in, the nearest Red Station.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定诉求发生地点、活动签到和查找附近的红色驿站' },
  },
  lazyCodeLoading: 'requiredComponents',
});
