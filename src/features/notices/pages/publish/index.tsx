import { useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { NoticeDetail, ScopeOptions } from '@core/api/notice.contract';
import { BODY_MAX, NOTICE_ATTACHMENTS_MAX, NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, NOTICE_IMAGES_MAX, TITLE_MAX } from '@core/notices/notice';
import { toBlocks } from '@core/notices/sanitize';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { isCallError, messageOf } from '../../../../lib/cloud/call-error';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import PhotoPicker from '../../../requests/components/PhotoPicker';
import ToggleRow from '../../../requests/components/ToggleRow';
import { charCount } from '../../../requests/request-draft';
import { noticeApi } from '../../api';
import AttachmentPicker from '../../components/AttachmentPicker';
import NoticeBody from '../../components/NoticeBody';
import ScopePicker from '../../components/ScopePicker';
import { beijingParts, checkEdit, checkPublish, MAX_SCHEDULE_DAYS, noticeErrorsFromIssues, toEditInput, toPublishInput, type NoticeDraft } from '../../notice-form';
import { scopeSummary } from '../../scope-view';
import { useNoticeForm } from '../../use-notice-form';
import '../../components/notices.scss';

type Loaded = { userId: string; options: ScopeOptions | null; editing: NoticeDetail | null };

async function loadForm(id: string): Promise<Loaded> {
  if (id) {
    const [me, editing] = await Promise.all([accountApi.me(), noticeApi.open(id)]);
    return { userId: me.userId, options: null, editing };
  }
  const [me, options] = await Promise.all([accountApi.me(), noticeApi.scopeOptions()]);
  return { userId: me.userId, options, editing: null };
}

const BODY_HINT = '空一行分段；以「- 」开头的行显示为列表，以「1. 」「2. 」开头的行显示为编号列表。不支持其他格式。';

function DateTime({ date, time, start, end, className, onChange }: { date: string; time: string; start: string; end: string; className: string; onChange: (p: { date?: string; time?: string }) => void }) {
  return (
    <View className={`nt-datetime ${className}`}>
      <Picker className="nt-datetime__part" mode="date" value={date} start={start} end={end} onChange={(e) => onChange({ date: String(e.detail.value) })}>
        <View className="rq-input nt-picker e2e-pick-date">{date}</View>
      </Picker>
      <Picker className="nt-datetime__part" mode="time" value={time} onChange={(e) => onChange({ time: String(e.detail.value) })}>
        <View className="rq-input nt-picker e2e-pick-time">{time}</View>
      </Picker>
    </View>
  );
}

/**
 * 发布通知 (and 修改通知 with `?id=`): scope, category, title, body, images, PDFs, flags and times. The
 * idempotency key is made when the form opens and kept with the form, so a retry or a double tap publishes once.
 */
export default function NoticePublishPage() {
  const { params } = useRouter();
  const editId = params.id ?? '';
  const isEdit = Boolean(editId);
  const q = useQuery(`notice-form-${editId}`, () => loadForm(editId));
  const editing = q.data?.editing ?? undefined;
  const form = useNoticeForm(q.data?.userId, editing, isEdit);
  const { draft, errors } = form;
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [uploading, setUploading] = useState({ photos: false, files: false });
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);

  useEffect(() => {
    if (isEdit) void Taro.setNavigationBarTitle({ title: '修改通知' });
  }, [isEdit]);

  const today = useMemo(() => beijingParts(Date.now()).date, []);
  const lastDay = useMemo(() => beijingParts(Date.now() + MAX_SCHEDULE_DAYS * 86400000).date, []);
  const busy = uploading.photos || uploading.files;
  const options = q.data?.options ?? null;
  const set = (patch: Partial<NoticeDraft>, clear: string[] = []) => form.update(() => patch, clear);

  async function confirmPublish(d: NoticeDraft): Promise<boolean> {
    const who = options ? scopeSummary(options, d.level, d.ids) : '';
    const when = d.scheduled ? `将于 ${d.publishDate} ${d.publishTime} 发布` : '发布后居民立即就能看到';
    const { confirm } = await Taro.showModal({
      title: d.urgent ? '确认发布紧急通知' : '确认发布',
      content: `将发送给：${who}。${when}。`,
      confirmText: '发布',
      cancelText: '再看看',
    });
    return confirm;
  }

  async function send() {
    if (!draft || sendingRef.current || busy) return;
    const now = Date.now();
    const found = editing ? checkEdit(draft, editing.publishAt, now) : checkPublish(draft, now);
    form.setErrors(found);
    if (Object.keys(found).length) {
      setFormError('还有内容需要填写或修改，请查看标红的提示');
      // The button sits at the bottom of a long form: bring the first problem into view.
      setTimeout(() => void Taro.pageScrollTo({ selector: '.nt-publish .rq-field--error', duration: 200 }).catch(() => undefined), 50);
      return;
    }
    // Double taps, and a tap while the question is open, send nothing more.
    sendingRef.current = true;
    if (!editing && !(await confirmPublish(draft))) {
      sendingRef.current = false;
      return;
    }
    setSending(true);
    setFormError(null);
    form.keep();
    try {
      if (editing) {
        await noticeApi.edit(toEditInput(draft, editing.id, editing.version));
        form.finish();
        void Taro.showToast({ title: '已修改', icon: 'success' });
        Taro.navigateBack().catch(() => void Taro.redirectTo({ url: withQuery(ROUTES.noticeDetail, { id: editing.id }) }));
      } else {
        const created = await noticeApi.publish(toPublishInput(draft));
        form.finish();
        void Taro.showToast({ title: '已发布', icon: 'success' });
        void Taro.redirectTo({ url: withQuery(ROUTES.noticeDetail, { id: created.id, created: 1 }) });
      }
    } catch (e) {
      if (isCallError(e) && e.code === 'NETWORK') {
        setFormError(editing ? '网络不太好，没有修改成功，请检查网络后再试。' : '网络不太好，没有发布成功。填写的内容已保存在手机上，请检查网络后再点「发布」，不会重复发布。');
      } else {
        if (isCallError(e) && e.issues.length) form.setErrors(noticeErrorsFromIssues(e.issues));
        setFormError(messageOf(e));
      }
      sendingRef.current = false;
      setSending(false);
    }
  }

  const titleLength = draft ? charCount(draft.title) : 0;
  const bodyLength = draft ? charCount(draft.body) : 0;
  const blocks = preview && draft ? toBlocks(draft.body) : [];
  const sendText = sending ? (isEdit ? '正在保存…' : '正在发布…') : busy ? '文件上传中…' : isEdit ? '保存修改' : draft?.scheduled ? '定时发布' : '发布';

  return (
    <PageShell
      className="nt-publish"
      loading={q.loading || (Boolean(q.data) && !draft)}
      skeleton="form"
      error={q.error}
      hasContent={Boolean(q.data)}
      onRetry={() => void q.reload()}
      empty={
        editing &&
        !editing.canManage && { title: '不能修改这条通知', description: '只有发布范围在您负责范围内的工作人员可以修改。' }
      }
      footer={
        draft && (
          <ActionButton type="primary" size="large" block loading={sending} disabled={busy} className="e2e-publish" onClick={() => void send()}>
            {sendText}
          </ActionButton>
        )
      }
    >
      {draft && (
        <>
          {form.restored && (
            <View className="rq-notice e2e-draft-restored">
              <Text>已恢复您上次没有发布的内容{form.restored.filesDropped ? '（图片和附件已过期，请重新添加）' : ''}</Text>
              <Text className="rq-notice__action e2e-draft-discard" onClick={form.discard}>
                清空重填
              </Text>
            </View>
          )}
          {formError && <Text className="rq-form-error e2e-form-error">{formError}</Text>}

          <View className={`section rq-field ${errors.scope ? 'rq-field--error' : ''}`}>
            <Text className="section__title">发布范围</Text>
            {editing ? (
              <Text className="section__hint e2e-edit-scope">
                {editing.scopeText}（发布后不能修改范围）
              </Text>
            ) : options ? (
              <ScopePicker options={options} level={draft.level} ids={draft.ids} error={errors.scope} onChange={(level, ids) => set({ level, ids }, ['scope'])} />
            ) : null}
          </View>

          <View className={`section rq-field ${errors.category ? 'rq-field--error' : ''}`}>
            <Text className="section__title">通知类别</Text>
            <View className="rq-choices">
              {NOTICE_CATEGORIES.map((c) => (
                <View key={c} className={`rq-choice e2e-category e2e-category-${c} ${draft.category === c ? 'rq-choice--on e2e-on' : ''}`} onClick={() => set({ category: c }, ['category'])}>
                  {NOTICE_CATEGORY_LABELS[c]}
                </View>
              ))}
            </View>
            {errors.category && <Text className="field-error e2e-error-category">{errors.category}</Text>}
          </View>

          <View className={`section rq-field ${errors.title ? 'rq-field--error' : ''}`}>
            <Text className="section__title">标题</Text>
            <Input
              className="rq-input e2e-input-title"
              value={draft.title}
              maxlength={TITLE_MAX}
              placeholder="如：3月5日东湖社区计划停水通知"
              onInput={(e) => set({ title: e.detail.value }, ['title'])}
            />
            <Text className={`rq-counter ${titleLength > TITLE_MAX ? 'rq-counter--bad' : ''}`}>
              {titleLength}/{TITLE_MAX}
            </Text>
            {errors.title && <Text className="field-error e2e-error-title">{errors.title}</Text>}
          </View>

          <View className={`section rq-field ${errors.body ? 'rq-field--error' : ''}`}>
            <View className="nt-field-head">
              <Text className="section__title">正文</Text>
              <Text className="link e2e-toggle-preview" onClick={() => setPreview((p) => !p)}>
                {preview ? '继续编辑' : '预览'}
              </Text>
            </View>
            <Text className="section__hint nt-body-hint">{BODY_HINT}</Text>
            {preview ? (
              <View className="nt-preview e2e-body-preview">
                {blocks.length ? <NoticeBody blocks={blocks} /> : <Text className="section__hint">还没有正文</Text>}
              </View>
            ) : (
              <Textarea
                className="rq-textarea nt-body-input e2e-input-body"
                value={draft.body}
                maxlength={BODY_MAX}
                placeholder={'例如：\n因管道检修，3月5日 8:00–17:00 停水。\n\n- 请提前储水\n- 如有困难请联系网格员'}
                fixed
                onInput={(e) => set({ body: e.detail.value }, ['body'])}
              />
            )}
            <Text className="rq-counter">
              {bodyLength}/{BODY_MAX}
            </Text>
            {errors.body && <Text className="field-error e2e-error-body">{errors.body}</Text>}
          </View>

          <View className={`section rq-field ${errors.photos ? 'rq-field--error' : ''}`}>
            <Text className="section__title">
              图片 <Text className="rq-field__optional">（选填）</Text>
            </Text>
            <PhotoPicker
              photos={draft.photos}
              max={NOTICE_IMAGES_MAX}
              onAdd={(p) => form.update((d) => ({ photos: [...d.photos, p], filesAt: Date.now() }), ['photos'])}
              onRemove={(i) => form.update((d) => ({ photos: d.photos.filter((_, j) => j !== i) }), ['photos'])}
              onBusy={(b) => setUploading((u) => ({ ...u, photos: b }))}
            />
            {errors.photos && <Text className="field-error">{errors.photos}</Text>}
          </View>

          <View className={`section rq-field ${errors.attachments ? 'rq-field--error' : ''}`}>
            <Text className="section__title">
              附件 <Text className="rq-field__optional">（选填，PDF）</Text>
            </Text>
            <AttachmentPicker
              files={draft.attachments}
              max={NOTICE_ATTACHMENTS_MAX}
              onAdd={(f) => form.update((d) => ({ attachments: [...d.attachments, f], filesAt: Date.now() }), ['attachments'])}
              onRemove={(i) => form.update((d) => ({ attachments: d.attachments.filter((_, j) => j !== i) }), ['attachments'])}
              onBusy={(b) => setUploading((u) => ({ ...u, files: b }))}
            />
            {errors.attachments && <Text className="field-error">{errors.attachments}</Text>}
          </View>

          <View className="section">
            <ToggleRow className="e2e-toggle-urgent" text="紧急通知（排在最前，并提醒已订阅的居民）" on={draft.urgent} onChange={(on) => set({ urgent: on })} />
            <ToggleRow className="e2e-toggle-ack" text="需要居民确认「我已知晓」" on={draft.requireAck} onChange={(on) => set({ requireAck: on })} />
            <ToggleRow className="e2e-toggle-pinned" text="置顶" on={draft.pinned} onChange={(on) => set({ pinned: on })} />
          </View>

          {!isEdit && (
            <View className={`section rq-field ${errors.publishAt ? 'rq-field--error' : ''}`}>
              <Text className="section__title">发布时间</Text>
              <View className="rq-choices">
                <View className={`rq-choice e2e-publish-now ${!draft.scheduled ? 'rq-choice--on e2e-on' : ''}`} onClick={() => set({ scheduled: false }, ['publishAt'])}>
                  立即发布
                </View>
                <View className={`rq-choice e2e-publish-later ${draft.scheduled ? 'rq-choice--on e2e-on' : ''}`} onClick={() => set({ scheduled: true }, ['publishAt'])}>
                  定时发布
                </View>
              </View>
              {draft.scheduled && (
                <DateTime date={draft.publishDate} time={draft.publishTime} start={today} end={lastDay} className="e2e-publish-at" onChange={(p) => set({ ...(p.date ? { publishDate: p.date } : {}), ...(p.time ? { publishTime: p.time } : {}) }, ['publishAt'])} />
              )}
              {errors.publishAt && <Text className="field-error e2e-error-publishAt">{errors.publishAt}</Text>}
            </View>
          )}

          <View className={`section rq-field ${errors.expiresAt ? 'rq-field--error' : ''}`}>
            <ToggleRow className="e2e-toggle-expires" text="设置有效期（过期后不再显示给居民）" on={draft.expires} onChange={(on) => set({ expires: on }, ['expiresAt'])} />
            {draft.expires && (
              <DateTime date={draft.expireDate} time={draft.expireTime} start={today} end="2099-12-31" className="e2e-expire-at" onChange={(p) => set({ ...(p.date ? { expireDate: p.date } : {}), ...(p.time ? { expireTime: p.time } : {}) }, ['expiresAt'])} />
            )}
            {errors.expiresAt && <Text className="field-error e2e-error-expiresAt">{errors.expiresAt}</Text>}
          </View>

          {isEdit && (
            <View className={`section rq-field ${errors.note ? 'rq-field--error' : ''}`}>
              <Text className="section__title">修改说明</Text>
              <Text className="section__hint">读过这条通知的居民会看到「已更新」和这条说明。</Text>
              <Textarea
                className="rq-textarea rq-textarea--short e2e-input-note"
                value={draft.note}
                maxlength={100}
                placeholder="如：更正停水时间为8:00–15:00"
                fixed
                onInput={(e) => set({ note: e.detail.value }, ['note'])}
              />
              {errors.note && <Text className="field-error e2e-error-note">{errors.note}</Text>}
            </View>
          )}
        </>
      )}
    </PageShell>
  );
}
