import Taro from '@tarojs/taro';
import type { CallEnvelope, FunctionName } from '@core/api/contract';
import { goToSignIn } from '../sign-in';
import { clearToken, getToken } from './session';
import { replyFromHttp } from './http-reply';
import { TransportFailure, type Transport } from './transport.port';

/** Same origin as the page by default: the local gateway serves dist-h5 and the API together. */
const API_BASE = process.env.TARO_APP_API_BASE || '';

function headers(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** 401 means the session is missing or no longer valid: drop it and send the person to sign in. */
function onUnauthorized(): void {
  clearToken();
  goToSignIn();
}

export const transport: Transport = {
  async send(fn: FunctionName, envelope: CallEnvelope) {
    let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject>;
    try {
      res = await Taro.request<string | TaroGeneral.IAnyObject>({
        url: `${API_BASE}/api/fn/${fn}`,
        method: 'POST',
        data: envelope,
        header: { 'Content-Type': 'application/json', ...headers() },
        dataType: 'json',
        timeout: 15000,
      });
    } catch (e) {
      throw new TransportFailure('network', e instanceof Error ? e.message : String((e as { errMsg?: unknown })?.errMsg ?? e));
    }
    if (res.statusCode === 401) onUnauthorized();
    return replyFromHttp(res.statusCode, res.data);
  },

  async upload(localPath: string) {
    let res: Taro.uploadFile.SuccessCallbackResult;
    try {
      res = await Taro.uploadFile({ url: `${API_BASE}/api/files`, filePath: localPath, name: 'file', header: headers(), timeout: 60000 });
    } catch (e) {
      throw new TransportFailure('network', e instanceof Error ? e.message : String((e as { errMsg?: unknown })?.errMsg ?? e));
    }
    if (res.statusCode === 401) onUnauthorized();
    return replyFromHttp(res.statusCode, res.data);
  },
};
