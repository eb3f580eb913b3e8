/**
 * What a use case runs with: the adapters it may use (Deps), and who asks and when (UserContext / SystemContext).
 * Use cases own these types; the function layer builds them from its platform and hands them in.
 */
import type { RegisterReader } from '@core/registers/register-data';
import type { MessageTemplate } from '@core/messages/message';
import type { AudienceSource } from '../ports/audience.port';
import type { Clock } from '../ports/clock.port';
import type { ContentCheck } from '../ports/content-check.port';
import type { SpreadsheetWriter } from '../ports/spreadsheet-writer.port';
import type { FileStorage } from '../ports/file-storage.port';
import type { Store } from '../ports/store.port';
import type { MiniprogramState, SentMessageLog, SubscribeSender } from '../ports/subscribe-sender.port';
import { DomainError } from '@core/shared/errors';
import { can, type Permission } from '@core/people/permission';
import type { Actor } from '@core/people/role';
import type { User } from '@core/people/user';

export interface Logger {
  info(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** Subscribe messages, per environment (server/use-cases/messages/message-config.ts reads them from the environment). */
export interface MessageConfig {
  /** The WeChat template id of each template; a template without one is never sent (the in-app message stays). */
  templates: Partial<Record<MessageTemplate, string>>;
  /** At most this many sends per second across a dispatcher run; 0: no limit. */
  sendsPerSecond: number;
  /** Which version of the mini-program a message opens. */
  miniprogramState: MiniprogramState;
}

export interface FunctionConfig {
  /**
   * Base of the URL a grid's QR code encodes; the token is appended. Production: an https link
   * configured as 扫普通链接二维码打开小程序; locally: the gateway's H5 bind page.
   */
  bindUrlBase: string;
  messages: MessageConfig;
}

/** The adapters a function runs with: CloudBase ones in production, embedded ones locally. */
export interface Deps {
  store: Store;
  files: FileStorage;
  clock: Clock;
  newId(): string;
  contentCheck: ContentCheck;
  /** WeChat subscribe messages: wx-server-sdk in production, a log locally. */
  subscribe: SubscribeSender;
  /** What the local sender recorded (the 消息记录 page); null in production, where WeChat keeps the record. */
  sentLog: SentMessageLog | null;
  /** Who an outbox record addressed to an audience reaches (see server/ports/audience.port.ts). */
  audience: AudienceSource;
  log: Logger;
  config: FunctionConfig;
  /** Reads uploaded register spreadsheets (the import's only way into a file's rows). */
  registerReader: RegisterReader;
  /** Writes exports and the register template (exceljs / papaparse behind server/ports/spreadsheet-writer.port.ts). */
  spreadsheets: SpreadsheetWriter;
}

/** A call from a person: who they are to the street (read fresh on every call), the adapters, and the instant of the call. */
export interface UserContext {
  actor: Actor;
  user: User;
  deps: Deps;
  now: Date;
}

/** A call from the platform itself (timer triggers, housekeeping): no person. */
export interface SystemContext {
  deps: Deps;
  now: Date;
}

/** Throws `AUTH.FORBIDDEN` unless the actor may do this here. */
export function authorize(actor: Actor, permission: Permission, scope: Parameters<typeof can>[2]): void {
  if (!can(actor, permission, scope)) throw new DomainError('AUTH.FORBIDDEN');
}
