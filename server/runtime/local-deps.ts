import type { RegisterReader } from '@core/registers/register-data';
import { spreadsheetRegisterReader } from '../adapters/spreadsheet/register-reader';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { EmbeddedStore } from '../adapters/embedded/embedded-store';
import { composeDeps } from '../composition/compositions';
import type { Deps, Logger, MessageConfig } from '../use-cases/context';
import { audienceByKind, type AudienceSource } from '../ports/audience.port';
import { noticeAudience } from '../use-cases/notices/notice-audience';
import type { Clock } from '../ports/clock.port';
import { wordListContentCheck, type ContentCheck } from '../ports/content-check.port';
import { systemClock } from '../ports/clock.port';
import type { FileStorage } from '../ports/file-storage.port';
import type { SubscribeSender } from '../ports/subscribe-sender.port';
import { messageConfigFromEnv } from '../use-cases/messages/message-config';
import { LOCAL_TEMPLATE_IDS, localSubscribeSender } from './local-subscribe-sender';

export const consoleLogger: Logger = {
  info: (message, ...rest) => console.log(message, ...rest),
  error: (message, ...rest) => console.error(message, ...rest),
};

/**
 * A console logger whose info lines (one per request from the gateway) are gathered and written together —
 * every 50 ms or 200 lines — instead of one write per request, which cost the gateway a sixth of its time
 * under load. Errors are written at once, after whatever info is waiting, so the order stays true.
 */
export function bufferedConsoleLogger(prefix = ''): Logger & { flush(): void } {
  let lines: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    process.stdout.write(text);
  };
  process.once('exit', flush);
  const fmt = (message: string, rest: unknown[]) => `${prefix}${[message, ...rest.map((r) => (typeof r === 'string' ? r : inspect(r)))].join(' ')}\n`;
  return {
    info(message, ...rest) {
      lines.push(fmt(message, rest));
      if (lines.length >= 200) flush();
      else if (!timer) timer = setTimeout(flush, 50).unref();
    },
    error(message, ...rest) {
      flush();
      console.error(`${prefix}${message}`, ...rest);
    },
    flush,
  };
}

/** The H5 page a grid's QR code opens locally; the grid's token is appended. */
export function localBindUrlBase(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/#/features/household/pages/scan/index?t=`;
}

/**
 * Locally every template has an id (so every subscribe message lands on the 消息记录 page) and the send
 * rate is WGT_SEND_RATE as in production (default 20 per second).
 */
export function localMessageConfig(env: Record<string, string | undefined> = process.env): MessageConfig {
  return { ...messageConfigFromEnv({ ...env, WGT_SUBSCRIBE_TEMPLATES: '' }), templates: { ...LOCAL_TEMPLATE_IDS }, miniprogramState: 'developer' };
}

/**
 * Every adapter the local platform has: the embedded store, files on disk, the system clock, the local sender.
 * Scripts and use-case tests use it whole; a function gets only its composition of it (`localFunctionDeps`).
 */
export function localDeps(options: {
  store: EmbeddedStore;
  files: FileStorage;
  bindUrlBase: string;
  clock?: Clock;
  log?: Logger;
  contentCheck?: ContentCheck;
  subscribe?: SubscribeSender;
  audience?: AudienceSource;
  messages?: MessageConfig;
  registerReader?: RegisterReader;
}): Deps {
  const clock = options.clock ?? systemClock;
  return {
    store: options.store,
    files: options.files,
    clock,
    newId: () => randomUUID().replace(/-/g, ''),
    // Locally, the street's own word list decides what is held for review.
    contentCheck: options.contentCheck ?? wordListContentCheck,
    subscribe: options.subscribe ?? localSubscribeSender(options.store.localSends, clock),
    sentLog: options.store.localSends,
    audience: options.audience ?? audienceByKind({ notice: noticeAudience(options.store, clock) }),
    log: options.log ?? consoleLogger,
    config: { bindUrlBase: options.bindUrlBase, messages: options.messages ?? localMessageConfig() },
    registerReader: options.registerReader ?? spreadsheetRegisterReader,
  };
}

/**
 * What the function `name` runs with locally: the base adapters of `deps` and only the capabilities its row in
 * server/composition/compositions.ts declares, as in production; any other one throws «not wired». Read from
 * `deps` when called, so build it per call where `deps` may still change (tests replace adapters).
 */
export function localFunctionDeps(deps: Deps, name: string): Deps {
  return composeDeps(name, {
    base: deps,
    contentCheck: () => deps.contentCheck,
    subscribe: () => ({ sender: deps.subscribe, sentLog: deps.sentLog }),
    audience: () => deps.audience,
    subscribeTemplates: () => deps.config.messages,
    registerReader: () => deps.registerReader,
  });
}
