import Taro from '@tarojs/taro';
import type { CallEnvelope, FunctionName } from '@core/api/contract';
import { uploadCloudPath } from './client';
import { failureOf } from './cloudbase-failure';
import type { Transport } from './transport.port';

let initialized = false;

function cloud(): typeof Taro.cloud {
  if (!initialized) {
    // No env id in code: TARO_APP_CLOUD_ENV comes from the build's .env file; unset uses DevTools' selection.
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
    initialized = true;
  }
  return Taro.cloud;
}

function randomName(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export const transport: Transport = {
  async send(fn: FunctionName, envelope: CallEnvelope) {
    try {
      const res = await cloud().callFunction({ name: fn, data: { action: envelope.action, data: envelope.data } });
      return (res as { result?: unknown }).result;
    } catch (e) {
      throw failureOf(e);
    }
  },

  /**
   * Writes the file into the caller's own storage folder, then claims it (account.claimUpload): the function
   * checks and counts it and answers the reply the client unwraps — a refusal (too many, today's quota, not a
   * real PDF) arrives as `{ ok: false, code, message }` and the file is already deleted. Only a claimed file
   * can be attached to anything.
   */
  async upload(localPath, owner) {
    const cloudPath = uploadCloudPath(await owner.userId(), localPath, randomName());
    let fileId: string;
    try {
      fileId = (await cloud().uploadFile({ cloudPath, filePath: localPath })).fileID;
    } catch (e) {
      throw failureOf(e);
    }
    return transport.send('account', { action: 'claimUpload', data: { fileId } });
  },
};
