import { useState, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RequestDetail } from '@core/api/request.contract';
import { RATINGS, RATING_LABELS, SOURCE_LABELS, type Rating } from '@core/requests/request.status';
import ActionButton from '../../../../components/ActionButton';
import ConsentButton from '../../../../components/ConsentButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { useQuery } from '../../../../hooks/use-query';
import { isCallError, messageOf } from '../../../../lib/cloud/call-error';
import { formatPhone, gridLabel } from '../../../../lib/format';
import { dial } from '../../../../lib/phone-call';
import { requestApi, type DetailAction } from '../../api';
import { ACTION_FORMS, EMPTY_VALUES, actionErrorsFromIssues, buildActionInput, shownActions, type ActionErrors, type ActionValues } from '../../action-forms';
import ActionDialog from '../../components/ActionDialog';
import DueLabel from '../../components/DueLabel';
import PhotoGrid from '../../components/PhotoGrid';
import StatusTag from '../../components/StatusTag';
import Timeline from '../../components/Timeline';
import MergeSheet from '../../components/MergeSheet';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { formatDateTime } from '../../request-view';
import '../../components/requests.scss';

/** Someone else changed the request first, or it moved on: the person sees why and the fresh state. */
const STALE_CODES = ['REQUEST.VERSION_CONFLICT', 'REQUEST.ILLEGAL_TRANSITION'];

function Fact({ label, children, className, side }: { label: string; children: ReactNode; className?: string; side?: ReactNode }) {
  return (
    <View className="rq-fact">
      <Text className="rq-fact__label">{label}</Text>
      <Text className={`rq-fact__value ${className ?? ''}`}>{children}</Text>
      {side ? <View className="rq-fact__side">{side}</View> : null}
    </View>
  );
}

function Place({ d }: { d: RequestDetail }) {
  if (!d.location && !d.address) return null;
  const { location } = d;
  return (
    <View className="section">
      <Text className="section__title">发生地点</Text>
      <View className="rq-facts">
        {location && (
          <Fact
            label="位置"
            className="e2e-detail-location"
            side={
              process.env.TARO_ENV === 'weapp' ? (
                <ActionButton type="ghost" size="small" className="e2e-open-location" onClick={() => void Taro.openLocation({ latitude: location.latitude, longitude: location.longitude, name: location.name ?? undefined, scale: 17 }).catch(() => undefined)}>
                  查看地图
                </ActionButton>
              ) : undefined
            }
          >
            {location.name ?? `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`}
          </Fact>
        )}
        {d.address && (
          <Fact label="地址" className="e2e-detail-address">
            {d.address}
          </Fact>
        )}
      </View>
    </View>
  );
}

/**
 * One request, for everyone allowed to see it: what, where, who handles it, the deadlines, and every step so
 * far. The buttons are exactly the actions the server lists for this person now; each sends the version shown.
 */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const justCreated = params.created === '1';
  const justFollowed = params.metoo === '1';
  const [merging, setMerging] = useState(false);
  const [myRating, setMyRating] = useState<Rating | null>(null);
  const [rating, setRating] = useState(false);
  const q = useQuery(`request-${id}`, () => requestApi.detail(id), { enabled: Boolean(id), pullToRefresh: true, reloadOnShow: true });
  const now = useNow();
  const [open, setOpen] = useState<DetailAction | null>(null);
  const [busy, setBusy] = useState<DetailAction | null>(null);
  const [notice, setNotice] = useState<{ text: string; kind: 'stale' | 'error' } | null>(null);
  const d = q.data;

  async function run(action: DetailAction, values: ActionValues): Promise<ActionErrors | null> {
    if (!d) return null;
    const built = buildActionInput(action, { id: d.id, version: d.version }, values);
    if (!built.ok) return built.errors;
    setNotice(null);
    try {
      const next = await requestApi.act(action, built.input);
      q.setData(next);
      setOpen(null);
      void Taro.showToast({ title: ACTION_FORMS[action].doneText, icon: 'success' });
      return null;
    } catch (e) {
      if (isCallError(e) && STALE_CODES.includes(e.code)) {
        setOpen(null);
        setNotice({ text: e.message, kind: 'stale' });
        void q.reload();
        return null;
      }
      if (isCallError(e) && e.issues.length) return { ...actionErrorsFromIssues(e.issues), form: e.message };
      return { form: messageOf(e) };
    }
  }

  async function tap(action: DetailAction) {
    if (busy) return;
    if (!ACTION_FORMS[action].direct) {
      setOpen(action);
      return;
    }
    setBusy(action);
    const problems = await run(action, EMPTY_VALUES);
    setBusy(null);
    if (problems) setNotice({ text: Object.values(problems)[0] ?? messageOf(null), kind: 'error' });
  }

  /** A follower's own rating (同问): once, after the handler resolved it; it moves nothing but is shown to staff. */
  async function rateAsFollower() {
    if (!d || !myRating || rating) return;
    setRating(true);
    setNotice(null);
    try {
      q.setData(await requestApi.rateFollowed(d.id, myRating));
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
    } catch (e) {
      setNotice({ text: messageOf(e), kind: 'error' });
    } finally {
      setRating(false);
    }
  }

  const actions = d ? shownActions(d.actions) : [];
  const isWide = (a: DetailAction) => ACTION_FORMS[a].label.length > 5;
  // Buttons sit two to a row, a long label on a row of its own; the page leaves room for every row.
  const wide = actions.filter(isWide).length;
  const footerRows = wide + Math.ceil((actions.length - wide) / 2);

  return (
    <PageShell
      className="rq-detail"
      loading={q.loading}
      error={q.error}
      hasContent={Boolean(d)}
      onRetry={() => void q.reload()}
      empty={!id && { title: '没有找到这条诉求', description: '链接不完整，请从「我的诉求」或「消息」重新打开。' }}
      footer={
        actions.length > 0 && (
          <View className="rq-actions e2e-actions">
            {actions.map((a) => (
              <ActionButton
                key={a}
                type={ACTION_FORMS[a].tone === 'primary' ? 'primary' : ACTION_FORMS[a].tone === 'danger' ? 'danger' : 'ghost'}
                size="large"
                loading={busy === a}
                disabled={Boolean(busy) && busy !== a}
                className={`e2e-action e2e-action-${a} ${isWide(a) ? 'rq-action--wide' : ''}`}
                onClick={() => void tap(a)}
              >
                {ACTION_FORMS[a].label}
              </ActionButton>
            ))}
          </View>
        )
      }
    >
      {d && (
        <>
          {justCreated && (d.status === 'submitted' || d.status === 'held') && (
            <View className="rq-notice rq-notice--stack e2e-submitted">
              <Text>提交成功！网格员会在期限内受理，办理进展会通过「消息」告诉您。</Text>
              <Text className="rq-notice__sub">想在微信里也收到提醒？</Text>
              <ConsentButton moment="request_submitted" type="primary" showCredits />
            </View>
          )}
          {justFollowed && d.follow && (
            <View className="rq-notice rq-notice--stack e2e-followed">
              <Text>已同问！网格员会看到又多了一位居民反映，办理进展会通过「消息」告诉您，也可以在「我的诉求 → 我同问的」里查看。</Text>
              <Text className="rq-notice__sub">想在微信里也收到提醒？</Text>
              <ConsentButton moment="request_submitted" type="primary" showCredits />
            </View>
          )}
          {d.mergedInto && (
            <View className="rq-notice rq-notice--stack e2e-merged">
              <Text>这条诉求与附近的同类诉求是同一问题，已合并办理。</Text>
              <ActionButton type="ghost" size="small" className="e2e-open-merged" onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.requestDetail, { id: d.mergedInto ?? '' }) })}>
                查看合并后的诉求
              </ActionButton>
            </View>
          )}
          {notice && (
            <View className={`rq-form-error ${notice.kind === 'stale' ? 'e2e-action-refused' : 'e2e-action-error'}`} onClick={() => setNotice(null)}>
              <Text>{notice.text}</Text>
              {notice.kind === 'stale' && <Text className="rq-form-error__sub">下面已刷新为最新情况。</Text>}
            </View>
          )}

          <View className="section">
            <View className="rq-head__row">
              <Text className="rq-head__cat e2e-detail-category">{d.categoryName}</Text>
              <StatusTag status={d.status} label={d.statusLabel} overdue={d.overdue} />
            </View>
            <View className="rq-head__meta">
              <DueLabel dueAt={d.dueAt} dueKind={d.dueKind} now={now} />
              {d.reopenCount > 0 && <Text className="tag tag--danger e2e-reopen-badge">重办{d.reopenCount}次</Text>}
              {d.resolvedLate && <Text className="tag tag--danger e2e-resolved-late">超期办结</Text>}
              {d.followerCount > 0 && <Text className="tag tag--warning e2e-detail-followers">同问 {d.followerCount}人</Text>}
              {d.follow && <Text className="tag tag--primary e2e-detail-following">{d.follow.viaLabel}</Text>}
            </View>
            <View className="rq-head__meta">
              <Text>{SOURCE_LABELS[d.source]}</Text>
              <Text>{formatDateTime(d.createdAt, now)}</Text>
              <Text className="e2e-detail-grid">
                {d.gridName ? gridLabel(d.communityName, d.gridName) : d.communityName}
              </Text>
            </View>
          </View>

          {d.status === 'held' && (
            <View className="rq-notice e2e-held">
              <Text>这条诉求正在由社区审核，审核通过后交给网格员处理。</Text>
            </View>
          )}

          <View className="section">
            <Text className="section__title">问题描述</Text>
            <Text className="rq-desc e2e-detail-description">{d.description}</Text>
            {d.photoUrls.length > 0 && <View className="rq-gap" />}
            <PhotoGrid urls={d.photoUrls} className="e2e-detail-photos" />
          </View>

          <Place d={d} />

          <View className="section">
            <Text className="section__title">办理信息</Text>
            <View className="rq-facts">
              <Fact label="当前处理" className="e2e-detail-handler">
                {d.mergedInto ? '已合并到其他诉求，不再单独办理' : d.handlerLabel}
              </Fact>
              {d.residentName && (
                <Fact
                  label="反映人"
                  className="e2e-detail-resident"
                  side={d.unverifiedResident ? <Text className="tag tag--warning e2e-detail-unverified">未核实住户</Text> : undefined}
                >
                  {d.residentName}
                </Fact>
              )}
              {d.consentNote && (
                <Fact label="代报说明" className="e2e-detail-consent">
                  {d.consentNote}
                </Fact>
              )}
              {d.callbackPhone && (
                <Fact
                  label="回电号码"
                  className="e2e-callback-phone"
                  side={
                    <ActionButton type="primary" size="small" className="e2e-callback-call" onClick={() => dial(d.callbackPhone ?? '')}>
                      拨打
                    </ActionButton>
                  }
                >
                  {formatPhone(d.callbackPhone)}
                </Fact>
              )}
              <Fact
                label="诉求编号"
                className="e2e-detail-id"
                side={
                  d.actions.includes('merge') ? (
                    <ActionButton type="ghost" size="small" className="e2e-merge-open" onClick={() => setMerging(true)}>
                      合并到…
                    </ActionButton>
                  ) : undefined
                }
              >
                {d.id}
              </Fact>
              <Fact label="受理期限" className="e2e-detail-response-due">
                {formatDateTime(d.responseDueAt, now)}
              </Fact>
              {d.resolutionDueAt && (
                <Fact label="办结期限" className="e2e-detail-resolution-due">
                  {formatDateTime(d.resolutionDueAt, now)}
                </Fact>
              )}
            </View>
          </View>

          {(d.rating || d.rejectReason) && (
            <View className="section">
              {d.rating && (
                <>
                  <Text className="section__title">居民评价</Text>
                  <Text className="rq-desc e2e-detail-rating">
                    <Text className={`tag rq-rating--${d.rating.value}`}>{d.rating.label}</Text>
                    {d.rating.comment ? ` ${d.rating.comment}` : ''}
                  </Text>
                </>
              )}
              {d.rejectReason && (
                <>
                  <Text className="section__title">不予受理的原因</Text>
                  <Text className="rq-desc e2e-detail-reject-reason">{d.rejectReason}</Text>
                </>
              )}
            </View>
          )}

          {d.follow && (
            <View className="section e2e-follow">
              <Text className="section__title">我的同问</Text>
              <Text className="section__hint">
                {formatDateTime(d.follow.at, now)} {d.follow.viaLabel}。办理进展会通知您；办结后可以评价办理结果。
              </Text>
              {d.follow.rating && (
                <Text className="rq-desc e2e-follow-rating">
                  我的评价：<Text className={`tag rq-rating--${d.follow.rating.value}`}>{d.follow.rating.label}</Text>
                  {d.follow.rating.comment ? ` ${d.follow.rating.comment}` : ''}
                </Text>
              )}
              {d.follow.canRate && (
                <>
                  <View className="rq-follow-ratings">
                    {RATINGS.map((r) => (
                      <Text key={r} className={`rq-choice e2e-follow-rate-${r} ${myRating === r ? 'rq-choice--on e2e-on' : ''}`} onClick={() => setMyRating(r)}>
                        {RATING_LABELS[r]}
                      </Text>
                    ))}
                  </View>
                  <ActionButton type="primary" size="large" block loading={rating} disabled={!myRating} className="e2e-follow-rate" onClick={() => void rateAsFollower()}>
                    提交评价
                  </ActionButton>
                </>
              )}
            </View>
          )}

          {d.followerRatings.length > 0 && (
            <View className="section e2e-follower-ratings">
              <Text className="section__title">同问居民的评价（{d.followerRatings.length}条）</Text>
              {d.followerRatings.map((r, i) => (
                <Text key={i} className="rq-desc">
                  <Text className={`tag rq-rating--${r.value}`}>{r.label}</Text>
                  {r.comment ? ` ${r.comment}` : ''}
                </Text>
              ))}
              <Text className="section__hint">考核的满意率按反映人本人的评价计算，同问居民的评价供参考。</Text>
            </View>
          )}

          <View className="section">
            <Text className="section__title">办理过程</Text>
            <Timeline entries={d.timeline} now={now} />
          </View>
          {footerRows > 1 && <View className={`rq-spacer rq-spacer--${Math.min(footerRows, 4)}`} />}

          {merging && (
            <MergeSheet
              detail={d}
              now={now}
              onClose={() => setMerging(false)}
              onMerged={(next) => {
                q.setData(next);
                setMerging(false);
                void Taro.showToast({ title: '已合并', icon: 'success' });
              }}
            />
          )}
          {open && <ActionDialog action={open} detail={d} onClose={() => setOpen(null)} onSubmit={(values) => run(open, values)} />}
        </>
      )}
    </PageShell>
  );
}
