const isH5 = process.env.TARO_ENV === 'h5';

/** Subpackages by role; the demo-identity picker exists only in the h5 build served locally. */
const subPackages = [
  {
    root: 'packages/resident',
    pages: [
      'pages/privacy/index',
      'pages/profile/index',
      'pages/grid/index',
      'pages/stations/index',
      'pages/station/index',
      'pages/wish-submit/index',
      'pages/wish-mine/index',
      'pages/wish-detail/index',
      'pages/case-submit/index',
      'pages/case-detail/index',
      'pages/messages/index',
    ],
  },
  {
    root: 'packages/member',
    pages: [
      'pages/guide/index',
      'pages/report/index',
      'pages/wish-claims/index',
      'pages/wish-fulfil/index',
      'pages/activities/index',
      'pages/activity/index',
      'pages/six-ones/index',
      'pages/record-file/index',
    ],
  },
  // Staff: secretary, grid worker, department, unit admin, county admin.
  {
    root: 'packages/staff',
    pages: [
      'pages/roles/index',
      'pages/reports/index',
      'pages/members/index',
      'pages/grids/index',
      'pages/card/index',
      'pages/pairs/index',
      'pages/unit-members/index',
      'pages/directory/index',
      'pages/directory-entry/index',
      'pages/grants/index',
      'pages/audit/index',
      'pages/wish-review/index',
      'pages/wish-on-behalf/index',
      'pages/wish-awaiting/index',
      'pages/activities/index',
      'pages/activity-edit/index',
      'pages/activity-checkin/index',
      'pages/records/index',
      'pages/six-ones-tally/index',
      'pages/six-ones-overview/index',
      'pages/case-queue/index',
      'pages/case-inbox/index',
      'pages/case-metrics/index',
    ],
  },
  // 结对共建: the year's 三清单一协议 (secretaries, unit admins, the county admin), the 轮值主席 rota,
  // 联席会议 and their 议定事项; residents' 共建项目; 红色物业.
  {
    root: 'packages/cobuild',
    pages: [
      'pages/index/index',
      'pages/needs/index',
      'pages/need/index',
      'pages/need-edit/index',
      'pages/resources/index',
      'pages/resource/index',
      'pages/resource-edit/index',
      'pages/projects/index',
      'pages/project/index',
      'pages/project-edit/index',
      'pages/agreements/index',
      'pages/agreement/index',
      'pages/agreement-edit/index',
      'pages/rota/index',
      'pages/meetings/index',
      'pages/meeting/index',
      'pages/meeting-call/index',
      'pages/decisions/index',
      'pages/public-projects/index',
      'pages/public-project/index',
      // 红色物业: the county's companies and ratings; the liaison's own company.
      'pages/property/index',
      'pages/property-company/index',
    ],
  },
  // 督导: the county's quarterly figures, rankings and 通报, each community's, unit's and department's
  // report, the scoring rules; and every chart of the app (ECharts, ~0.5 MB: only here).
  {
    root: 'packages/supervision',
    pages: [
      'pages/ranking/index',
      'pages/report/index',
      'pages/quarter/index',
      'pages/rules/index',
      'pages/case-trend/index',
      'pages/six-ones-chart/index',
    ],
  },
  ...(isH5 ? [{ root: 'packages/dev', pages: ['pages/pick/index'] }] : []),
];

/** A tab with its pair of 81×81 icons in src/assets/tab. */
const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tab/${icon}-normal.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
});

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/wishes/index', 'pages/cases/index', 'pages/mine/index'],
  subPackages,
  window: {
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '同心圆',
    navigationBarTextStyle: 'white',
    // WeChat draws its title bar; the h5 build draws Taro's (title, 返回, 首页) only when asked to.
    navigationStyle: 'default',
    backgroundColor: '#f6f6f6',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      tab('pages/index/index', '首页', 'home'),
      tab('pages/wishes/index', '微心愿', 'wishes'),
      tab('pages/cases/index', '诉求', 'cases'),
      tab('pages/mine/index', '我的', 'mine'),
    ],
  },
  // Location: the place of a complaint, activity check-in, the nearest Red Station.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定诉求发生地点、活动签到和查找附近的红色驿站' },
  },
  lazyCodeLoading: 'requiredComponents',
});
