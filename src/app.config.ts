/**
 * Only the tab pages live in the main package; each area is a subpackage loaded when first opened.
 * The demo sign-in (features/dev) exists only in the H5 build, which the local runtime serves.
 */
const subPackages = [
  { root: 'features/household', pages: ['pages/bind/index', 'pages/scan/index'] },
  { root: 'features/card', pages: ['pages/edit/index'] },
  { root: 'features/admin', pages: ['pages/grids/index', 'pages/grid/index', 'pages/poster/index'] },
  // 诉求: residents' pages and the detail every role opens; the worker/staff queues; the inbox.
  { root: 'features/requests', pages: ['pages/submit/index', 'pages/mine/index', 'pages/detail/index'] },
  { root: 'features/work', pages: ['pages/worklist/index', 'pages/file/index', 'pages/overview/index', 'pages/bindings/index'] },
  { root: 'features/messages', pages: ['pages/inbox/index', 'pages/sent/index'] },
  // 通知公告: the detail every role opens; publishing, the management list and coverage for staff and workers.
  {
    root: 'features/notices',
    pages: ['pages/detail/index', 'pages/manage/index', 'pages/publish/index', 'pages/coverage/index', 'pages/grid/index'],
  },
  // 人员: redeeming an invitation (anyone), 人员管理 and 操作记录 (admins), 对接系统密钥 (street admins: Open311 keys).
  { root: 'features/people', pages: ['pages/redeem/index', 'pages/manage/index', 'pages/audit/index', 'pages/partners/index'] },
  // 台账导入: street admins bring the street's registers in from Excel.
  { root: 'features/registers', pages: ['pages/import/index'] },
  // 考核评价: the dashboard and a figure's requests (staff), 我的考核 (grid workers); the trend chart lives only here.
  { root: 'features/assessment', pages: ['pages/dashboard/index', 'pages/figure/index', 'pages/mine/index'] },
  // 走访 / 巡查: 今日待访, households with their last visit, recording a visit (kept on the phone until sent), history, coverage.
  {
    root: 'features/visits',
    pages: ['pages/due/index', 'pages/households/index', 'pages/record/index', 'pages/history/index', 'pages/coverage/index'],
  },
];
if (process.env.TARO_ENV === 'h5') subPackages.push({ root: 'features/dev', pages: ['pages/login/index'] });

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/notices/index', 'pages/mine/index'],
  subPackages,
  // Residents open 绑定住址 right after their first visit, and 我要反映 / 我的诉求 from home: fetch them while
  // they read the home page. Every message opens a request's detail.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['features/household', 'features/requests'] },
    'features/messages/pages/inbox/index': { network: 'all', packages: ['features/requests'] },
    // Every notice in the feed opens its detail.
    'pages/notices/index': { network: 'all', packages: ['features/notices'] },
  },
  // 选择位置 on 我要反映 / 巡查上报 (weapp): declared here and in the privacy guide; refusing it still lets a person type an address.
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['chooseLocation'],
        permission: { 'scope.userLocation': { desc: '用于标注您反映的问题发生在哪里' } },
      }
    : {}),
  window: {
    // Spelled out because Taro's H5 router draws its title bar (with back / home buttons) only when told.
    navigationStyle: 'default',
    navigationBarTitleText: '网格通',
    navigationBarBackgroundColor: '#1a5fd1',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#6b7785',
    selectedColor: '#1a5fd1',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/notices/index', text: '通知', iconPath: 'assets/tab/notice.png', selectedIconPath: 'assets/tab/notice-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
