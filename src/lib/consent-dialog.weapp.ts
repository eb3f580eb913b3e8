import Taro from '@tarojs/taro';

export const HAS_WECHAT_DIALOG = true;

/** Why WeChat would not show the dialog, in words a person can act on. */
function problemOf(errCode: number | undefined): string {
  if (errCode === 20004) return '您关闭了「接收通知」，请在右上角「…」→「设置」中打开后再试';
  if (errCode === 20001 || errCode === 20005) return '消息模板暂不可用，请稍后再试';
  return '没有打开订阅，请稍后再试';
}

/** WeChat's one-time subscribe dialog; each "允许" is one send of that template. */
export async function askWechat(templateIds: string[]): Promise<{ accepted: string[] } | { problem: string }> {
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    return { accepted: templateIds.filter((id) => res[id] === 'accept') };
  } catch (e) {
    return { problem: problemOf((e as { errCode?: number }).errCode) };
  }
}
