import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { isCallError, messageOf } from '../../../lib/cloud/call-error';
import { requestApi } from '../api';
import { choosePhotos, openPermissionSettings } from '../photo-pick';
import { photoProblem } from '../photo-rules';
import type { DraftPhoto } from '../request-draft';

interface Props {
  photos: DraftPhoto[];
  max: number;
  onAdd: (photo: DraftPhoto) => void;
  onRemove: (index: number) => void;
  /** Told while uploads run, so the form waits for them before sending. */
  onBusy?: (busy: boolean) => void;
  className?: string;
}

/**
 * Photos for a request: pick from the album or take one, each uploaded at once and kept as a file id.
 * Thumbnails with 删除; JPEG/PNG under 5 MB. Refusing the album/camera permission only hides the photos —
 * everything else still works.
 */
export default function PhotoPicker({ photos, max, onAdd, onRemove, onBusy, className }: Props) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [denied, setDenied] = useState(false);
  const [broken, setBroken] = useState<Record<string, boolean>>({});

  async function add() {
    const left = max - photos.length;
    if (left <= 0 || progress) return;
    const pick = await choosePhotos(left);
    if (pick.kind !== 'picked') {
      if (pick.kind === 'denied') setDenied(true);
      if (pick.kind === 'failed') setProblems(['没有打开相册或相机，请再试一次']);
      return;
    }
    setDenied(false);
    const found: string[] = [];
    const ok = pick.photos.slice(0, left).filter((p, i) => {
      const problem = photoProblem(p);
      if (problem) found.push(`第${i + 1}张：${problem}`);
      return !problem;
    });
    setProblems(found);
    if (ok.length === 0) return;
    onBusy?.(true);
    setProgress({ done: 0, total: ok.length });
    // One at a time: on a weak connection parallel uploads all fail together.
    for (let i = 0; i < ok.length; i++) {
      try {
        const fileId = await requestApi.uploadPhoto(ok[i].path);
        onAdd({ fileId, preview: ok[i].path });
      } catch (e) {
        found.push(`有一张图片没有传上去：${messageOf(e)}`);
        // Too many, today's quota, or not allowed: the rest would be refused the same way.
        const stop = isCallError(e) && /^UPLOAD\.(RATE_LIMITED|QUOTA_EXCEEDED|NOT_ALLOWED)$/.test(e.code);
        if (stop && i + 1 < ok.length) found.push(`其余${ok.length - i - 1}张没有上传`);
        setProblems([...found]);
        if (stop) break;
      }
      setProgress({ done: i + 1, total: ok.length });
    }
    setProgress(null);
    onBusy?.(false);
  }

  const previews = photos.map((p) => p.preview);
  return (
    <View className={className}>
      <View className="rq-photos e2e-photos">
        {photos.map((p, i) => (
          <View key={p.fileId} className="rq-photo e2e-photo-thumb">
            {broken[p.fileId] ? (
              <Text className="rq-photo__missing">图片{i + 1}</Text>
            ) : (
              <Image
                className="rq-photo__img"
                src={p.preview}
                mode="aspectFill"
                onClick={() => void Taro.previewImage({ urls: previews, current: p.preview }).catch(() => undefined)}
                onError={() => setBroken((b) => ({ ...b, [p.fileId]: true }))}
              />
            )}
            <Text className="rq-photo__delete e2e-photo-delete" onClick={() => onRemove(i)}>
              删除
            </Text>
          </View>
        ))}
        {photos.length < max && (
          <View className="rq-photo-add e2e-photo-add" hoverClass="rq-item--pressed" onClick={() => void add()}>
            <View className="rq-photo-add__inner">
              {progress ? (
                <Text className="e2e-photo-uploading">
                  上传中 {progress.done}/{progress.total}
                </Text>
              ) : (
                <>
                  <Text className="rq-photo-add__plus">＋</Text>
                  <Text>添加图片</Text>
                </>
              )}
            </View>
          </View>
        )}
      </View>
      <Text className="rq-photo-hint">
        最多{max}张，支持 JPG、PNG 格式（已选{photos.length}张）
      </Text>
      {denied && (
        <Text className="field-error e2e-photo-denied">
          没有获得相册或相机权限，可以不上传图片直接提交。
          {process.env.TARO_ENV === 'weapp' && (
            <Text className="link" onClick={openPermissionSettings}>
              {' '}去开启权限
            </Text>
          )}
        </Text>
      )}
      {problems.map((p) => (
        <Text key={p} className="field-error e2e-photo-error">
          {p}
        </Text>
      ))}
    </View>
  );
}
