import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { VisitLocation } from '@core/visits/visit';
import { VISIT_SCHEMAS } from '@core/api/visit.schemas';
import type { RecordVisitInput } from '@core/api/visit.contract';
import { parse } from '@core/validation/schema';
import { VISIT_NOTE_MAX, VISIT_OUTCOME_LABELS, VISIT_OUTCOMES, VISIT_PHOTOS_MAX, type VisitOutcome } from '@core/visits/visit';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import PhotoPicker from '../../../requests/components/PhotoPicker';
import { canPickLocation, pickLocation } from '../../../requests/location';
import type { DraftPhoto } from '../../../requests/request-draft';
import { visitApi } from '../../api';
import { enqueue, flushQueue, newClientKey, readQueue } from '../../visit-queue';
import { VISIT_REQUEST_FILED, type VisitRequestFiled } from '../../visit-link';
import '../../../requests/components/requests.scss';
import '../../visits.scss';

const MET_CHOICES = ['本人', '家属', '无人在家'] as const;

/**
 * 登记走访 / 巡查: who was met, what was seen, what came of it. Saved on the phone first with its client key, then sent:
 * on a flaky network it waits in the queue (今日待访 sends it later) and can never become two visits.
 * 现场上报诉求 opens 巡查上报 for this visit; once the request is in, the visit is saved linked to it.
 * The location is only ever what the worker tapped for.
 */
export default function RecordPage() {
  const { params } = useRouter();
  const gridId = params.gridId ?? '';
  const patrol = params.kind === 'patrol';
  const householdId = params.householdId ?? '';
  const buildingId = params.buildingId ?? '';
  const label = decodeURIComponent(params.label ?? '');
  const me = useQuery('visit-me', accountApi.me);
  const [clientKey] = useState(newClientKey);
  const [location, setLocation] = useState<(VisitLocation & { name: string | null }) | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const [requestId, setRequestId] = useState<string | null>(null);
  const saveRef = useRef<() => Promise<void>>();
  const [met, setMet] = useState(patrol ? '' : '本人');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<VisitOutcome>('none');
  const [followUpOn, setFollowUpOn] = useState('');
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // 巡查上报 answers with the id of the request it filed for this visit; the visit is then saved with it.
  useEffect(() => {
    const onFiled = (e: VisitRequestFiled) => {
      if (e.visitKey === clientKey) setRequestId(e.requestId);
    };
    Taro.eventCenter.on(VISIT_REQUEST_FILED, onFiled);
    return () => void Taro.eventCenter.off(VISIT_REQUEST_FILED, onFiled);
  }, [clientKey]);
  useEffect(() => {
    if (requestId) void saveRef.current?.();
  }, [requestId]);
  useEffect(() => {
    if (patrol) void Taro.setNavigationBarTitle({ title: '登记巡查' });
  }, [patrol]);

  async function chooseLocation() {
    setLocating(true);
    const pick = await pickLocation();
    setLocating(false);
    if (pick.kind === 'picked') {
      setLocationNote(null);
      setLocation({ latitude: pick.point.latitude, longitude: pick.point.longitude, name: pick.point.name ?? null });
    } else if (pick.kind !== 'cancelled') {
      setLocationNote(pick.kind === 'denied' ? '没有获得位置权限，位置可以不填。' : '没有获取到位置，位置可以不填。');
    }
  }

  async function save() {
    const userId = me.data?.userId;
    if (!userId || sending) return;
    if (outcome === 'request' && !requestId) {
      if (!Array.from(note.trim()).length) {
        setError('请先填写走访情况');
        return;
      }
      // 现场上报: filed on 巡查上报 (主动发现) in this grid; the page comes back here with the request's id.
      void Taro.navigateTo({ url: withQuery(ROUTES.requestFile, { visitKey: clientKey, gridId, address: label }) });
      return;
    }
    const input: RecordVisitInput = {
      clientKey,
      kind: patrol ? 'patrol' : 'door',
      gridId,
      ...(patrol ? { buildingId } : { householdId }),
      at: new Date().toISOString(),
      met: met === '无人在家' ? '' : met,
      note,
      photoFileIds: photos.map((p) => p.fileId),
      outcome,
      ...(outcome === 'follow_up' ? { followUpOn } : {}),
      ...(outcome === 'request' && requestId ? { requestId } : {}),
      ...(location ? { location: { latitude: location.latitude, longitude: location.longitude } } : {}),
    };
    const checked = parse(VISIT_SCHEMAS.visit.record, input);
    if (!checked.ok) {
      setError(checked.issues[0].message);
      return;
    }
    if (outcome === 'follow_up' && !followUpOn) {
      setError('请选择回访日期');
      return;
    }
    setError(null);
    setSending(true);
    enqueue(userId, { input, label, savedAt: input.at });
    const result = await flushQueue(userId, visitApi.record);
    setSending(false);
    const refused = readQueue(userId).find((q) => q.input.clientKey === input.clientKey)?.refused;
    if (refused) {
      setError(refused);
      return;
    }
    void Taro.showToast({ title: result.waiting > 0 ? '已保存，联网后发送' : '已登记', icon: 'success' });
    setTimeout(() => void Taro.navigateBack(), 600);
  }
  saveRef.current = save;

  return (
    <PageShell
      className="vs-record"
      loading={me.loading}
      skeleton="form"
      error={me.error}
      hasContent={Boolean(me.data)}
      onRetry={() => void me.reload()}
      footer={
        <ActionButton type="primary" size="large" block loading={sending} disabled={uploading} className="e2e-visit-save" onClick={() => void save()}>
          {outcome === 'request' && !requestId ? '去上报诉求' : uploading ? '图片上传中…' : patrol ? '保存巡查记录' : '保存走访记录'}
        </ActionButton>
      }
    >
      <View className="section">
        <Text className="section__title e2e-visit-record-label">{label || (patrol ? '巡查' : '入户走访')}</Text>
        <Text className="section__hint">记录保存在手机上并立即发送；网络不好时会在联网后自动补发，不会重复。</Text>
      </View>
      {error && <Text className="rq-form-error e2e-form-error">{error}</Text>}
      {!patrol && (
        <View className="section rq-field">
          <Text className="rq-field__label">见到的人</Text>
          <View className="rq-choices">
            {MET_CHOICES.map((c) => (
              <View key={c} className={`rq-choice e2e-visit-met ${met === c ? 'rq-choice--on e2e-on' : ''}`} onClick={() => setMet(c)}>
                {c}
              </View>
            ))}
          </View>
          <Input className="rq-input" value={MET_CHOICES.includes(met as (typeof MET_CHOICES)[number]) ? '' : met} maxlength={20} placeholder="或写明见到谁" onInput={(e) => setMet(e.detail.value || '本人')} />
        </View>
      )}
      <View className="section rq-field">
        <Text className="rq-field__label">{patrol ? '巡查情况' : '走访情况'}</Text>
        <Textarea
          className="rq-textarea e2e-visit-note"
          value={note}
          maxlength={VISIT_NOTE_MAX}
          placeholder={patrol ? '楼道、消防通道、设施、环境等巡查情况' : '身体、生活、居住情况，居民反映的事'}
          onInput={(e) => setNote(e.detail.value)}
        />
        <Text className="rq-counter">
          {Array.from(note).length}/{VISIT_NOTE_MAX}
        </Text>
      </View>
      <View className="section rq-field">
        <Text className="rq-field__label">现场图片（选填）</Text>
        <PhotoPicker photos={photos} max={VISIT_PHOTOS_MAX} onAdd={(p) => setPhotos((ps) => [...ps, p])} onRemove={(i) => setPhotos((ps) => ps.filter((_, j) => j !== i))} onBusy={setUploading} />
      </View>
      <View className="section rq-field">
        <Text className="rq-field__label">走访结果</Text>
        <View className="rq-choices">
          {VISIT_OUTCOMES.map((o) => (
            <View key={o} className={`rq-choice e2e-visit-outcome-${o} ${outcome === o ? 'rq-choice--on e2e-on' : ''}`} onClick={() => setOutcome(o)}>
              {VISIT_OUTCOME_LABELS[o]}
            </View>
          ))}
        </View>
        {outcome === 'follow_up' && (
          <Picker mode="date" value={followUpOn} onChange={(e) => setFollowUpOn(String(e.detail.value))}>
            <Text className="link e2e-visit-follow-up">{followUpOn ? `回访日期 ${followUpOn}` : '选择回访日期 ›'}</Text>
          </Picker>
        )}
        {outcome === 'request' &&
          (requestId ? (
            <Text className="section__hint e2e-visit-request-linked">已上报诉求，保存时与这次{patrol ? '巡查' : '走访'}关联。</Text>
          ) : (
            <Text className="section__hint">点下方「去上报诉求」填写问题，上报后回到这里保存，诉求计入主动发现。</Text>
          ))}
      </View>
      <View className="section rq-field">
        <Text className="rq-field__label">位置（选填）</Text>
        {location ? (
          <View className="rq-location">
            <Text className="e2e-visit-location">位置：{location.name ?? '已选择'}</Text>
            <Text className="rq-location__clear" onClick={() => setLocation(null)}>
              清除
            </Text>
          </View>
        ) : canPickLocation() ? (
          <ActionButton type="ghost" block loading={locating} className="e2e-visit-location-pick" onClick={() => void chooseLocation()}>
            {locating ? '正在获取位置…' : '点此标注位置'}
          </ActionButton>
        ) : (
          <Text className="section__hint">此设备无法获取位置，可以不填。</Text>
        )}
        {locationNote && <Text className="field-error">{locationNote}</Text>}
      </View>
    </PageShell>
  );
}
