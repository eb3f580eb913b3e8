import { randomUUID } from 'node:crypto';
import type { Deps, Logger } from '../functions/deps';
import type { Clock } from '../ports/clock.port';
import { wordListContentCheck, type ContentCheck } from '../ports/content-check.port';
import { systemClock } from '../ports/clock.port';
import type { FileStorage } from '../ports/file-storage.port';
import type { Store } from '../ports/store.port';

export const consoleLogger: Logger = {
  info: (message, ...rest) => console.log(message, ...rest),
  error: (message, ...rest) => console.error(message, ...rest),
};

/** The H5 page a grid's QR code opens locally; the grid's token is appended. */
export function localBindUrlBase(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/#/features/household/pages/scan/index?t=`;
}

/** The adapters the functions run with locally: the embedded store, files on disk, the system clock. */
export function localDeps(options: {
  store: Store;
  files: FileStorage;
  bindUrlBase: string;
  clock?: Clock;
  log?: Logger;
  contentCheck?: ContentCheck;
}): Deps {
  return {
    store: options.store,
    files: options.files,
    clock: options.clock ?? systemClock,
    newId: () => randomUUID().replace(/-/g, ''),
    // Locally, the street's own word list decides what is held for review.
    contentCheck: options.contentCheck ?? wordListContentCheck,
    log: options.log ?? consoleLogger,
    config: { bindUrlBase: options.bindUrlBase },
  };
}
