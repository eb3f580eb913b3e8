import type { CallEnvelope, FunctionName } from '@core/api/contract';

/**
 * How a call leaves the app. One implementation per platform (`transport.weapp.ts`, `transport.h5.ts`);
 * Taro's resolver picks the file for the platform being built, so the other one is never bundled.
 * A transport hands back the function's reply as it arrived (`unknown`): the client checks its shape.
 */
export interface Transport {
  /** Resolves with the reply body; rejects with `TransportFailure` when the call did not get a reply. */
  send(fn: FunctionName, envelope: CallEnvelope): Promise<unknown>;
  /** Stores one local image; resolves with a reply `{ ok, data: { fileId } }` or rejects with `TransportFailure`. */
  upload(localPath: string, owner: UploadOwner): Promise<unknown>;
}

/** Who is uploading; asked lazily because only the weapp transport names the folder after the user. */
export interface UploadOwner {
  userId(): Promise<string>;
}

/**
 * The call did not reach the function or no reply came back. `network` is worth retrying for reads
 * (a flaky connection); `server` is not (the platform answered, but with no usable reply).
 */
export class TransportFailure extends Error {
  readonly kind: 'network' | 'server';

  constructor(kind: 'network' | 'server', detail: string) {
    super(detail);
    this.name = 'TransportFailure';
    this.kind = kind;
  }
}
