/**
 * The production wiring of every function: each `cloudfunctions/<name>/index.ts` is loaded as CloudBase loads
 * it — with @cloudbase/node-sdk and wx-server-sdk replaced by doubles (the real SDK, without credentials, starts
 * a metadata probe that ends in an unhandled rejection) — and every action of the function is called through
 * its `main` as a street admin, a resident and the platform, plus its timer. A domain refusal (NOT_FOUND,
 * FORBIDDEN, INPUT.INVALID…) is fine; INTERNAL, which is what a stub that throws «not wired» becomes, is not.
 * Then the Deps each entry built are checked against its composition (server/composition/compositions.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CAPABILITIES, COMPOSITIONS, needs, type ComposedFunctionName } from '../server/composition/compositions';
import { FakeCloudbaseDb } from '../server/adapters/cloudbase/testing/fake-cloudbase-db';
import { importIntoCloudbase } from '../server/adapters/cloudbase/cloudbase-store';
import { FUNCTIONS } from '../server/functions/registry';
import type { CloudFunction } from '../server/functions/define-function';
import type { Deps } from '../server/use-cases/context';
import { smallStreet } from '../server/testing/small-street.fixture';

interface Sdk {
  db: FakeCloudbaseDb;
  caller: { openId: string };
  inits: number;
  wxInits: number;
}
const sdk: Sdk = { db: new FakeCloudbaseDb(), caller: { openId: '' }, inits: 0, wxInits: 0 };

jest.mock('@cloudbase/node-sdk', () => {
  const app = () => ({
    database: () => sdk.db,
    auth: () => ({ getUserInfo: () => ({ openId: sdk.caller.openId }) }),
    getTempFileURL: async ({ fileList }: { fileList: { fileID: string }[] }) => ({
      fileList: fileList.map((f) => ({ code: 'STORAGE_FILE_NONEXIST', fileID: f.fileID, tempFileURL: '' })),
    }),
    deleteFile: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((fileID) => ({ code: 'SUCCESS', fileID })) }),
    uploadFile: async ({ cloudPath }: { cloudPath: string }) => ({ fileID: `cloud://env/${cloudPath}` }),
    downloadFile: async () => ({ code: 'STORAGE_FILE_NONEXIST', message: 'no such file' }),
  });
  const SYMBOL_CURRENT_ENV = Symbol('current env');
  const init = () => {
    sdk.inits++;
    return app();
  };
  return { __esModule: true, default: { init, SYMBOL_CURRENT_ENV }, init, SYMBOL_CURRENT_ENV };
});

jest.mock(
  'wx-server-sdk',
  () => ({
    DYNAMIC_CURRENT_ENV: Symbol('dynamic env'),
    init: () => void sdk.wxInits++,
    openapi: {
      security: { msgSecCheck: async () => ({ result: { suggest: 'pass' } }) },
      subscribeMessage: { send: async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }) },
    },
  }),
  { virtual: true },
);

const ROOT = path.resolve(__dirname);
const FOLDERS = readdirSync(ROOT).filter((n) => statSync(path.join(ROOT, n)).isDirectory() && n !== 'node_modules').sort();
const NAMES = Object.keys(COMPOSITIONS).sort() as ComposedFunctionName[];

type Main = (event: unknown, context: unknown) => Promise<{ ok?: boolean; code?: string }>;

/** Loads an entry in a fresh module registry (a cold instance) and captures the Deps its createMain builds. */
function loadEntry(name: string): { main: Main; deps: () => Deps } {
  let captured: Deps | null = null;
  let main: Main | undefined;
  jest.isolateModules(() => {
    jest.doMock('./cloudbase-entry', () => {
      const actual = jest.requireActual<typeof import('./cloudbase-entry')>('./cloudbase-entry');
      return {
        ...actual,
        createMain: ((fn, initApp, makeDeps) => actual.createMain(fn, initApp, (app) => (captured = makeDeps(app)))) as typeof actual.createMain,
      };
    });
    // The TypeScript entry, not a bundle `npm run build:functions` may have left beside it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    main = (require(`./${name}/index.ts`) as { main: Main }).main;
  });
  return {
    main: main!,
    deps: () => {
      if (!captured) throw new Error(`${name}: main has not built its deps yet`);
      return captured;
    },
  };
}

beforeEach(async () => {
  sdk.db = new FakeCloudbaseDb();
  await importIntoCloudbase(sdk.db, smallStreet());
});

it('every function folder has a composition and a registered function of the same name', () => {
  expect(FOLDERS).toEqual(NAMES);
  expect(Object.keys(FUNCTIONS).sort()).toEqual(NAMES);
  for (const name of NAMES) expect((FUNCTIONS as Record<string, CloudFunction>)[name].name).toBe(name);
});

describe.each(NAMES)('%s in production', (name) => {
  const fn = (FUNCTIONS as Record<string, CloudFunction>)[name];
  const actions = Object.keys(fn.actions);

  it('answers every action without INTERNAL, as a street admin, a resident and the platform, and on its timer', async () => {
    const errors: unknown[][] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
    try {
      const { main } = loadEntry(name);
      const replies: { call: string; code: string }[] = [];
      for (const openId of ['open-ss', 'open-r1', '']) {
        sdk.caller.openId = openId;
        for (const action of actions) {
          const reply = await main({ action, data: {} }, {});
          replies.push({ call: `${action} as ${openId || 'system'}`, code: reply.ok ? 'ok' : String(reply.code) });
        }
      }
      sdk.caller.openId = '';
      const timer = await main({ Type: 'Timer', TriggerName: 'wiring', Time: '2026-11-23T02:00:00Z' }, {});
      replies.push({ call: 'timer', code: timer.ok ? 'ok' : String(timer.code) });
      expect(replies.filter((r) => r.code === 'INTERNAL')).toEqual([]);
      expect(errors.map((e) => String(e[1] ?? e[0]))).not.toContainEqual(expect.stringMatching(/not wired|deployed without/));
      expect(sdk.inits).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('gets exactly the capabilities its composition declares', async () => {
    const { main, deps } = loadEntry(name);
    sdk.caller.openId = '';
    await main({ action: 'no-such-action' }, {});
    const d = deps();
    const reached = async (c: (typeof CAPABILITIES)[number]): Promise<string> => {
      try {
        switch (c) {
          case 'contentCheck':
            return await d.contentCheck.check({ text: '楼道灯坏了', openid: 'open-r1', streetWords: [] });
          case 'subscribe':
            return JSON.stringify(await d.subscribe.send({ key: 'k', userId: 'r1', touser: 'open-r1', template: 'request_status', templateId: 'T', page: 'p', data: {}, miniprogramState: 'formal' }));
          case 'audience':
            return JSON.stringify(await d.audience.page({ kind: 'notice', noticeId: 'n-none' }, null, 10));
          case 'subscribeTemplates':
            return JSON.stringify(d.config.messages);
          case 'registerReader':
            await d.registerReader.inspect(Buffer.from('not a spreadsheet') as never, []);
            return 'read';
        }
      } catch (e) {
        return (e as Error).message;
      }
    };
    for (const c of CAPABILITIES) {
      const outcome = await reached(c);
      if (needs(name, c)) expect([c, outcome]).not.toEqual([c, expect.stringMatching(/not wired/)]);
      else expect([c, outcome]).toEqual([c, expect.stringMatching(/not wired/)]);
    }
  });
});
