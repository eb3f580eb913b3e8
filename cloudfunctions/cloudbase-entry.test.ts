import type { CloudFunction, Identity } from '../server/functions/define-function';
import type { Deps } from '../server/use-cases/context';
import { createMain, identityFrom } from './cloudbase-entry';

function recordingFunction() {
  const calls: { identity: Identity; event: unknown; deps: Deps }[] = [];
  const fn: CloudFunction = {
    name: 'probe',
    actions: {},
    async handle(identity, event, deps) {
      calls.push({ identity, event, deps });
      return { ok: true, data: 'handled' };
    },
  };
  return { fn, calls };
}

function appWithCaller(openIds: string[]) {
  let i = 0;
  return { auth: () => ({ getUserInfo: () => ({ openId: openIds[Math.min(i++, openIds.length - 1)] }) }) };
}

const deps = { marker: 'deps' } as unknown as Deps;

describe('identityFrom', () => {
  it('maps a platform openid to a user identity', () => {
    expect(identityFrom({ openId: 'o-abc' })).toEqual({ kind: 'user', openid: 'o-abc' });
  });

  it('treats a call without openid (timer trigger, HTTP API) as the system', () => {
    expect(identityFrom({ openId: '' })).toEqual({ kind: 'system' });
    expect(identityFrom({})).toEqual({ kind: 'system' });
  });
});

describe('createMain', () => {
  it('creates the app and the adapters on the first call only, and reuses them for later calls', async () => {
    const { fn, calls } = recordingFunction();
    const initApp = jest.fn(() => appWithCaller(['o-1', 'o-2']));
    const makeDeps = jest.fn(() => deps);
    const main = createMain(fn, initApp, makeDeps);
    expect(initApp).not.toHaveBeenCalled();

    await main({ action: 'a' }, {});
    await main({ action: 'b' }, {});

    expect(initApp).toHaveBeenCalledTimes(1);
    expect(makeDeps).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => c.deps)).toEqual([deps, deps]);
  });

  it('reads the caller from the platform on every call, never from the event', async () => {
    const { fn, calls } = recordingFunction();
    const main = createMain(fn, () => appWithCaller(['o-1', '']), () => deps);

    await main({ action: 'a', openid: 'o-forged' }, {});
    await main({ Type: 'Timer', TriggerName: 'dailyPurge', openid: 'o-forged' }, {});

    expect(calls[0].identity).toEqual({ kind: 'user', openid: 'o-1' });
    expect(calls[1].identity).toEqual({ kind: 'system' });
  });

  it('returns only the handler reply, never the event or context', async () => {
    const { fn } = recordingFunction();
    const main = createMain(fn, () => appWithCaller(['o-1']), () => deps);
    const reply = await main({ action: 'a', secret: 'event-data' }, { request_id: 'ctx' });
    expect(reply).toEqual({ ok: true, data: 'handled' });
  });
});

describe('createMain with an HTTP function (open311)', () => {
  it('hands HTTP access service events to the function`s http side, never as the system identity; other calls to handle', async () => {
    const { fn, calls } = recordingFunction();
    const httpCalls: unknown[] = [];
    const withHttp: CloudFunction = {
      ...fn,
      async http(event) {
        httpCalls.push(event);
        return { statusCode: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '[]', isBase64Encoded: false };
      },
    };
    const main = createMain(withHttp, () => appWithCaller(['']), () => deps);
    const event = { path: '/open311/v2/services.json', httpMethod: 'GET', headers: {}, queryStringParameters: {}, body: null, isBase64Encoded: false };
    expect(await main(event, {})).toEqual({ statusCode: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '[]', isBase64Encoded: false });
    await main({ action: 'partnerKeys' }, {});
    expect(httpCalls).toEqual([event]);
    expect(calls.map((c) => c.event)).toEqual([{ action: 'partnerKeys' }]);
  });

  it('a function without an http side treats an HTTP-shaped event as an ordinary call', async () => {
    const { fn, calls } = recordingFunction();
    const main = createMain(fn, () => appWithCaller(['']), () => deps);
    await main({ path: '/x', httpMethod: 'GET' }, {});
    expect(calls).toHaveLength(1);
  });
});
