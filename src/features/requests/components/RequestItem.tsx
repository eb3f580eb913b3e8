import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RequestSummary } from '@core/api/request.contract';
import { ROUTES, withQuery } from '../../../lib/routes';
import { formatDateTime } from '../request-view';
import DueLabel from './DueLabel';
import StatusTag from './StatusTag';

interface Props {
  item: RequestSummary;
  now: number;
  /** Staff lists say which grid a request is in; a resident's own list does not need to. */
  showGrid?: boolean;
}

/** One request in a list: what, its status, the deadline that runs now, and how often it was sent back. */
export default function RequestItem({ item, now, showGrid }: Props) {
  const overdue = item.overdue && item.dueAt !== null;
  return (
    <View
      id={`request-${item.id}`}
      className={`rq-item e2e-request-item ${overdue ? 'rq-item--overdue e2e-request-overdue' : ''}`}
      hoverClass="rq-item--pressed"
      onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.requestDetail, { id: item.id }) })}
    >
      <View className="rq-item__head">
        <Text className="rq-item__cat e2e-request-category">{item.categoryName}</Text>
        <StatusTag status={item.status} label={item.statusLabel} overdue={overdue} />
      </View>
      <Text className="rq-item__excerpt e2e-request-excerpt">{item.excerpt}</Text>
      <View className="rq-item__meta">
        <DueLabel dueAt={item.dueAt} dueKind={item.dueKind} now={now} />
        {item.reopenCount > 0 && <Text className="tag tag--danger e2e-reopen-badge">重办{item.reopenCount}次</Text>}
        {item.followVia && <Text className="tag tag--primary e2e-followed-badge">{item.followVia === 'merge' ? '合并后同问' : '我同问的'}</Text>}
        {item.followerCount > 0 && <Text className="tag tag--warning e2e-follower-count">同问{item.followerCount}人</Text>}
        {/* Staff lists only: the filer's binding was not confirmed when they filed it. */}
        {showGrid && item.unverifiedResident && <Text className="tag tag--warning e2e-unverified-badge">未核实住户</Text>}
        {/* Staff lists only: it came in over Open311 from the 12345 hotline or a city platform. */}
        {showGrid && (item.source === 'hotline' || item.source === 'platform') && (
          <Text className="tag e2e-request-source">{item.source === 'hotline' ? '12345热线' : '城市平台'}</Text>
        )}
        {showGrid && item.gridName ? <Text className="e2e-request-grid">{item.gridName}</Text> : null}
        <Text>{formatDateTime(item.createdAt, now)}</Text>
        {item.photoCount > 0 && <Text>{item.photoCount}张图片</Text>}
      </View>
    </View>
  );
}
