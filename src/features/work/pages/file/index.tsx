import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { VISIT_REQUEST_FILED, type VisitRequestFiled } from '../../../visits/visit-link';
import type { RequestDraft } from '../../../requests/request-draft';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { accountApi } from '../../../account/api';
import { requestApi } from '../../../requests/api';
import RequestFields from '../../../requests/components/RequestFields';
import { CONSENT_CHOICES, checkFile, toFileInput } from '../../../requests/request-draft';
import { useDraftSend } from '../../../requests/use-draft-send';
import { useRequestDraft } from '../../../requests/use-request-draft';
import '../../../requests/components/requests.scss';

async function loadForm() {
  const [me, categories, grids] = await Promise.all([accountApi.me(), requestApi.categories(), requestApi.grids()]);
  return { me, categories, grids };
}

/**
 * 巡查上报: a grid worker files what they found on patrol, or reports for a resident who asked them to (代居民上报).
 * Opened from a visit being recorded (`visitKey`), it files a 巡查发现 in that grid and goes back to the visit with the new request's id.
 */
export default function FilePage() {
  const { params } = useRouter();
  const visitKey = params.visitKey ?? '';
  const q = useQuery('request-file', loadForm);
  const grids = q.data?.grids ?? [];
  const categories = q.data?.categories ?? [];
  // A worker with one grid files in it without having to pick; from a visit, in the visit's grid at the visited door.
  const onlyGrid = grids.length === 1 ? grids[0].id : null;
  const fromVisit = (d: RequestDraft): RequestDraft => ({
    ...d,
    source: 'patrol',
    gridId: params.gridId || d.gridId,
    address: d.address || decodeURIComponent(params.address ?? ''),
  });
  const form = useRequestDraft('file', q.data?.me.userId, (d: RequestDraft) => (visitKey ? fromVisit({ ...d, gridId: onlyGrid }) : { ...d, gridId: onlyGrid }));
  const { draft, errors } = form;
  const { send, sending, uploading, setUploading, formError } = useDraftSend(form, {
    check: (d) => {
      const found = checkFile(d);
      if (d.gridId && !grids.some((g) => g.id === d.gridId)) found.grid = '请选择网格';
      return found;
    },
    send: (d) => requestApi.file(toFileInput(visitKey ? fromVisit(d) : d)),
    doneTitle: '已上报',
    after: visitKey
      ? (requestId) => {
          Taro.eventCenter.trigger(VISIT_REQUEST_FILED, { visitKey, requestId } satisfies VisitRequestFiled);
          void Taro.navigateBack();
        }
      : undefined,
  });

  const proxy = !visitKey && draft?.source === 'proxy';
  return (
    <PageShell
      className="rq-file"
      loading={q.loading || (Boolean(q.data) && !draft)}
      skeleton="form"
      error={q.error}
      hasContent={Boolean(q.data)}
      onRetry={() => void q.reload()}
      empty={q.data && grids.length === 0 && { title: '您目前没有负责的网格', description: '请联系社区为您指派网格后再上报。' }}
      footer={
        draft &&
        grids.length > 0 && (
          <ActionButton type="primary" size="large" block loading={sending} disabled={uploading} className="e2e-submit" onClick={() => void send()}>
            {sending ? '正在上报…' : uploading ? '图片上传中…' : '上报'}
          </ActionButton>
        )
      }
    >
      {draft && grids.length > 0 && (
        <>
          {form.restored && (
            <View className="rq-notice e2e-draft-restored">
              <Text>已恢复上次没有上报的内容{form.restored.photosDropped ? '（图片已过期，请重新添加）' : ''}</Text>
              <Text className="rq-notice__action e2e-draft-discard" onClick={form.discard}>
                清空重填
              </Text>
            </View>
          )}
          {formError && <Text className="rq-form-error e2e-form-error">{formError}</Text>}

          {visitKey && (
            <View className="rq-notice e2e-file-from-visit">
              <Text>走访中发现的问题：上报后回到走访记录，诉求计入主动发现并与这次走访关联。</Text>
            </View>
          )}
          {!visitKey && (
            <View className="section rq-field">
              <Text className="section__title">上报方式</Text>
              <View className="rq-choices">
                <View className={`rq-choice e2e-source-patrol ${draft.source === 'patrol' ? 'rq-choice--on e2e-on' : ''}`} onClick={() => form.update(() => ({ source: 'patrol' }), ['residentName', 'consentNote'])}>
                  巡查发现
                </View>
                <View className={`rq-choice e2e-source-proxy ${proxy ? 'rq-choice--on e2e-on' : ''}`} onClick={() => form.update(() => ({ source: 'proxy' }))}>
                  代居民上报
                </View>
              </View>
            </View>
          )}

          {proxy && (
            <View className="section">
              <View className={`rq-field ${errors.residentName ? 'rq-field--error' : ''}`}>
                <Text className="rq-field__label">居民姓名</Text>
                <Input
                  className="rq-input e2e-input-resident-name"
                  value={draft.residentName}
                  maxlength={10}
                  placeholder="请向居民确认姓名"
                  onInput={(e) => {
                    const value = e.detail.value;
                    form.update(() => ({ residentName: value }), ['residentName']);
                  }}
                />
                {errors.residentName && <Text className="field-error e2e-error-residentName">{errors.residentName}</Text>}
              </View>
              <View className={`rq-field ${errors.consentNote ? 'rq-field--error' : ''}`}>
                <Text className="rq-field__label">居民同意情况</Text>
                <View className="rq-choices">
                  {CONSENT_CHOICES.map((c) => (
                    <View key={c} className={`rq-choice e2e-consent-choice ${draft.consentNote === c ? 'rq-choice--on e2e-on' : ''}`} onClick={() => form.update(() => ({ consentNote: c }), ['consentNote'])}>
                      {c}
                    </View>
                  ))}
                </View>
                <Input
                  className="rq-input e2e-input-consent"
                  value={draft.consentNote}
                  maxlength={100}
                  placeholder="或写明其他情况"
                  onInput={(e) => {
                    const value = e.detail.value;
                    form.update(() => ({ consentNote: value }), ['consentNote']);
                  }}
                />
                {errors.consentNote && <Text className="field-error e2e-error-consentNote">{errors.consentNote}</Text>}
              </View>
            </View>
          )}

          <View className={`section rq-field ${errors.grid ? 'rq-field--error' : ''}`}>
            <Text className="section__title">所在网格</Text>
            <View className="rq-choices e2e-grid-options">
              {grids.map((g) => (
                <View
                  key={g.id}
                  id={`grid-option-${g.id}`}
                  className={`rq-choice e2e-grid-option ${draft.gridId === g.id ? 'rq-choice--on e2e-on' : ''}`}
                  onClick={() => form.update(() => ({ gridId: g.id }), ['grid'])}
                >
                  {g.name}
                </View>
              ))}
            </View>
            {errors.grid && <Text className="field-error e2e-error-grid">{errors.grid}</Text>}
          </View>

          <RequestFields
            draft={draft}
            errors={errors}
            categories={categories}
            update={form.update}
            onUploading={setUploading}
            phoneLabel={proxy ? '居民回电号码' : '回电号码'}
            descriptionPlaceholder={proxy ? '请记录居民反映的情况（至少5个字）' : '请描述巡查发现的问题、位置和现场情况（至少5个字）'}
          />
        </>
      )}
    </PageShell>
  );
}
