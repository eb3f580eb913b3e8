import Taro from '@tarojs/taro';
import { pickFailureOf, type PickFailure, type PickedPhoto } from './photo-rules';

export type PhotoPick = { kind: 'picked'; photos: PickedPhoto[] } | { kind: PickFailure };

/**
 * Up to `count` photos from the album or camera, compressed by the platform. weapp uses chooseMedia
 * (chooseImage is deprecated there); H5 has chooseImage, which also gives each file's type.
 */
export async function choosePhotos(count: number): Promise<PhotoPick> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return { kind: 'picked', photos: res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size, mime: null })) };
    }
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const files = res.tempFiles as { path: string; size: number; type?: string }[];
    return { kind: 'picked', photos: files.map((f) => ({ path: f.path, size: f.size ?? 0, mime: typeof f.type === 'string' && f.type ? f.type : null })) };
  } catch (e) {
    return { kind: pickFailureOf(e) };
  }
}

/** weapp only: the settings page where a refused album/camera/location permission can be turned on again. */
export function openPermissionSettings(): void {
  if (process.env.TARO_ENV === 'weapp') void Taro.openSetting({}).catch(() => undefined);
}
