import Taro from '@tarojs/taro';
import type { PdfPick } from './pdf';

function cancelled(e: unknown): boolean {
  const msg = String((e as { errMsg?: unknown })?.errMsg ?? e);
  return /cancel/i.test(msg);
}

/** A mini-program reaches files only through a chat: 从聊天中选择 (chooseMessageFile), PDFs only. */
export async function choosePdfs(count: number): Promise<PdfPick> {
  try {
    const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf'] });
    return { kind: 'picked', files: res.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size, mime: null })) };
  } catch (e) {
    return { kind: cancelled(e) ? 'cancelled' : 'failed' };
  }
}

export function releasePdf(): void {}

/** Downloaded to a temp file, then shown by WeChat's document viewer (which can forward or save it). */
export async function openPdf(url: string): Promise<void> {
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
}
