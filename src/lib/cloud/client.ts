import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@core/api/contract';
import type { ErrorCode, FieldIssue } from '@core/shared/errors';
import { isRetryable } from './actions';
import { CallError } from './call-error';
import { TransportFailure, type Transport } from './transport.port';

export interface CloudClient {
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: ActionInput<F, A>): Promise<ActionOutput<F, A>>;
  /** Uploads one local image (a path from chooseImage/chooseMedia) and resolves with its file id. */
  uploadImage(localPath: string): Promise<string>;
  /**
   * Uploads one local file of any kind the store accepts (a notice's PDF: a chooseMessageFile path on weapp,
   * an object URL on H5). The store decides the type from the content, never from the name.
   */
  uploadFile(localPath: string): Promise<string>;
  /** Forget what the client remembers about the signed-in user (after signing in as someone else). */
  reset(): void;
}

/**
 * A well-formed code (AREA.REASON). The app does not hold the table of codes (see CallError): a code this
 * version does not know still reaches the page, which acts on the codes it knows and shows the message.
 */
function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/.test(code);
}

function issuesOf(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (i): i is FieldIssue => typeof i === 'object' && i !== null && typeof (i as FieldIssue).path === 'string' && typeof (i as FieldIssue).message === 'string',
  );
}

/**
 * Reads a reply body: `{ ok: true, data }` gives the data; `{ ok: false, code, message }` throws it as a
 * CallError (a code this version does not know included); anything else is a broken reply (INTERNAL).
 */
export function unwrapReply(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as { ok: unknown; data?: unknown; code?: unknown; message?: unknown; issues?: unknown };
    if (r.ok === true) return r.data;
    if (r.ok === false) {
      const message = typeof r.message === 'string' && r.message ? r.message : undefined;
      if (isErrorCode(r.code)) throw new CallError(r.code, message, issuesOf(r.issues));
      throw new CallError('INTERNAL', message);
    }
  }
  throw new CallError('INTERNAL');
}

function toCallError(e: unknown): CallError {
  if (e instanceof CallError) return e;
  if (e instanceof TransportFailure) return new CallError(e.kind === 'network' ? 'NETWORK' : 'INTERNAL');
  return new CallError('INTERNAL');
}

export function createClient(transport: Transport): CloudClient {
  let userId: string | null = null;

  async function send(fn: FunctionName, action: string, input: unknown, retry: boolean): Promise<unknown> {
    try {
      return unwrapReply(await transport.send(fn, { action, data: input }));
    } catch (e) {
      // One quiet retry for reads on a network failure: a flaky connection should not show an error page.
      if (retry && e instanceof TransportFailure && e.kind === 'network') return send(fn, action, input, false);
      throw toCallError(e);
    }
  }

  function remember(data: unknown): void {
    if (typeof data === 'object' && data !== null && typeof (data as { userId?: unknown }).userId === 'string') {
      userId = (data as { userId: string }).userId;
    }
  }

  const client: CloudClient = {
    async call(fn, action, input) {
      const data = await send(fn, action, input, isRetryable(fn, action));
      // account.me and the binding actions all return MeView: keep the caller's id for upload paths.
      if (fn === 'account') remember(data);
      return data as ActionOutput<typeof fn, typeof action>;
    },
    uploadImage(localPath) {
      return client.uploadFile(localPath);
    },
    async uploadFile(localPath) {
      const owner = {
        async userId() {
          if (!userId) remember(await client.call('account', 'me', {}));
          if (!userId) throw new CallError('AUTH.UNAUTHENTICATED');
          return userId;
        },
      };
      let reply: unknown;
      try {
        reply = await transport.upload(localPath, owner);
      } catch (e) {
        throw toCallError(e);
      }
      const data = unwrapReply(reply);
      const fileId = typeof data === 'object' && data !== null ? (data as { fileId?: unknown }).fileId : undefined;
      if (typeof fileId !== 'string' || !fileId) throw new CallError('INTERNAL');
      return fileId;
    },
    reset() {
      userId = null;
    },
  };
  return client;
}

/** Where a weapp upload goes: the caller's own folder, so the functions can tell whose file it is. */
export function uploadCloudPath(userId: string, localPath: string, random: string): string {
  const match = /\.([A-Za-z0-9]{2,5})$/.exec(localPath.split('?')[0]);
  const ext = match ? match[1].toLowerCase() : 'jpg';
  return `uploads/${userId}/${random}.${ext === 'jpeg' ? 'jpg' : ext}`;
}
