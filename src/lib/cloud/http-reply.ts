import { TransportFailure } from './transport.port';

/**
 * Reads an HTTP answer: a JSON reply is returned whatever the status (the gateway sends `{ ok:false }`
 * with 4xx/5xx); a 502–504 without one means the gateway could not be reached (retryable).
 */
export function replyFromHttp(statusCode: number, body: unknown): unknown {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed === 'object' && parsed !== null && 'ok' in parsed) return parsed;
  if (statusCode === 401) return { ok: false, code: 'AUTH.SESSION_INVALID' };
  if (statusCode === 0 || statusCode === 502 || statusCode === 503 || statusCode === 504) {
    throw new TransportFailure('network', `HTTP ${statusCode}`);
  }
  throw new TransportFailure('server', `HTTP ${statusCode}`);
}
