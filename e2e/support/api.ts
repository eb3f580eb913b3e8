/**
 * Calling the functions through the gateway as a real person (a dev session for their user id): what the app
 * does, without the clicks. Used where a browser test needs a history before the part it shows in the browser.
 */
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@core/api/contract';
import type { App } from './app';

export interface ApiUser {
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, data: ActionInput<F, A>): Promise<ActionOutput<F, A>>;
}

export async function apiAs(app: App, userId: string): Promise<ApiUser> {
  const reply = await fetch(`${app.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const body = (await reply.json()) as { ok: boolean; data?: { token: string }; message?: string };
  if (!body.ok || !body.data) throw new Error(`no session for ${userId}: ${body.message ?? reply.status}`);
  const token = body.data.token;
  return {
    async call(fn, action, data) {
      const res = await fetch(`${app.url}/api/fn/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ action, data }),
      });
      const out = (await res.json()) as { ok: boolean; data?: unknown; code?: string; message?: string };
      if (!out.ok) throw new Error(`${fn}.${String(action)}: ${out.code} ${out.message}`);
      return out.data as never;
    },
  };
}
