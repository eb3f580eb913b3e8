/** H5 has no WeChat dialog: the page shows its own consent sheet (ConsentSheet) instead. */
export const HAS_WECHAT_DIALOG = false;

export async function askWechat(): Promise<{ accepted: string[] } | { problem: string }> {
  return { problem: '浏览器中没有微信的订阅授权框' };
}
