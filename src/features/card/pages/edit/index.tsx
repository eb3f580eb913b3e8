import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import { TextArea } from '@nutui/nutui-react-taro';
import { INTRO_MAX } from '@core/contact-card/contact-card';
import type { DutySlot } from '@core/contact-card/duty-hours';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { isCallError, messageOf } from '../../../../lib/cloud/call-error';
import { surnameOf } from '../../../../lib/format';
import { cardApi } from '../../api';
import { errorsFromIssues, formFromCard, MAX_DUTY_SLOTS, newSlot, toInput, validateCardForm, type CardForm, type FormErrors } from '../../card-form';
import DutySlotEditor from '../../components/DutySlotEditor';
import { choosePhoto } from '../../photo';
import { photoProblem } from '../../photo-rules';
import './index.scss';

/** A grid worker keeps their own 联系卡: photo, name, work phone, duty hours, a short introduction. */
export default function CardEditPage() {
  const q = useQuery('myCardEdit', cardApi.myCardEdit);
  const [form, setForm] = useState<CardForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);

  // The form is filled once from the server; later reloads never overwrite what the worker is typing.
  useEffect(() => {
    if (q.data && !form) setForm(formFromCard(q.data.card, q.data.photoUrl));
  }, [q.data, form]);

  function update(patch: Partial<CardForm>, clear: string[] = []) {
    setForm((f) => (f ? { ...f, ...patch } : f));
    if (clear.length) {
      setErrors((e) => {
        const next = { ...e };
        clear.forEach((k) => delete next[k]);
        return next;
      });
    }
  }

  function setSlot(i: number, slot: DutySlot) {
    if (!form) return;
    update({ dutyHours: form.dutyHours.map((s, j) => (j === i ? slot : s)) }, [`dutyHours.${i}`, 'dutyHours']);
  }

  async function pickPhoto() {
    const chosen = await choosePhoto();
    if (!chosen) return;
    const tooBig = photoProblem(chosen.size);
    if (tooBig) {
      setErrors((e) => ({ ...e, photo: tooBig }));
      return;
    }
    setUploading(true);
    try {
      const fileId = await cardApi.uploadPhoto(chosen.path);
      update({ photoFileId: fileId, photoPreview: chosen.path }, ['photo']);
    } catch (e) {
      // The old photo stays; the worker can try again or save without changing it.
      setErrors((prev) => ({ ...prev, photo: `照片上传失败：${messageOf(e)}` }));
    } finally {
      setUploading(false);
    }
  }

  async function save() {
    if (!form || saving) return;
    const found = validateCardForm(form);
    setErrors(found);
    if (Object.keys(found).length) {
      setFormError('还有内容需要修改，请查看标红的提示');
      return;
    }
    setFormError(null);
    setSaving(true);
    try {
      const saved = await cardApi.updateMyCard(toInput(form));
      q.setData(saved);
      setForm(formFromCard(saved.card, saved.photoUrl ?? form.photoPreview));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      if (Taro.getCurrentPages().length > 1) setTimeout(() => void Taro.navigateBack(), 900);
    } catch (e) {
      // Nothing typed is lost: the form keeps its values and says what went wrong.
      if (isCallError(e) && e.issues.length) setErrors(errorsFromIssues(e.issues));
      setFormError(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  const grids = q.data?.grids ?? [];
  return (
    <PageShell
      className="card-edit"
      loading={q.loading || (Boolean(q.data) && !form)}
      skeleton="form"
      error={q.error}
      hasContent={Boolean(form)}
      onRetry={() => void q.reload()}
      footer={
        form && (
          <ActionButton type="primary" size="large" block loading={saving} disabled={uploading} className="e2e-card-save" onClick={() => void save()}>
            {saving ? '正在保存…' : '保存'}
          </ActionButton>
        )
      }
    >
      {form && (
        <>
          {grids.length > 0 && <Text className="edit-where">这张联系卡显示在：{grids.join('、')}</Text>}
          {formError && <Text className="edit-form-error e2e-form-error">{formError}</Text>}

          <View className="section edit-photo">
            <Text className="section__title">照片</Text>
            <View className="edit-photo__row">
              {form.photoPreview ? (
                <Image className="edit-photo__img e2e-photo-preview" src={form.photoPreview} mode="aspectFill" />
              ) : (
                <View className="edit-photo__avatar">
                  <Text>{surnameOf(form.displayName || '网')}</Text>
                </View>
              )}
              <View className="edit-photo__actions">
                <ActionButton type="ghost" size="small" loading={uploading} className="e2e-photo-choose" onClick={() => void pickPhoto()}>
                  {uploading ? '上传中…' : form.photoFileId ? '更换照片' : '上传照片'}
                </ActionButton>
                {form.photoFileId && !uploading && (
                  <ActionButton size="small" className="e2e-photo-remove" onClick={() => update({ photoFileId: null, photoPreview: null }, ['photo'])}>
                    移除照片
                  </ActionButton>
                )}
              </View>
            </View>
            <Text className="section__hint">建议使用正面工作照，居民更容易认出您。不上传时显示姓氏头像。</Text>
            {errors.photo && <Text className="field-error e2e-photo-error">{errors.photo}</Text>}
          </View>

          <View className="section">
            <Text className="section__title">基本信息</Text>
            <View className={`field ${errors.displayName ? 'field--error' : ''}`}>
              <Text className="field__label">显示姓名</Text>
              <Input
                className="field__input e2e-input-name"
                value={form.displayName}
                maxlength={10}
                placeholder="居民看到的称呼，如 王建国"
                onInput={(e) => update({ displayName: e.detail.value }, ['displayName'])}
              />
              {errors.displayName && <Text className="field-error e2e-error-name">{errors.displayName}</Text>}
            </View>
            <View className={`field ${errors.workPhone ? 'field--error' : ''}`}>
              <Text className="field__label">工作电话</Text>
              <Input
                className="field__input e2e-input-phone"
                value={form.workPhone}
                type="text"
                maxlength={20}
                placeholder="手机号或带区号的固定电话"
                onInput={(e) => update({ workPhone: e.detail.value }, ['workPhone'])}
              />
              {errors.workPhone && <Text className="field-error e2e-error-phone">{errors.workPhone}</Text>}
            </View>
          </View>

          <View className="section">
            <Text className="section__title">值班时间</Text>
            <Text className="section__hint">居民在联系卡上看到您是否在岗；不在岗时会提示联系B角。</Text>
            {form.dutyHours.map((slot, i) => (
              <DutySlotEditor
                key={i}
                index={i}
                slot={slot}
                error={errors[`dutyHours.${i}`]}
                canRemove={form.dutyHours.length > 1}
                onChange={(s) => setSlot(i, s)}
                onRemove={() => update({ dutyHours: form.dutyHours.filter((_, j) => j !== i) }, Object.keys(errors).filter((k) => k.startsWith('dutyHours')))}
              />
            ))}
            {errors.dutyHours && <Text className="field-error">{errors.dutyHours}</Text>}
            {form.dutyHours.length < MAX_DUTY_SLOTS && (
              <ActionButton block type="ghost" className="e2e-slot-add" onClick={() => update({ dutyHours: [...form.dutyHours, newSlot(form.dutyHours)] }, ['dutyHours'])}>
                ＋ 添加时间段
              </ActionButton>
            )}
          </View>

          <View className={`section ${errors.intro ? 'field--error' : ''}`}>
            <Text className="section__title">个人简介</Text>
            <TextArea
              className="edit-intro e2e-input-intro"
              value={form.intro}
              maxLength={INTRO_MAX}
              showCount
              autoSize
              placeholder="例如：每周三下午入户走访，有事请随时联系。"
              onChange={(value: string) => update({ intro: value }, ['intro'])}
            />
            {errors.intro && <Text className="field-error e2e-error-intro">{errors.intro}</Text>}
          </View>
        </>
      )}
    </PageShell>
  );
}
