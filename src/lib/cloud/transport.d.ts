// Declares the platform transports for the type checker: webpack resolves `./transport` to
// `transport.weapp.ts` or `transport.h5.ts` (Taro's multi-platform resolution), each exporting this.
import type { Transport } from './transport.port';

export declare const transport: Transport;
