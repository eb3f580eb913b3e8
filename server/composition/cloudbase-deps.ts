/**
 * The adapters a cloud function runs with in production, built from the node-sdk app its entry created.
 * Only the SDK's types are imported: the SDK itself is loaded by the entry (`cloudfunctions/<fn>/index.ts`).
 */
import type { RegisterReader } from '@core/registers/register-data';
import { randomUUID } from 'node:crypto';
import type { CloudBase } from '@cloudbase/node-sdk';
import type { Deps, FunctionConfig, Logger } from '../use-cases/context';
import type { AudienceSource } from '../ports/audience.port';
import { noAudience } from '../adapters/audience/audience-by-kind';
import { systemClock } from '../adapters/system-clock';
import type { ContentCheck } from '../ports/content-check.port';
import type { SubscribeSender } from '../ports/subscribe-sender.port';
import type { SpreadsheetWriter } from '../ports/spreadsheet-writer.port';
import { NO_SUBSCRIBE_MESSAGES } from '../use-cases/messages/message-config';
import { CloudbaseFileStorage, type CloudbaseFilesApp } from '../adapters/cloudbase/cloudbase-files';
import type { CloudbaseDb } from '../adapters/cloudbase/cloudbase-db';
import { createCloudbaseStore } from '../adapters/cloudbase/cloudbase-store';

/** Function logs go to the platform's log (console in SCF). */
export const consoleLogger: Logger = {
  info: (message, ...rest) => console.log(message, ...rest),
  error: (message, ...rest) => console.error(message, ...rest),
};

/** What cloudbaseDeps reads from the app: its database and its storage calls. */
export type CloudbaseApp = CloudbaseFilesApp & { database(): CloudbaseDb };

/** Functions that take no user text have no content check; calling one there is a wiring mistake. */
const noContentCheck: ContentCheck = {
  check: () => Promise.reject(new Error('this function was deployed without a content check')),
};

/**
 * Only the register function reads spreadsheets (its entry passes spreadsheetRegisterReader): the reader
 * and its spreadsheet library stay out of every other function's bundle.
 */
const noRegisterReader: RegisterReader = {
  inspect: () => Promise.reject(new Error('this function was deployed without the register reader')),
  read: () => Promise.reject(new Error('this function was deployed without the register reader')),
};

/** Only the assessment (exports) and register (template) functions write spreadsheets; exceljs stays out of the others. */
const noSpreadsheets: SpreadsheetWriter = {
  writeExport: () => Promise.reject(new Error('this function was deployed without the spreadsheet writer')),
  registerTemplate: () => Promise.reject(new Error('this function was deployed without the spreadsheet writer')),
};

/** Only the message function sends subscribe messages; a send anywhere else is a wiring mistake. */
const noSubscribe: SubscribeSender = {
  send: () => Promise.reject(new Error('this function was deployed without the subscribe-message sender')),
};

/**
 * `config.messages` defaults to no subscribe messages: only the message function (which dispatches them
 * and tells the app the template ids) reads WGT_SUBSCRIBE_TEMPLATES.
 */
export function cloudbaseDeps(
  app: CloudBase | CloudbaseApp,
  config: Omit<FunctionConfig, 'messages'> & Partial<Pick<FunctionConfig, 'messages'>>,
  extras: { contentCheck?: ContentCheck; subscribe?: SubscribeSender; audience?: AudienceSource; registerReader?: RegisterReader; spreadsheets?: SpreadsheetWriter } = {},
): Deps {
  // The SDK's own types are checked against the narrow surface the adapters use here, once.
  const surface: CloudbaseApp = app;
  return {
    store: createCloudbaseStore(surface.database()),
    files: new CloudbaseFileStorage(surface),
    clock: systemClock,
    newId: () => randomUUID().replace(/-/g, ''),
    contentCheck: extras.contentCheck ?? noContentCheck,
    subscribe: extras.subscribe ?? noSubscribe,
    // WeChat's 服务通知 is the record of what was sent; there is no local log to show.
    sentLog: null,
    audience: extras.audience ?? noAudience,
    log: consoleLogger,
    config: { ...config, messages: config.messages ?? NO_SUBSCRIBE_MESSAGES },
    registerReader: extras.registerReader ?? noRegisterReader,
    spreadsheets: extras.spreadsheets ?? noSpreadsheets,
  };
}
