/**
 * One wiring for both clouds: what each deployed function needs beyond the adapters every function gets
 * (store, files, clock, ids, log, the bind URL). The production entries (cloudfunctions/<name>/index.ts through
 * server/composition/cloudbase-deps.ts) and the local runtime (gateway, timers, function tests through
 * server/runtime/local-deps.ts) both build a function's Deps from this table: a capability the table does not
 * declare for a function is a stub that throws «not wired» on both sides, so a use case that starts needing
 * one fails locally exactly as it would on CloudBase.
 *
 * Adding a function: one row here (the check below makes a missing row a compile error), then its entry `cloudfunctions/<name>/index.ts`.
 *
 * This file imports no adapter (only types): a bundle carries only what its own entry wires.
 */
import type { Deps } from '../use-cases/context';
import type { DeployedFunctionName } from '../functions/registry';

/**
 * - contentCheck: user text checked at submit (production: WeChat msgSecCheck v2 for a WeChat user's text and
 *   the street's word list for a partner's; locally: the word list).
 * - subscribe: WeChat subscribe messages sent (production: wx-server-sdk; locally: the 消息记录 log, which is
 *   also the only `sentLog`).
 * - audience: who an outbox record addressed to an audience reaches (the dispatcher's fan-out).
 * - subscribeTemplates: `config.messages` — the template ids, send rate and mini-program version.
 * - registerReader: the register spreadsheet reader (its libraries are installed for that function only).
 * - spreadsheets: the XLSX writer (exceljs) for exports and the register template.
 */
export type Capability = 'contentCheck' | 'subscribe' | 'audience' | 'subscribeTemplates' | 'registerReader' | 'spreadsheets';

export const CAPABILITIES = ['contentCheck', 'subscribe', 'audience', 'subscribeTemplates', 'registerReader', 'spreadsheets'] as const satisfies readonly Capability[];

export const COMPOSITIONS = {
  account: [],
  assessment: ['spreadsheets'],
  // 需要帮助 opens a request through the shared submit path, which checks the resident's note.
  checkin: ['contentCheck'],
  grid: [],
  housekeeping: [],
  message: ['subscribe', 'audience', 'subscribeTemplates'],
  notice: [],
  open311: ['contentCheck'],
  people: [],
  register: ['registerReader', 'spreadsheets'],
  request: ['contentCheck'],
  visit: [],
} as const satisfies Record<string, readonly Capability[]>;

export type ComposedFunctionName = keyof typeof COMPOSITIONS;

// Every deployed function has exactly one row here, and every row a function (a compile error otherwise).
const _everyFunctionComposed: Record<DeployedFunctionName, unknown> = {} as Record<ComposedFunctionName, unknown>;
const _everyCompositionDeployed: Record<ComposedFunctionName, unknown> = {} as Record<DeployedFunctionName, unknown>;
void _everyFunctionComposed;
void _everyCompositionDeployed;

/** What a function declares; a name the table does not know declares nothing. */
export function capabilitiesOf(name: string): readonly Capability[] {
  return Object.prototype.hasOwnProperty.call(COMPOSITIONS, name) ? COMPOSITIONS[name as ComposedFunctionName] : [];
}

export function needs(name: string, capability: Capability): boolean {
  return capabilitiesOf(name).includes(capability);
}

/** The error a capability the function does not declare throws when a use case reaches it. */
export function notWired(name: string, capability: Capability): Error {
  return new Error(`function ${name} is not wired with ${capability}: declare it in server/composition/compositions.ts`);
}

/** Everything the platform can provide; each capability is built only when the function declares it. */
export interface Providers {
  base: Pick<Deps, 'store' | 'files' | 'clock' | 'newId' | 'log'> & { config: Pick<Deps['config'], 'bindUrlBase'> };
  contentCheck(): Deps['contentCheck'];
  subscribe(): { sender: Deps['subscribe']; sentLog: Deps['sentLog'] };
  audience(): Deps['audience'];
  subscribeTemplates(): Deps['config']['messages'];
  registerReader(): Deps['registerReader'];
  spreadsheets(): Deps['spreadsheets'];
}

/**
 * The Deps of function `name`: the base adapters, the declared capabilities from `providers`, and a stub
 * that throws `notWired` for every other one. `config.bindUrlBase` is read through from the base (the local
 * runtime learns its port after building the deps).
 */
export function composeDeps(name: string, providers: Providers): Deps {
  const has = (c: Capability) => needs(name, c);
  const reject = (c: Capability) => () => Promise.reject(notWired(name, c));
  const { base } = providers;
  const sends = has('subscribe') ? providers.subscribe() : null;
  const messages = has('subscribeTemplates') ? providers.subscribeTemplates() : null;
  const config = {
    get bindUrlBase() {
      return base.config.bindUrlBase;
    },
    get messages(): Deps['config']['messages'] {
      if (!messages) throw notWired(name, 'subscribeTemplates');
      return messages;
    },
  };
  return {
    store: base.store,
    files: base.files,
    clock: base.clock,
    newId: base.newId,
    log: base.log,
    config,
    contentCheck: has('contentCheck') ? providers.contentCheck() : { check: reject('contentCheck') },
    subscribe: sends ? sends.sender : { send: reject('subscribe') },
    sentLog: sends ? sends.sentLog : null,
    audience: has('audience') ? providers.audience() : { page: reject('audience') },
    registerReader: has('registerReader') ? providers.registerReader() : { inspect: reject('registerReader'), read: reject('registerReader') },
    spreadsheets: has('spreadsheets') ? providers.spreadsheets() : { writeExport: reject('spreadsheets'), registerTemplate: reject('spreadsheets') },
  };
}
