import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { noticeApi } from '../../api';
import CoverageBar from '../../components/CoverageBar';
import CoverageExport from '../../components/CoverageExport';
import '../../components/notices.scss';

/**
 * 到户情况 of one notice over the places this person looks after: the total, each community and each grid.
 * A grid opens its households — who has not been reached yet.
 */
export default function NoticeCoveragePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const q = useQuery(`notice-coverage-${id}`, () => noticeApi.coverage(id), { enabled: Boolean(id), pullToRefresh: true, reloadOnShow: true });
  const c = q.data;
  return (
    <PageShell
      className="nt-coverage"
      loading={q.loading}
      skeleton="list"
      error={q.error}
      hasContent={Boolean(c)}
      onRetry={() => void q.reload()}
      empty={!id && { title: '没有找到这条通知', description: '链接不完整，请从「通知管理」重新打开。' }}
    >
      {c && (
        <>
          <View className="section">
            <Text className="nt-cov-title e2e-coverage-title">{c.title}</Text>
            <Text className="section__hint">范围：{c.scopeText}</Text>
          </View>

          <View className="section nt-cov-total e2e-coverage-total">
            <Text className="section__title">到户率</Text>
            <CoverageBar row={c.total} requireAck={c.requireAck} showName={false} className="nt-cov--big" />
            <Text className="nt-cov-rule">户内至少一位居民已阅读，或网格员已上门、电话告知，即算到户。</Text>
          </View>

          {c.communities.length > 1 && (
            <View className="section">
              <Text className="section__title">各社区</Text>
              {c.communities.map((row) => (
                <CoverageBar key={row.id} row={row} requireAck={c.requireAck} className="e2e-coverage-community" />
              ))}
            </View>
          )}

          <View className="section">
            <Text className="section__title">各网格</Text>
            <Text className="section__hint nt-cov-tip">点网格查看还没有到户的住户</Text>
            {c.grids.map((row) => (
              <CoverageBar
                key={row.id}
                id={`coverage-grid-${row.id}`}
                row={row}
                requireAck={c.requireAck}
                className="e2e-coverage-grid"
                onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.noticeGrid, { id: c.noticeId, gridId: row.id }) })}
              />
            ))}
          </View>
          <CoverageExport noticeId={c.noticeId} />
        </>
      )}
    </PageShell>
  );
}
