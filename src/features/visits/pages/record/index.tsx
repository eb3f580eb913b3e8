import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { VISIT_SCHEMAS } from '@core/api/visit.schemas';
import type { RecordVisitInput } from '@core/api/visit.contract';
import { parse } from '@core/validation/schema';
import { VISIT_NOTE_MAX, VISIT_OUTCOME_LABELS, VISIT_OUTCOMES, VISIT_PHOTOS_MAX, type VisitOutcome } from '@core/visits/visit';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import PhotoPicker from '../../../requests/components/PhotoPicker';
import type { DraftPhoto } from '../../../requests/request-draft';
import { visitApi } from '../../api';
import { enqueue, flushQueue, newClientKey, readQueue } from '../../visit-queue';
import '../../../requests/components/requests.scss';
import '../../visits.scss';

const MET_CHOICES = ['本人', '家属', '无人在家'] as const;

/**
 * 登记走访: who was met, what was seen, what came of it. Saved on the phone first with its client key, then sent:
 * on a flaky network it waits in the queue (今日待访 sends it later) and can never become two visits.
 */
export default function RecordPage() {
  const { params } = useRouter();
  const gridId = params.gridId ?? '';
  const householdId = params.householdId ?? '';
  const label = decodeURIComponent(params.label ?? '');
  const me = useQuery('visit-me', accountApi.me);
  const [met, setMet] = useState('本人');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<VisitOutcome>('none');
  const [followUpOn, setFollowUpOn] = useState('');
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const userId = me.data?.userId;
    if (!userId || sending) return;
    if (outcome === 'request') {
      // 现场上报: the request is filed on 巡查上报 (主动发现); this visit is then recorded without it.
      void Taro.navigateTo({ url: ROUTES.requestFile });
      return;
    }
    const input: RecordVisitInput = {
      clientKey: newClientKey(),
      kind: 'door',
      gridId,
      householdId,
      at: new Date().toISOString(),
      met: met === '无人在家' ? '' : met,
      note,
      photoFileIds: photos.map((p) => p.fileId),
      outcome,
      ...(outcome === 'follow_up' ? { followUpOn } : {}),
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
          {outcome === 'request' ? '去上报诉求' : uploading ? '图片上传中…' : '保存走访记录'}
        </ActionButton>
      }
    >
      <View className="section">
        <Text className="section__title e2e-visit-record-label">{label || '入户走访'}</Text>
        <Text className="section__hint">记录保存在手机上并立即发送；网络不好时会在联网后自动补发，不会重复。</Text>
      </View>
      {error && <Text className="rq-form-error e2e-form-error">{error}</Text>}
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
      <View className="section rq-field">
        <Text className="rq-field__label">走访情况</Text>
        <Textarea
          className="rq-textarea e2e-visit-note"
          value={note}
          maxlength={VISIT_NOTE_MAX}
          placeholder="身体、生活、居住情况，居民反映的事"
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
        {outcome === 'request' && <Text className="section__hint">现场发现的问题请在「巡查上报」中上报，计入主动发现。</Text>}
      </View>
    </PageShell>
  );
}
