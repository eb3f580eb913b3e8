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
    entries.push({ key: 'worklist', title: '诉求工作台', sub: '受理、处置居民反映的问题', url: ROUTES.worklist });
  }
  if (can(actor, 'binding.confirm')) {
    entries.push({ key: 'bindings', title: '住户绑定确认', sub: '核实居民绑定的住址', url: ROUTES.bindings });
  }
  if (can(actor, 'request.list_street')) {
    const street = reach('request.list_street').includes('street');
    entries.push({ key: 'overview', title: '诉求总览', sub: street ? '全街道诉求办理情况' : '本社区诉求办理情况', url: ROUTES.requestOverview });
  }
  if (can(actor, 'assessment.view')) {
    const street = reach('assessment.view').includes('street');
    entries.push({
      key: 'assessment',
      title: '考核评价',
      sub: street ? '各社区、网格的办理指标和排名，可导出' : '本社区网格的办理指标和排名',
      url: ROUTES.assessment,
    });
  }
  if (can(actor, 'assessment.mine')) {
    entries.push({ key: 'my-assessment', title: '我的考核', sub: '我的办理指标和网格排名', url: ROUTES.assessmentMine });
  }
  if (can(actor, 'visit.record')) {
    entries.push({ key: 'visits', title: '今日待访', sub: '该上门的住户，登记走访', url: ROUTES.visitDue });
  }
  if (can(actor, 'visit.coverage')) {
    entries.push({ key: 'visit-coverage', title: '走访覆盖', sub: '各网格住户和重点人群走访情况', url: ROUTES.visitCoverage });
  }
  if (can(actor, 'notice.publish')) {
    const widest = reach('notice.publish')[0];
    const sub = widest === 'street' ? '向全街道发布通知，查看到户率' : widest === 'grid' ? '向本网格发布通知，查看未到户住户' : '向本社区发布通知，查看到户率';
    entries.push({ key: 'notice-manage', title: '通知管理', sub, url: ROUTES.noticeManage });
  }
  if (can(actor, 'card.edit')) {
    entries.push({ key: 'card-edit', title: '我的联系卡', sub: '照片、工作电话和值班时间', url: ROUTES.cardEdit });
  }
  // 网格管理 is where a community's grids get their workers; a street sees every grid without assigning.
  if (can(actor, 'grid.assign')) {
    entries.push({ key: 'admin', title: '网格管理', sub: '调整网格员和B角，打印联系卡', url: ROUTES.adminGrids });
  }
  if (reach('grid.list').includes('street')) {
    entries.push({ key: 'street', title: '全街道网格', sub: '按社区查看网格和网格员', url: ROUTES.adminGrids });
  }
  if (can(actor, 'people.invite')) {
    const street = reach('people.invite').includes('street');
    entries.push({
      key: 'people',
      title: '人员管理',
      sub: street ? '邀请工作人员，停用离岗人员，查看操作记录' : '邀请和停用本社区网格员',
      url: withQuery(ROUTES.people, { audit: can(actor, 'audit.read') ? 1 : undefined }),
    });
  }
  if (can(actor, 'register.import')) {
    entries.push({ key: 'register-import', title: '台账导入', sub: '从 Excel 导入社区、网格、房屋和人员', url: ROUTES.registerImport });
  }
  return entries;
}
