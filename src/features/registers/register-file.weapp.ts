import Taro from '@tarojs/taro';
import type { RegisterPick } from './register-file';

/** A mini-program reaches files only through a chat: 从聊天中选择 (chooseMessageFile). */
export async function chooseRegisterFile(): Promise<RegisterPick> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    const f = res.tempFiles[0];
    return f ? { kind: 'picked', path: f.path, name: f.name } : { kind: 'cancelled' };
  } catch (e) {
    return { kind: /cancel/i.test(String((e as { errMsg?: unknown })?.errMsg ?? e)) ? 'cancelled' : 'failed' };
  }
}

export function releaseRegisterFile(): void {}

export async function openTemplate(url: string): Promise<void> {
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}
