import type { MeView } from '@core/api/contract';
import { can, reachesOf } from '@core/people/permission';
import { actorOf } from '../../features/account/me-view';
import { ROUTES, withQuery } from '../../lib/routes';

export interface StaffEntry {
  /** Names the entry in e2e tests (`e2e-entry-<key>`). */
  key: string;
  title: string;
  sub: string;
  url: string;
}

/**
 * 工作台 on home: one entry per thing the person may do, each shown by the permission verb the server checks
 * for it, so moving a verb to another role moves the entry too. Wording follows the verb's reach.
 */
export function staffEntries(me: MeView): StaffEntry[] {
  const actor = actorOf(me);
  const reach = (permission: Parameters<typeof reachesOf>[1]) => reachesOf(actor, permission);
  const entries: StaffEntry[] = [];
  if (can(actor, 'request.handle')) {
    entries.push({ key: 'worklist', title: '诉求工作台', sub: '受理、处置和跟进居民反映的问题', url: ROUTES.worklist });
  }
  if (can(actor, 'binding.confirm')) {
    entries.push({ key: 'bindings', title: '住户绑定确认', sub: '核实新绑定住址的居民，确认或退回', url: ROUTES.bindings });
  }
  if (can(actor, 'request.list_street')) {
    const street = reach('request.list_street').includes('street');
    entries.push({ key: 'overview', title: '诉求总览', sub: street ? '全街道诉求的办理情况，按社区、网格筛选' : '本社区诉求的办理情况', url: ROUTES.requestOverview });
  }
  if (can(actor, 'assessment.view')) {
    const street = reach('assessment.view').includes('street');
    entries.push({
      key: 'assessment',
      title: '考核评价',
      sub: street ? '各社区、网格和网格员的办理指标、排名和本月热点，可导出报表' : '本社区网格和网格员的办理指标、排名和本月热点',
      url: ROUTES.assessment,
    });
  }
  if (can(actor, 'assessment.mine')) {
    entries.push({ key: 'my-assessment', title: '我的考核', sub: '我的办理指标、网格排名，以及超期和不满意的诉求', url: ROUTES.assessmentMine });
  }
  if (can(actor, 'visit.record')) {
    entries.push({ key: 'visits', title: '今日待访', sub: '按走访节奏该上门的住户，登记走访和回访', url: ROUTES.visitDue });
  }
  if (can(actor, 'visit.coverage')) {
    entries.push({ key: 'visit-coverage', title: '走访覆盖', sub: '各网格住户走访覆盖和重点人群按节奏走访情况', url: ROUTES.visitCoverage });
  }
  if (can(actor, 'notice.publish')) {
    const widest = reach('notice.publish')[0];
    const sub = widest === 'street' ? '向全街道或社区、网格、楼栋发布通知，查看到户率' : widest === 'grid' ? '向本网格居民发布通知，查看未到户的住户' : '向本社区居民发布通知，查看到户率';
    entries.push({ key: 'notice-manage', title: '通知管理', sub, url: ROUTES.noticeManage });
  }
  if (can(actor, 'card.edit')) {
    entries.push({ key: 'card-edit', title: '我的联系卡', sub: '编辑照片、工作电话、值班时间和简介', url: ROUTES.cardEdit });
  }
  // 网格管理 is where a community's grids get their workers; a street sees every grid without assigning.
  if (can(actor, 'grid.assign')) {
    entries.push({ key: 'admin', title: '网格管理', sub: '查看本社区网格，调整网格员和B角，打印联系卡', url: ROUTES.adminGrids });
  }
  if (reach('grid.list').includes('street')) {
    entries.push({ key: 'street', title: '全街道网格', sub: '按社区查看全部网格及网格员指派情况', url: ROUTES.adminGrids });
  }
  if (can(actor, 'people.invite')) {
    const street = reach('people.invite').includes('street');
    entries.push({
      key: 'people',
      title: '人员管理',
      sub: street ? '邀请街道、社区工作人员和网格员加入，停用离岗人员，查看操作记录' : '邀请本社区网格员加入，停用离岗网格员',
      url: withQuery(ROUTES.people, { audit: can(actor, 'audit.read') ? 1 : undefined }),
    });
  }
  if (can(actor, 'register.import')) {
    entries.push({ key: 'register-import', title: '台账导入', sub: '从 Excel 导入社区、网格、房屋和工作人员台账', url: ROUTES.registerImport });
  }
  return entries;
}
