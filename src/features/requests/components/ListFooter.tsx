import { Text } from '@tarojs/components';
import { messageOf } from '../../../lib/cloud/call-error';

/** The end of a paged list: 加载更多, loading, a failed page with 重试, or 没有更多了. */
export default function ListFooter({ hasMore, loading, error, onMore, count }: { hasMore: boolean; loading: boolean; error: unknown; onMore: () => void; count: number }) {
  if (loading) return <Text className="rq-more e2e-loading-more">正在加载…</Text>;
  if (error) {
    return (
      <Text className="rq-more rq-more--link e2e-load-more" onClick={onMore}>
        加载失败：{messageOf(error)}，点此重试
      </Text>
    );
  }
  if (hasMore) {
    return (
      <Text className="rq-more rq-more--link e2e-load-more" onClick={onMore}>
        加载更多
      </Text>
    );
  }
  return count > 0 ? <Text className="rq-more e2e-list-end">没有更多了</Text> : null;
}
