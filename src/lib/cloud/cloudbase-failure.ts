import { TransportFailure } from './transport.port';

/**
 * CloudBase reports failures as `errCode` + `errMsg`. A function that ran and threw (-504002) or timed out
 * on its side is a server failure; everything else (no connection, request timeout) is the network.
 */
export function failureOf(e: unknown): TransportFailure {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown };
  const detail = String(err.errMsg ?? err.message ?? e);
  const serverSide = err.errCode === -504002 || err.errCode === -504003 || /FUNCTIONS_EXECUTE_FAIL|FUNCTIONS_TIME_LIMIT/.test(detail);
  return new TransportFailure(serverSide ? 'server' : 'network', detail);
}
