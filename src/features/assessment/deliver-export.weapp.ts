import Taro from '@tarojs/taro';
import type { ExportView } from '@core/api/assessment.contract';

/**
 * The function answered a temporary URL of the file in cloud storage. It is downloaded under its own
 * (Chinese) name into the app's user folder, so what is opened or forwarded keeps that name; then an
 * XLSX opens in WeChat's document viewer with its menu (转发给朋友 / 用其他应用打开), and a CSV — which
 * openDocument does not read — goes straight to the chat share sheet.
 */
export async function deliverExport(view: ExportView, format: 'xlsx' | 'csv'): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${view.fileName}`;
  const res = await Taro.downloadFile({ url: view.url, filePath });
  if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
  const path = res.filePath ?? filePath;
  if (format === 'xlsx') {
    await Taro.openDocument({ filePath: path, fileType: 'xlsx', showMenu: true });
    return;
  }
  await Taro.shareFileMessage({ filePath: path, fileName: view.fileName });
}
