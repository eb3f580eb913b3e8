import { isCallError, messageOf } from '../../lib/cloud/call-error';
import { draftErrorsFromIssues, type DraftErrors } from './request-draft';

/**
 * What to say when sending a new request failed. The form and its key are kept either way: after a network
 * failure the same key goes out again, so the request is created once even if the first attempt landed.
 */
export function sendFailure(e: unknown): { message: string; fields: DraftErrors } {
  if (isCallError(e) && e.code === 'NETWORK') {
    return { message: '网络不太好，没有提交成功。填写的内容已保存在手机上，请检查网络后再点「提交」，不会重复提交。', fields: {} };
  }
  const fields = isCallError(e) && e.issues.length ? draftErrorsFromIssues(e.issues) : {};
  return { message: messageOf(e), fields };
}
