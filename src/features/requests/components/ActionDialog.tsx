import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { RequestDetail } from '@core/api/request.contract';
import { NOTE_MAX, PHOTOS_MAX } from '@core/requests/request';
import { RATING_LABELS } from '@core/requests/request.status';
import ActionButton from '../../../components/ActionButton';
import { ErrorState } from '../../../components/StateViews';
import { useQuery } from '../../../hooks/use-query';
import { requestApi, type DetailAction } from '../api';
import { ACTION_FORMS, EMPTY_VALUES, type ActionErrors, type ActionValues } from '../action-forms';
import { charCount, type DraftPhoto } from '../request-draft';
import PhotoPicker from './PhotoPicker';
import Sheet from './Sheet';

interface Props {
  action: DetailAction;
  detail: RequestDetail;
  onClose: () => void;
  /** Sends the action; resolves with problems to show, or null when it went through (the page closes the dialog). */
  onSubmit: (values: ActionValues) => Promise<ActionErrors | null>;
}

function Choice({ on, className, id, onClick, children, sub }: { on: boolean; className: string; id?: string; onClick: () => void; children: string; sub?: string }) {
  return (
    <View id={id} className={`rq-choice rq-choice--block ${on ? 'rq-choice--on e2e-on' : ''} ${className}`} onClick={onClick}>
      <View>
        <Text>{children}</Text>
        {sub ? <Text className="rq-choice__sub">{sub}</Text> : null}
      </View>
    </View>
  );
}

/** Asks for what one action needs (a reason, a result with photos, a rating, where to send it) and sends it. */
export default function ActionDialog({ action, detail, onClose, onSubmit }: Props) {
  const form = ACTION_FORMS[action];
  const [values, setValues] = useState<ActionValues>(EMPTY_VALUES);
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [errors, setErrors] = useState<ActionErrors>({});
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const wantsTarget = form.fields.includes('target');
  const wantsGrid = form.fields.includes('grid');
  const departments = useQuery('departments', requestApi.departments, { enabled: wantsTarget });
  const grids = useQuery('grids', requestApi.grids, { enabled: wantsGrid });

  function set(patch: Partial<ActionValues>, clear: (keyof ActionErrors)[]) {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      [...clear, 'form' as const].forEach((k) => delete next[k]);
      return next;
    });
  }

  async function confirm() {
    if (sending || uploading) return;
    setSending(true);
    const problems = await onSubmit({ ...values, photoFileIds: photos.map((p) => p.fileId) });
    if (problems) {
      setErrors(problems);
      setSending(false);
    }
  }

  // Reassigning moves a request to another grid of the same community.
  const communityId = grids.data?.find((g) => g.id === detail.gridId)?.communityId;
  const otherGrids = (grids.data ?? []).filter((g) => g.id !== detail.gridId && (!communityId || g.communityId === communityId));
  const length = charCount(values.text);

  return (
    <Sheet
      title={form.label}
      className={`e2e-dialog-for-${action}`}
      onClose={onClose}
      footer={
        <>
          <ActionButton size="large" className="e2e-dialog-cancel" onClick={onClose}>
            取消
          </ActionButton>
          <ActionButton
            type={form.tone === 'danger' ? 'danger' : 'primary'}
            size="large"
            loading={sending}
            disabled={uploading}
            className="e2e-dialog-confirm"
            onClick={() => void confirm()}
          >
            {uploading ? '图片上传中…' : form.confirmText}
          </ActionButton>
        </>
      }
    >
      {form.hint && <Text className="rq-sheet__hint">{form.hint}</Text>}
      {errors.form && <Text className="rq-form-error e2e-dialog-error">{errors.form}</Text>}

      {form.ratings && (
        <View className="rq-field section">
          <Text className="rq-field__label">您对办理结果满意吗？</Text>
          <View className="rq-choices e2e-ratings">
            {form.ratings.map((r) => (
              <View key={r} className={`rq-choice e2e-rating-${r} ${values.rating === r ? 'rq-choice--on e2e-on' : ''}`} onClick={() => set({ rating: r }, ['rating'])}>
                {RATING_LABELS[r]}
              </View>
            ))}
          </View>
          {errors.rating && <Text className="field-error e2e-error-rating">{errors.rating}</Text>}
        </View>
      )}

      {wantsTarget && (
        <View className="rq-field section">
          <Text className="rq-field__label">派遣给</Text>
          <View className="rq-choices">
            <Choice on={values.target === 'community'} className="e2e-dispatch-community" onClick={() => set({ target: 'community', departmentId: null }, ['target', 'department'])} sub="由社区工作人员协调处理">
              社区
            </Choice>
            <Choice on={values.target === 'department'} className="e2e-dispatch-department" onClick={() => set({ target: 'department' }, ['target'])} sub="经社区转交职能部门处理">
              职能部门
            </Choice>
          </View>
          {errors.target && <Text className="field-error e2e-error-target">{errors.target}</Text>}
          {values.target === 'department' && (
            <View className="rq-field e2e-departments">
              <Text className="rq-field__label">选择部门</Text>
              {departments.loading ? (
                <Text className="section__hint">正在加载部门…</Text>
              ) : departments.error ? (
                <ErrorState error={departments.error} onRetry={() => void departments.reload()} />
              ) : (
                <View className="rq-choices">
                  {(departments.data ?? []).map((dep) => (
                    <Choice key={dep.id} id={`department-${dep.id}`} on={values.departmentId === dep.id} className="e2e-department" onClick={() => set({ departmentId: dep.id }, ['department'])}>
                      {dep.name}
                    </Choice>
                  ))}
                </View>
              )}
              {errors.department && <Text className="field-error e2e-error-department">{errors.department}</Text>}
            </View>
          )}
        </View>
      )}

      {wantsGrid && (
        <View className="rq-field section">
          <Text className="rq-field__label">改派到哪个网格</Text>
          {grids.loading ? (
            <Text className="section__hint">正在加载网格…</Text>
          ) : grids.error ? (
            <ErrorState error={grids.error} onRetry={() => void grids.reload()} />
          ) : otherGrids.length === 0 ? (
            <Text className="section__hint">本社区没有其他网格可以改派。</Text>
          ) : (
            <View className="rq-choices e2e-grid-options">
              {otherGrids.map((g) => (
                <Choice
                  key={g.id}
                  id={`grid-option-${g.id}`}
                  on={values.gridId === g.id}
                  className="e2e-grid-option"
                  onClick={() => set({ gridId: g.id }, ['grid'])}
                  sub={g.primary ? `网格员 ${g.primary.name}` : '未指派网格员'}
                >
                  {g.name}
                </Choice>
              ))}
            </View>
          )}
          {errors.grid && <Text className="field-error e2e-error-grid">{errors.grid}</Text>}
        </View>
      )}

      {form.fields.includes('text') && (
        <View className={`rq-field section ${errors.text ? 'rq-field--error' : ''}`}>
          <Text className="rq-field__label">{form.textLabel}</Text>
          <Textarea
            className="rq-textarea rq-textarea--short e2e-dialog-text"
            value={values.text}
            maxlength={NOTE_MAX}
            placeholder={form.textPlaceholder}
            fixed
            onInput={(e) => {
              const text = e.detail.value;
              set({ text }, ['text']);
            }}
          />
          <Text className="rq-counter">
            {length}/{NOTE_MAX}
          </Text>
          {errors.text && <Text className="field-error e2e-error-text">{errors.text}</Text>}
        </View>
      )}

      {form.fields.includes('photos') && (
        <View className="rq-field section">
          <Text className="rq-field__label">
            现场图片 <Text className="rq-field__optional">（选填）</Text>
          </Text>
          <PhotoPicker
            className="e2e-dialog-photos"
            photos={photos}
            max={PHOTOS_MAX}
            onBusy={setUploading}
            onAdd={(p) => setPhotos((list) => [...list, p])}
            onRemove={(i) => setPhotos((list) => list.filter((_, j) => j !== i))}
          />
          {errors.photos && <Text className="field-error e2e-error-photos">{errors.photos}</Text>}
        </View>
      )}
    </Sheet>
  );
}
