import { useEffect, useRef, useState, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeDetail } from '@core/api/notice.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { useQuery } from '../../../../hooks/use-query';
import { isCallError, messageOf } from '../../../../lib/cloud/call-error';
import { ROUTES, withQuery } from '../../../../lib/routes';
import PhotoGrid from '../../../requests/components/PhotoGrid';
import { noticeApi } from '../../api';
import AttachmentList from '../../components/AttachmentList';
import NoteSheet from '../../components/NoteSheet';
import NoticeBody from '../../components/NoticeBody';
import { revisionText, stateTone, timeText } from '../../notice-view';
import '../../components/notices.scss';

/** Someone else changed or withdrew it first: say why and show it as it is now. */
const STALE_CODES = ['NOTICE.VERSION_CONFLICT', 'NOTICE.WITHDRAWN'];

function Head({ d, now }: { d: NoticeDetail; now: number }) {
  const staffView = d.mine === null;
  return (
    <View className="section nt-head">
      <View className="nt-head__tags">
        {d.urgent && <Text className="tag nt-tag--urgent e2e-detail-urgent">紧急</Text>}
        {d.pinned && <Text className="tag tag--primary">置顶</Text>}
        <Text className="tag e2e-detail-category">{d.categoryLabel}</Text>
        {staffView && <Text className={`tag nt-tag--${stateTone(d.state)} e2e-detail-state`}>{d.stateLabel}</Text>}
      </View>
      <Text className="nt-head__title e2e-detail-title">{d.title}</Text>
      <View className="nt-head__facts">
        <Text className="nt-head__fact e2e-detail-publisher">发布：{d.publisherLabel}</Text>
        <Text className="nt-head__fact e2e-detail-time">
          {d.state === 'scheduled' ? '定于' : '时间：'}
          {timeText(d.publishAt, now)}
          {d.state === 'scheduled' ? ' 发布' : ''}
        </Text>
        <Text className="nt-head__fact e2e-detail-scope">范围：{d.scopeText}</Text>
        {d.expiresAt && (
          <Text className="nt-head__fact">
            {d.state === 'expired' ? '已于' : '有效期至'}
            {timeText(d.expiresAt, now)}
            {d.state === 'expired' ? '过期' : ''}
          </Text>
        )}
      </View>
    </View>
  );
}

/**
 * One notice. For a resident, opening it records the read; a notice that asks for it has a big 我已知晓
 * button. Readers see when and why it changed. Staff who published it (or could have) edit and withdraw it
 * here, and everyone on the staff side goes on to its coverage.
 */
export default function NoticeDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const justPublished = params.created === '1';
  const q = useQuery(`notice-${id}`, () => noticeApi.open(id), { enabled: Boolean(id), pullToRefresh: true, reloadOnShow: true });
  const now = useNow();
  const d = q.data;
  // Once this page has said the notice changed since the last read, it keeps saying so (a reload records the read again).
  const [changed, setChanged] = useState(false);
  const [acking, setAcking] = useState(false);
  const ackingRef = useRef(false);
  const [sheet, setSheet] = useState<'withdraw' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (d?.mine?.changedSinceRead) setChanged(true);
  }, [d]);

  async function acknowledge() {
    if (!d || ackingRef.current) return;
    ackingRef.current = true;
    setAcking(true);
    try {
      q.setData(await noticeApi.acknowledge(d.id));
      void Taro.showToast({ title: '已确认', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有确认成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      ackingRef.current = false;
      setAcking(false);
    }
  }

  async function withdraw(reason: string): Promise<string | null> {
    if (!d) return null;
    try {
      q.setData(await noticeApi.withdraw(d.id, d.version, reason));
      setSheet(null);
      setNotice(null);
      void Taro.showToast({ title: '已撤回', icon: 'success' });
      return null;
    } catch (e) {
      if (isCallError(e) && STALE_CODES.includes(e.code)) {
        setSheet(null);
        setNotice(e.message);
        void q.reload();
        return null;
      }
      return messageOf(e);
    }
  }

  const needsAck = Boolean(d?.mine && d.requireAck && !d.mine.acknowledgedAt);
  const staffView = Boolean(d && d.mine === null);
  const canEdit = Boolean(d?.canManage && d.state !== 'withdrawn');
  const showCoverage = staffView && d?.state !== 'scheduled';
  const latest = d?.revisions[0];

  let footer: ReactNode = null;
  if (d && needsAck) {
    footer = (
      <View className="nt-ack-foot">
        <Text className="nt-ack-foot__hint">发布单位请您确认已经知道这条通知</Text>
        <ActionButton type="primary" size="large" block loading={acking} className="nt-ack-button e2e-acknowledge" onClick={() => void acknowledge()}>
          我已知晓
        </ActionButton>
      </View>
    );
  } else if (d?.mine?.acknowledgedAt && d.requireAck) {
    // Where the button was, the answer stays: clear to someone who just tapped it.
    footer = (
      <View className="nt-acked e2e-acknowledged">
        <Text className="nt-acked__mark">✓</Text>
        <View>
          <Text className="nt-acked__title">您已确认知晓</Text>
          <Text className="nt-acked__at">{timeText(d.mine.acknowledgedAt, now)}</Text>
        </View>
      </View>
    );
  } else if (d && (canEdit || showCoverage)) {
    footer = (
      <View className="rq-actions e2e-manage-actions">
        {showCoverage && (
          <ActionButton type="primary" size="large" className="e2e-open-coverage" onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.noticeCoverage, { id: d.id }) })}>
            到户情况
          </ActionButton>
        )}
        {canEdit && (
          <ActionButton type="ghost" size="large" className="e2e-edit" onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.noticePublish, { id: d.id }) })}>
            修改
          </ActionButton>
        )}
        {canEdit && (
          <ActionButton type="danger" size="large" className="e2e-withdraw" onClick={() => setSheet('withdraw')}>
            撤回
          </ActionButton>
        )}
      </View>
    );
  }

  return (
    <PageShell
      className="nt-detail"
      loading={q.loading}
      error={q.error}
      hasContent={Boolean(d)}
      onRetry={() => void q.reload()}
      empty={!id && { title: '没有找到这条通知', description: '链接不完整，请从「通知」重新打开。' }}
      footer={footer}
    >
      {d && (
        <>
          {justPublished && d.state !== 'withdrawn' && (
            <View className="rq-notice e2e-published">
              <Text>{d.state === 'scheduled' ? `已安排在 ${timeText(d.publishAt, now)} 发布，到时居民就能看到。` : '已发布！范围内的居民现在就能看到这条通知。'}</Text>
            </View>
          )}
          {notice && (
            <View className="rq-form-error e2e-action-refused" onClick={() => setNotice(null)}>
              <Text>{notice}</Text>
              <Text className="rq-form-error__sub">下面已刷新为最新内容。</Text>
            </View>
          )}
          {d.state === 'withdrawn' && (
            <View className="nt-banner nt-banner--danger e2e-withdrawn">
              <Text className="nt-banner__title">这条通知已撤回，居民已看不到</Text>
              {d.withdrawnReason && <Text className="nt-banner__text">撤回原因：{d.withdrawnReason}</Text>}
            </View>
          )}
          {changed && latest && (
            <View className="nt-banner nt-banner--warning e2e-changed-banner">
              <Text className="nt-banner__title">这条通知在您上次阅读后有修改</Text>
              <Text className="nt-banner__text">{revisionText(latest, now)}</Text>
            </View>
          )}

          <Head d={d} now={now} />

          <View className="section">
            <NoticeBody blocks={d.body} className="e2e-detail-body" />
            {d.imageUrls.length > 0 && <View className="rq-gap" />}
            <PhotoGrid urls={d.imageUrls} className="e2e-detail-images" />
          </View>

          {d.attachments.length > 0 && (
            <View className="section">
              <Text className="section__title">附件</Text>
              <AttachmentList files={d.attachments} />
            </View>
          )}

          {d.revisions.length > 0 && (
            <View className="section e2e-revisions">
              <Text className="section__title">修改记录</Text>
              {d.revisions.map((r) => (
                <View key={r.version} className="nt-rev e2e-revision">
                  <Text className="nt-rev__text">{revisionText(r, now)}</Text>
                  <Text className="nt-rev__who">{r.editorLabel}</Text>
                </View>
              ))}
            </View>
          )}

          {sheet === 'withdraw' && (
            <NoteSheet
              title="撤回通知"
              className="e2e-dialog-withdraw"
              hint="撤回后居民将看不到这条通知，已有的阅读和到户记录会保留。"
              label="撤回原因"
              placeholder="例如：通知内容有误，将重新发布"
              min={2}
              max={100}
              confirmText="确认撤回"
              danger
              onClose={() => setSheet(null)}
              onSubmit={withdraw}
            />
          )}
        </>
      )}
    </PageShell>
  );
}
