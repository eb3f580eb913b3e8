import { replyFromHttp } from './http-reply';
import { TransportFailure } from './transport.port';

describe('replyFromHttp', () => {
  it('returns a JSON reply whatever the status (the gateway refuses with 4xx and a body)', () => {
    expect(replyFromHttp(200, { ok: true, data: 1 })).toEqual({ ok: true, data: 1 });
    expect(replyFromHttp(403, { ok: false, code: 'AUTH.FORBIDDEN', message: 'x' })).toEqual({ ok: false, code: 'AUTH.FORBIDDEN', message: 'x' });
  });

  it('parses a reply that arrives as text (uploadFile gives a string)', () => {
    expect(replyFromHttp(200, '{"ok":true,"data":{"fileId":"f1"}}')).toEqual({ ok: true, data: { fileId: 'f1' } });
  });

  it('turns a bare 401 into a session refusal', () => {
    expect(replyFromHttp(401, '')).toEqual({ ok: false, code: 'AUTH.SESSION_INVALID' });
  });

  it.each([502, 503, 504, 0])('treats %i without a reply as a network failure (retryable)', (status) => {
    expect(() => replyFromHttp(status, '<html>Bad Gateway</html>')).toThrow(expect.objectContaining({ kind: 'network' }));
  });

  it('treats any other status without a reply as a server failure', () => {
    let caught: unknown;
    try {
      replyFromHttp(500, 'oops');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TransportFailure);
    expect((caught as TransportFailure).kind).toBe('server');
  });
});
