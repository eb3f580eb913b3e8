import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { ROUTES, withQuery } from '../../lib/routes';
import type { DraftErrors, RequestDraft } from './request-draft';
import { sendFailure } from './send-error';
import type { DraftState } from './use-request-draft';

/**
 * Sending a new request's form, shared by 我要反映 and 巡查上报: check it, keep it (with its idempotency key)
 * before each attempt, send once however often it is tapped, and on success forget the draft and open the
 * request. A failure keeps everything filled in and says what to fix.
 */
export function useDraftSend(
  form: DraftState,
  options: {
    check: (d: RequestDraft) => DraftErrors;
    send: (d: RequestDraft) => Promise<{ id: string }>;
    doneTitle: string;
    detailQuery?: Record<string, string | number>;
    /** Where to go once sent, instead of the new request's page (e.g. back to the visit it was filed from). */
    after?: (requestId: string) => void;
  },
) {
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [uploading, setUploading] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  async function send() {
    const draft = form.draft;
    if (!draft || sendingRef.current || uploading) return;
    const found = options.check(draft);
    form.setErrors(found);
    if (Object.keys(found).length) {
      setFormError('还有内容需要填写或修改，请查看标红的提示');
      return;
    }
    // Double taps and a second tap while the first is under way send nothing more.
    sendingRef.current = true;
    setSending(true);
    setFormError(null);
    form.keep();
    try {
      const created = await options.send(draft);
      form.finish();
      void Taro.showToast({ title: options.doneTitle, icon: 'success' });
      if (options.after) options.after(created.id);
      else void Taro.redirectTo({ url: withQuery(ROUTES.requestDetail, { id: created.id, ...options.detailQuery }) });
    } catch (e) {
      const failure = sendFailure(e);
      form.setErrors(failure.fields);
      setFormError(failure.message);
      sendingRef.current = false;
      setSending(false);
    }
  }

  return { send, sending, uploading, setUploading, formError, setFormError };
}
