/** Page paths, one place. Tab pages are in the main package; each area is a subpackage. */
export const ROUTES = {
  home: '/pages/home/index',
  notices: '/pages/notices/index',
  mine: '/pages/mine/index',
  bind: '/features/household/pages/bind/index',
  scan: '/features/household/pages/scan/index',
  cardEdit: '/features/card/pages/edit/index',
  adminGrids: '/features/admin/pages/grids/index',
  adminGrid: '/features/admin/pages/grid/index',
  poster: '/features/admin/pages/poster/index',
  /** Residents: 我要反映, 我的诉求; everyone who may see a request: its detail. */
  requestSubmit: '/features/requests/pages/submit/index',
  requestMine: '/features/requests/pages/mine/index',
  requestDetail: '/features/requests/pages/detail/index',
  /** Grid workers and staff: 诉求工作台, 巡查上报, 诉求总览. */
  worklist: '/features/work/pages/worklist/index',
  requestFile: '/features/work/pages/file/index',
  requestOverview: '/features/work/pages/overview/index',
  /** 住户绑定确认: grid workers and community staff confirm or reject new bindings. */
  bindings: '/features/work/pages/bindings/index',
  /** 消息: in-app messages of every user. */
  inbox: '/features/messages/pages/inbox/index',
  /** 通知公告: a notice (everyone); publishing, the management list, coverage and a grid's reach (staff, grid workers). */
  noticeDetail: '/features/notices/pages/detail/index',
  noticeManage: '/features/notices/pages/manage/index',
  noticePublish: '/features/notices/pages/publish/index',
  noticeCoverage: '/features/notices/pages/coverage/index',
  noticeGrid: '/features/notices/pages/grid/index',
  /** 台账导入: street admins only. */
  registerImport: '/features/registers/pages/import/index',
  /** 消息记录: the subscribe messages the local runtime recorded for the person (H5 demo). */
  sentLog: '/features/messages/pages/sent/index',
  /** 人员: 我有邀请码 (anyone), 人员管理 and 操作记录 (street admin, community staff). */
  redeem: '/features/people/pages/redeem/index',
  people: '/features/people/pages/manage/index',
  peopleAudit: '/features/people/pages/audit/index',
  /** 考核评价: the dashboard and a figure's requests (street and community staff); 我的考核 (grid workers). */
  assessment: '/features/assessment/pages/dashboard/index',
  assessmentFigure: '/features/assessment/pages/figure/index',
  assessmentMine: '/features/assessment/pages/mine/index',
  /** 走访 / 巡查: 今日待访, a grid's households, recording a visit, a household's history (grid workers, community staff); coverage (staff). */
  visitDue: '/features/visits/pages/due/index',
  visitHouseholds: '/features/visits/pages/households/index',
  visitRecord: '/features/visits/pages/record/index',
  visitHistory: '/features/visits/pages/history/index',
  visitCoverage: '/features/visits/pages/coverage/index',
  /** H5 only: the demo sign-in. */
  signIn: '/features/dev/pages/login/index',
} as const;

/** In tab-bar order (the badge of 通知 is set by its index). */
export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.notices, ROUTES.mine];

/** `/a/b` + `{ x: '1' }` → `/a/b?x=1`; empty values are left out. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/**
 * Where a redirect may send someone after signing in: only a page of this app (a path starting with one
 * slash), never another site. Anything else falls back to home.
 */
export function safeRedirect(redirect: string | undefined | null): string {
  if (!redirect) return ROUTES.home;
  let target = redirect;
  try {
    target = decodeURIComponent(redirect);
  } catch {
    return ROUTES.home;
  }
  if (!/^\/(pages|features)\/[A-Za-z0-9_/-]+(\?[^#]*)?$/.test(target)) return ROUTES.home;
  return target;
}
