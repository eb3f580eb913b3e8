/**
 * The adapters a cloud function runs with in production, built from the node-sdk app its entry created.
 * Only the SDK's types are imported: the SDK itself is loaded by the entry (`cloudfunctions/<fn>/index.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { CloudBase } from '@cloudbase/node-sdk';
import type { Deps, FunctionConfig, Logger } from '../../functions/deps';
import { systemClock } from '../../ports/clock.port';
import type { ContentCheck } from '../../ports/content-check.port';
import { CloudbaseFileStorage, type CloudbaseFilesApp } from './cloudbase-files';
import type { CloudbaseDb } from './cloudbase-db';
import { createCloudbaseStore } from './cloudbase-store';

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

export function cloudbaseDeps(app: CloudBase | CloudbaseApp, config: FunctionConfig, extras: { contentCheck?: ContentCheck } = {}): Deps {
  // The SDK's own types are checked against the narrow surface the adapters use here, once.
  const surface: CloudbaseApp = app;
  return {
    store: createCloudbaseStore(surface.database()),
    files: new CloudbaseFileStorage(surface),
    clock: systemClock,
    newId: () => randomUUID().replace(/-/g, ''),
    contentCheck: extras.contentCheck ?? noContentCheck,
    log: consoleLogger,
    config,
  };
}
