import type { CallEnvelope, FunctionName } from '@core/api/contract';
import { CallError } from './call-error';
import { createClient, unwrapReply, uploadCloudPath } from './client';
import { TransportFailure, type Transport, type UploadOwner } from './transport.port';

type Step = unknown | TransportFailure;

/** A transport that answers from a script and records what was sent. */
function scripted(steps: Step[], uploads: Step[] = []) {
  const sent: { fn: FunctionName; envelope: CallEnvelope }[] = [];
  const uploaded: { path: string; userId: string }[] = [];
  const transport: Transport = {
    async send(fn, envelope) {
      sent.push({ fn, envelope });
      const next = steps.shift();
      if (next instanceof TransportFailure) throw next;
      return next;
    },
    async upload(path: string, owner: UploadOwner) {
      uploaded.push({ path, userId: await owner.userId() });
      const next = uploads.shift();
      if (next instanceof TransportFailure) throw next;
      return next;
    },
  };
  return { transport, sent, uploaded };
}

const me = { userId: 'u1', name: '王芳', roles: [], grants: [], residence: null };

describe('unwrapReply', () => {
  it('returns the data of an ok reply', () => {
    expect(unwrapReply({ ok: true, data: { a: 1 } })).toEqual({ a: 1 });
  });

  it('throws a refusal as CallError with its code, message and field issues', () => {
    const reply = { ok: false, code: 'INPUT.INVALID', message: '请填写显示姓名', issues: [{ path: 'displayName', message: '请填写显示姓名' }] };
    let caught: unknown;
    try {
      unwrapReply(reply);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CallError);
    expect(caught).toMatchObject({ code: 'INPUT.INVALID', message: '请填写显示姓名', issues: [{ path: 'displayName', message: '请填写显示姓名' }] });
  });

  it('says 系统繁忙 when a refusal carries no message (the server always sends one)', () => {
    expect(() => unwrapReply({ ok: false, code: 'GRID.VERSION_CONFLICT' })).toThrow(expect.objectContaining({ code: 'GRID.VERSION_CONFLICT', message: '系统繁忙，请稍后再试' }));
  });

  it('keeps a code this version does not know, with the server message; a malformed code is INTERNAL', () => {
    expect(() => unwrapReply({ ok: false, code: 'SOMETHING.NEW', message: '新的错误' })).toThrow(expect.objectContaining({ code: 'SOMETHING.NEW', message: '新的错误' }));
    expect(() => unwrapReply({ ok: false, code: 'drop table', message: '新的错误' })).toThrow(expect.objectContaining({ code: 'INTERNAL', message: '新的错误' }));
  });

  it.each([undefined, null, 'text', { data: 1 }, { ok: 'yes' }])('treats a malformed reply (%p) as INTERNAL', (reply) => {
    expect(() => unwrapReply(reply)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('createClient().call', () => {
  it('sends the action envelope to the named function and returns the data', async () => {
    const { transport, sent } = scripted([{ ok: true, data: [{ id: 'c1', name: '东湖社区', streetName: '城关街道' }] }]);
    const out = await createClient(transport).call('account', 'communities', {});
    expect(out).toEqual([{ id: 'c1', name: '东湖社区', streetName: '城关街道' }]);
    expect(sent).toEqual([{ fn: 'account', envelope: { action: 'communities', data: {} } }]);
  });

  it('retries a read once after a network failure', async () => {
    const { transport, sent } = scripted([new TransportFailure('network', 'timeout'), { ok: true, data: me }]);
    await expect(createClient(transport).call('account', 'me', {})).resolves.toEqual(me);
    expect(sent).toHaveLength(2);
  });

  it('gives up after the retry with NETWORK and the plain Chinese message', async () => {
    const { transport, sent } = scripted([new TransportFailure('network', 'a'), new TransportFailure('network', 'b')]);
    await expect(createClient(transport).call('grid', 'myCard', {})).rejects.toMatchObject({ code: 'NETWORK', message: '网络不太好，请检查网络后重试' });
    expect(sent).toHaveLength(2);
  });

  it('never repeats a write on its own (it may have landed)', async () => {
    const { transport, sent } = scripted([new TransportFailure('network', 'timeout'), { ok: true, data: me }]);
    await expect(createClient(transport).call('account', 'bindHousehold', { householdId: 'h1' })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(sent).toHaveLength(1);
  });

  it('does not retry a server-side failure and reports it as INTERNAL', async () => {
    const { transport, sent } = scripted([new TransportFailure('server', 'FUNCTIONS_EXECUTE_FAIL'), { ok: true, data: me }]);
    await expect(createClient(transport).call('account', 'me', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(sent).toHaveLength(1);
  });

  it('does not retry a refusal', async () => {
    const { transport, sent } = scripted([{ ok: false, code: 'AUTH.FORBIDDEN', message: '您没有权限进行此操作' }, { ok: true, data: [] }]);
    await expect(createClient(transport).call('grid', 'list', {})).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(sent).toHaveLength(1);
  });
});

describe('createClient().uploadImage', () => {
  it('asks account.me once for the folder owner and resolves with the file id', async () => {
    const { transport, sent, uploaded } = scripted([{ ok: true, data: me }], [{ ok: true, data: { fileId: 'f1' } }, { ok: true, data: { fileId: 'f2' } }]);
    const client = createClient(transport);
    await expect(client.uploadImage('wxfile://tmp/a.jpg')).resolves.toBe('f1');
    await expect(client.uploadImage('wxfile://tmp/b.png')).resolves.toBe('f2');
    expect(sent.map((s) => s.envelope.action)).toEqual(['me']);
    expect(uploaded).toEqual([
      { path: 'wxfile://tmp/a.jpg', userId: 'u1' },
      { path: 'wxfile://tmp/b.png', userId: 'u1' },
    ]);
  });

  it('forgets the user on reset (a different person signed in)', async () => {
    const other = { ...me, userId: 'u2' };
    const { transport, uploaded } = scripted([{ ok: true, data: me }, { ok: true, data: other }], [{ ok: true, data: { fileId: 'f1' } }, { ok: true, data: { fileId: 'f2' } }]);
    const client = createClient(transport);
    await client.uploadImage('a.jpg');
    client.reset();
    await client.uploadImage('b.jpg');
    expect(uploaded.map((u) => u.userId)).toEqual(['u1', 'u2']);
  });

  it('passes the upload route refusal through as CallError', async () => {
    const { transport } = scripted([{ ok: true, data: me }], [{ ok: false, code: 'FILE.TOO_LARGE', message: '图片太大了，请选择小于 5MB 的图片' }]);
    await expect(createClient(transport).uploadImage('a.jpg')).rejects.toMatchObject({ code: 'FILE.TOO_LARGE' });
  });

  it('reports a failed upload connection as NETWORK', async () => {
    const { transport } = scripted([{ ok: true, data: me }], [new TransportFailure('network', 'x')]);
    await expect(createClient(transport).uploadImage('a.jpg')).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('refuses a reply without a file id', async () => {
    const { transport } = scripted([{ ok: true, data: me }], [{ ok: true, data: {} }]);
    await expect(createClient(transport).uploadImage('a.jpg')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('uploadCloudPath', () => {
  it('puts the file in the user folder and keeps an image extension', () => {
    expect(uploadCloudPath('u1', 'wxfile://tmp_abc.PNG', 'r1')).toBe('uploads/u1/r1.png');
    expect(uploadCloudPath('u1', 'http://tmp/x.jpeg?x=1', 'r2')).toBe('uploads/u1/r2.jpg');
  });

  it('falls back to jpg when the path has no extension', () => {
    expect(uploadCloudPath('u1', 'blob:abc', 'r3')).toBe('uploads/u1/r3.jpg');
  });
});
