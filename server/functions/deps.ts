import type { Clock } from '../ports/clock.port';
import type { ContentCheck } from '../ports/content-check.port';
import type { FileStorage } from '../ports/file-storage.port';
import type { Store } from '../ports/store.port';

export interface Logger {
  info(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export interface FunctionConfig {
  /**
   * Base of the URL a grid's QR code encodes; the token is appended. Production: an https link
   * configured as 扫普通链接二维码打开小程序; locally: the gateway's H5 bind page.
   */
  bindUrlBase: string;
}

/** The adapters a function runs with: CloudBase ones in production, embedded ones locally. */
export interface Deps {
  store: Store;
  files: FileStorage;
  clock: Clock;
  newId(): string;
  contentCheck: ContentCheck;
  log: Logger;
  config: FunctionConfig;
}
