import Taro from '@tarojs/taro';

export interface ChosenPhoto {
  path: string;
  size: number;
}

/**
 * One photo from the album or camera, compressed by the platform. Resolves null when the person closes
 * the picker. weapp uses chooseMedia (chooseImage is deprecated there); H5 has chooseImage only.
 */
export async function choosePhoto(): Promise<ChosenPhoto | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      const f = res.tempFiles[0];
      return f ? { path: f.tempFilePath, size: f.size } : null;
    }
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const path = res.tempFilePaths[0];
    return path ? { path, size: res.tempFiles[0]?.size ?? 0 } : null;
  } catch {
    return null;
  }
}
