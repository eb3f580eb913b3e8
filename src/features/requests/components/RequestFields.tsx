import { useState, type ReactNode } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { CategoryOption } from '@core/api/request.contract';
import { DESCRIPTION_MAX, PHOTOS_MAX } from '@core/requests/request';
import ActionButton from '../../../components/ActionButton';
import { canPickLocation, pickLocation } from '../location';
import { openPermissionSettings } from '../photo-pick';
import { charCount, type DraftErrors, type DraftPhoto, type RequestDraft } from '../request-draft';
import PhotoPicker from './PhotoPicker';

interface Props {
  draft: RequestDraft;
  errors: DraftErrors;
  categories: CategoryOption[];
  /** Merges a change into the draft (functional, so uploads finishing one by one never lose each other). */
  update: (patch: (d: RequestDraft) => Partial<RequestDraft>, clear?: string[]) => void;
  onUploading: (busy: boolean) => void;
  /** Placeholder of the description: a resident tells their problem, a worker what they found. */
  descriptionPlaceholder: string;
  /** Label of the phone field. */
  phoneLabel?: string;
  /** Shown right under the description (the resident's form: 附近已有相似诉求, while they write). */
  afterDescription?: ReactNode;
}

const DESCRIPTION_MIN = 5;

/** The fields 我要反映 and 巡查上报 share: what kind, what happened, photos, where, and a number to call back. */
export default function RequestFields({ draft, errors, categories, update, onUploading, descriptionPlaceholder, phoneLabel = '回电号码', afterDescription }: Props) {
  const [locationNote, setLocationNote] = useState<'denied' | 'failed' | null>(null);
  const [locating, setLocating] = useState(false);
  const length = charCount(draft.description);
  const locationOffered = canPickLocation();

  async function chooseLocation() {
    setLocating(true);
    const pick = await pickLocation();
    setLocating(false);
    if (pick.kind === 'picked') {
      setLocationNote(null);
      update((d) => ({ location: pick.point, address: d.address.trim() ? d.address : (pick.address ?? d.address) }), ['location', 'address']);
    } else if (pick.kind !== 'cancelled') {
      setLocationNote(pick.kind);
    }
  }

  return (
    <>
      <View className={`section rq-field ${errors.category ? 'rq-field--error' : ''}`}>
        <Text className="section__title">反映哪类问题</Text>
        <View className="rq-choices e2e-categories">
          {categories.map((c) => (
            <View
              key={c.id}
              id={`category-${c.id}`}
              className={`rq-choice e2e-category ${draft.categoryId === c.id ? 'rq-choice--on e2e-category-on' : ''}`}
              onClick={() => update(() => ({ categoryId: c.id }), ['category'])}
            >
              {c.name}
            </View>
          ))}
        </View>
        {errors.category && <Text className="field-error e2e-error-category">{errors.category}</Text>}
      </View>

      <View className={`section rq-field ${errors.description ? 'rq-field--error' : ''}`}>
        <Text className="section__title">具体情况</Text>
        <Textarea
          className="rq-textarea e2e-input-description"
          value={draft.description}
          maxlength={DESCRIPTION_MAX}
          placeholder={descriptionPlaceholder}
          onInput={(e) => {
            const value = e.detail.value;
            update(() => ({ description: value }), ['description']);
          }}
        />
        <Text className={`rq-counter e2e-description-count ${length > 0 && length < DESCRIPTION_MIN ? 'rq-counter--bad' : ''}`}>
          {length}/{DESCRIPTION_MAX}
          {length < DESCRIPTION_MIN ? `（至少${DESCRIPTION_MIN}个字）` : ''}
        </Text>
        {errors.description && <Text className="field-error e2e-error-description">{errors.description}</Text>}
      </View>
      {afterDescription}

      <View className={`section rq-field ${errors.photos ? 'rq-field--error' : ''}`}>
        <Text className="section__title">
          现场图片 <Text className="rq-field__optional">（选填）</Text>
        </Text>
        <PhotoPicker
          photos={draft.photos}
          max={PHOTOS_MAX}
          onBusy={onUploading}
          onAdd={(photo: DraftPhoto) => update((d) => ({ photos: [...d.photos, photo], photosAt: Date.now() }), ['photos'])}
          onRemove={(i) => update((d) => ({ photos: d.photos.filter((_, j) => j !== i) }), ['photos'])}
        />
        {errors.photos && <Text className="field-error e2e-error-photos">{errors.photos}</Text>}
      </View>

      <View className="section">
        <Text className="section__title">
          发生地点 <Text className="rq-field__optional">（选填）</Text>
        </Text>
        {draft.location ? (
          <View className="rq-location">
            <Text className="e2e-location-name">位置：{draft.location.name ?? '已选择'}</Text>
            <Text className="rq-location__clear e2e-location-clear" onClick={() => update(() => ({ location: null }), ['location'])}>
              清除
            </Text>
          </View>
        ) : locationOffered ? (
          <ActionButton type="ghost" block loading={locating} className="rq-location-pick e2e-location-pick" onClick={() => void chooseLocation()}>
            {locating ? '正在获取位置…' : '选择位置'}
          </ActionButton>
        ) : null}
        {locationNote && (
          <Text className="field-error e2e-location-hint">
            {locationNote === 'denied' ? '没有获得位置权限，请在下面直接填写地址。' : '没有获取到位置，请在下面直接填写地址。'}
            {locationNote === 'denied' && process.env.TARO_ENV === 'weapp' && (
              <Text className="link" onClick={openPermissionSettings}>
                {' '}去开启权限
              </Text>
            )}
          </Text>
        )}
        <View className={`rq-field ${errors.address ? 'rq-field--error' : ''}`}>
          <Text className="rq-field__label">详细地址</Text>
          <Input
            className="rq-input e2e-input-address"
            value={draft.address}
            maxlength={100}
            placeholder="如：幸福小区3栋2单元门口"
            onInput={(e) => {
              const value = e.detail.value;
              update(() => ({ address: value }), ['address']);
            }}
          />
          {errors.address && <Text className="field-error e2e-error-address">{errors.address}</Text>}
          {errors.location && <Text className="field-error e2e-error-location">{errors.location}</Text>}
        </View>
      </View>

      <View className={`section rq-field ${errors.callbackPhone ? 'rq-field--error' : ''}`}>
        <Text className="section__title">
          {phoneLabel} <Text className="rq-field__optional">（选填）</Text>
        </Text>
        <Input
          className="rq-input e2e-input-phone"
          type="text"
          value={draft.callbackPhone}
          maxlength={20}
          placeholder="手机号或带区号的固定电话"
          onInput={(e) => {
            const value = e.detail.value;
            update(() => ({ callbackPhone: value }), ['callbackPhone']);
          }}
        />
        <Text className="section__hint">只有负责处理的工作人员能看到，用于联系您了解情况。</Text>
        {errors.callbackPhone && <Text className="field-error e2e-error-callbackPhone">{errors.callbackPhone}</Text>}
      </View>
    </>
  );
}
