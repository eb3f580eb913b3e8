import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { WorkerSummary } from '@core/api/contract';
import ActionButton from '../../../../components/ActionButton';
import ContactCardView from '../../../../components/ContactCardView';
import PageShell from '../../../../components/PageShell';
import { ErrorState, Skeleton } from '../../../../components/StateViews';
import { useQuery } from '../../../../hooks/use-query';
import { isCallError, messageOf } from '../../../../lib/cloud/call-error';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { adminApi } from '../../api';
import WorkerPicker from '../../components/WorkerPicker';
import { assignmentProblem } from '../../grid-list';
import { loadGrid, type GridDetail } from './load-grid';
import '../../components/admin.scss';

function AssignPanel({ detail, onDone, onCancel }: { detail: GridDetail; onDone: () => Promise<void>; onCancel: () => void }) {
  const summary = detail.summary;
  const communityId = detail.card.grid.communityId;
  const workers = useQuery(`workers:${communityId}`, () => adminApi.workers(communityId));
  const [primary, setPrimary] = useState<string | null>(summary?.primary?.id ?? null);
  const [backup, setBackup] = useState<string | null>(summary?.backup?.id ?? null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (workers.loading) return <Skeleton kind="list" />;
  if (workers.error) return <ErrorState error={workers.error} onRetry={() => void workers.reload()} />;
  const list: WorkerSummary[] = workers.data ?? [];

  async function save() {
    if (!summary) return;
    const p = assignmentProblem(primary, backup);
    setProblem(p);
    if (p || !primary) return;
    setSaving(true);
    try {
      await adminApi.assign({ gridId: summary.id, primaryWorkerId: primary, backupWorkerId: backup, version: summary.version });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await onDone();
    } catch (e) {
      if (isCallError(e) && e.code === 'GRID.VERSION_CONFLICT') {
        // Someone else changed this grid meanwhile: show what they did, then let the person decide again.
        await Taro.showModal({ title: '需要刷新', content: e.message, showCancel: false, confirmText: '刷新' });
        await onDone();
        return;
      }
      setProblem(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <View className="section e2e-assign-panel">
      <Text className="section__title">调整网格员</Text>
      {list.length === 0 ? (
        <Text className="section__hint">本社区还没有网格员。</Text>
      ) : (
        <>
          <Text className="section__hint">网格员（必选）</Text>
          <WorkerPicker
            className="e2e-pick-primary"
            workers={list}
            value={primary}
            onChange={(id) => {
              setPrimary(id);
              if (id && id === backup) setBackup(null);
              setProblem(null);
            }}
          />
          <Text className="section__hint">B角（网格员不在岗时负责，可不设）</Text>
          <WorkerPicker
            className="e2e-pick-backup"
            workers={list}
            value={backup}
            excludeId={primary}
            noneLabel="暂不设置B角"
            onChange={(id) => {
              setBackup(id);
              setProblem(null);
            }}
          />
        </>
      )}
      {problem && <Text className="field-error e2e-assign-error">{problem}</Text>}
      <View className="assign-actions">
        <ActionButton size="large" disabled={saving} onClick={onCancel}>
          取消
        </ActionButton>
        <ActionButton type="primary" size="large" loading={saving} disabled={list.length === 0} className="e2e-assign-save" onClick={() => void save()}>
          保存
        </ActionButton>
      </View>
    </View>
  );
}

/** One grid for staff: its card as residents see it, the poster, and (community staff) who serves it. */
export default function GridPage() {
  const { params } = useRouter();
  const gridId = params.id ?? '';
  const q = useQuery(gridId, () => loadGrid(gridId), { enabled: Boolean(gridId), pullToRefresh: true });
  const [assigning, setAssigning] = useState(false);
  const detail = q.data;

  return (
    <PageShell
      className="grid-detail"
      loading={Boolean(gridId) && q.loading}
      error={gridId ? q.error : null}
      hasContent={Boolean(detail)}
      onRetry={() => void q.reload()}
      empty={!gridId && { title: '没有指定网格', description: '请从网格列表进入。' }}
    >
      {detail && (
        <>
          <ContactCardView card={detail.card} />
          {assigning && detail.summary ? (
            <AssignPanel
              detail={detail}
              onCancel={() => setAssigning(false)}
              onDone={async () => {
                setAssigning(false);
                await q.reload();
              }}
            />
          ) : (
            <View className="grid-actions">
              {detail.canAssign && detail.summary && (
                <ActionButton type="primary" size="large" block className="e2e-assign-open" onClick={() => setAssigning(true)}>
                  调整网格员
                </ActionButton>
              )}
              <ActionButton
                type="ghost"
                size="large"
                block
                className="e2e-poster-open"
                onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.poster, { id: detail.card.grid.id }) })}
              >
                打印联系卡海报
              </ActionButton>
            </View>
          )}
        </>
      )}
    </PageShell>
  );
}
