import Taro from '@tarojs/taro';

/**
 * 保存图片 of an invitation's QR code (a data URL). H5: the browser downloads it. Mini-program: written to a
 * temporary file and saved to the photo album (the person is asked once for the album permission).
 */
export async function saveDataUrlImage(dataUrl: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = dataUrl;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64');
  await Taro.saveImageToPhotosAlbum({ filePath });
}
