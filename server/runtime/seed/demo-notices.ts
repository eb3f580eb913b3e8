/**
 * A few notices in the demo street, so that a person signing in sees a feed, coverage and a not-reached list:
 * a street-wide policy notice (pinned, asks for 我已知晓), an urgent utility notice to the first community, and a
 * grid worker's activity notice to their grid. Fixed times and ids: seeding stays deterministic.
 */
import type { Notice } from '@core/notices/notice';
import { toBlocks } from '@core/notices/sanitize';
import { maskName } from '@core/people/phone';
import type { NoticeKey } from '../../ports/notice.port';
import type { StoreImport } from '../../adapters/store-import';

export function demoNotices(data: StoreImport): { notice: Notice; keys: NoticeKey[] }[] {
  const street = data.streets[0];
  const community = data.communities[0];
  const grid = data.grids.find((g) => g.communityId === community.id && g.primaryWorkerId)!;
  const streetStaff = data.users.find((u) => u.posts.some((p) => p.role === 'street_staff'))!;
  const communityStaff = data.users.find((u) => u.posts.some((p) => p.role === 'community_staff' && p.communityId === community.id))!;
  const worker = data.users.find((u) => u.id === grid.primaryWorkerId)!;
  const base = (id: string, at: string): Pick<Notice, 'id' | 'streetId' | 'imageFileIds' | 'attachments' | 'withdrawn' | 'version' | 'revisions' | 'idempotencyKey' | 'createdAt' | 'updatedAt' | 'publishAt' | 'expiresAt'> => ({
    id, streetId: street.id, imageFileIds: [], attachments: [], withdrawn: null, version: 1, revisions: [],
    idempotencyKey: `demo-${id}`, createdAt: at, updatedAt: at, publishAt: at, expiresAt: null,
  });
  return [
    {
      notice: {
        ...base('notice-demo-fire', '2026-11-02T01:00:00.000Z'),
        scope: { level: 'street', ids: [] },
        title: '关于开展冬季消防安全检查的通知',
        body: toBlocks('冬季用火用电增多，街道将于12月对辖区住宅楼开展消防安全检查。\n\n请各位居民配合：\n- 清理楼道内堆放的杂物\n- 电动自行车不进楼道、不入户充电\n- 检查家中燃气软管是否老化\n\n如有疑问，请联系所在网格的网格员。'),
        category: 'policy', urgent: false, requireAck: true, pinned: true,
        publisherId: streetStaff.id, publisherRole: 'street_staff', publisherLabel: `${street.name}办事处`,
      },
      keys: [{ level: 'street', placeId: street.id, communityId: null, gridId: null }],
    },
    {
      notice: {
        ...base('notice-demo-water', '2026-11-20T02:00:00.000Z'),
        scope: { level: 'communities', ids: [community.id] },
        title: `${community.name}停水通知`,
        body: toBlocks('因供水管网维修，本社区将于本周六上午8:00至下午5:00停水。\n\n请提前做好储水准备，停水期间请关好水龙头。'),
        category: 'utility', urgent: true, requireAck: true, pinned: false,
        publisherId: communityStaff.id, publisherRole: 'community_staff', publisherLabel: `${community.name}居委会`,
      },
      keys: [{ level: 'communities', placeId: community.id, communityId: community.id, gridId: null }],
    },
    {
      notice: {
        ...base('notice-demo-clinic', '2026-11-18T08:00:00.000Z'),
        scope: { level: 'grids', ids: [grid.id] },
        title: '本周六社区义诊活动',
        body: toBlocks('本周六上午9:00在网格服务站开展义诊，提供量血压、测血糖等服务。\n\n行动不便的老人可联系网格员预约上门。'),
        category: 'activity', urgent: false, requireAck: false, pinned: false,
        publisherId: worker.id, publisherRole: 'grid_worker', publisherLabel: `${grid.name} 网格员${maskName(worker.name)}`,
      },
      keys: [{ level: 'grids', placeId: grid.id, communityId: community.id, gridId: grid.id }],
    },
  ];
}
