/**
 * Signed sessions for the local runtime. On CloudBase the platform tells a function who is calling;
 * locally the gateway plays that part, and a session token is its only source of a caller's identity.
 *
 * Token: `<base64url(JSON payload)>.<base64url(HMAC-SHA256(sessionKey, first part))>`.
 * The session key is derived from the data folder's secret, so deleting the folder (a demo reset)
 * also invalidates every token handed out before.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../ports/clock.port';
import { systemClock } from '../adapters/system-clock';

export const RUNTIME_MODES = ['dev', 'production'] as const;
export type RuntimeMode = (typeof RUNTIME_MODES)[number];

/**
 * `demo` is the only kind this runtime can issue: a person picked from the seeded directory on the
 * dev sign-in page. A production deployment gets identities from WeChat, never from these tokens.
 */
export type SessionKind = 'demo';

export interface SessionPayload {
  /** The caller's openid: what a function receives as its identity. */
  sub: string;
  /** The user id it belonged to when issued (informational; functions resolve the user by openid). */
  uid: string;
  /** Issued at / expires at, in Unix seconds. */
  iat: number;
  exp: number;
  mode: SessionKind;
}

export const SESSION_SECRET_FILE = 'session-secret';
export const DEFAULT_SESSION_TTL_SECONDS = 7 * 24 * 3600;
/** Verified tokens kept per process (about 1 KB each); past this the memory of them starts again empty. */
export const VERIFIED_SESSIONS_MAX = 10_000;

/** Reads `<dataDir>/session-secret`, creating it (32 random bytes, mode 0600) on first start. */
export function loadOrCreateSecret(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SESSION_SECRET_FILE);
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (secret.length >= 32) return secret;
    throw new Error(`${file} is not a valid secret (expected at least 32 bytes as hex); delete it to create a new one`);
  }
  const secret = randomBytes(32);
  // `wx` fails if another process created the file in between: never overwrite a live secret.
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/** A key for one purpose, so a signature made for one use (a file URL) never passes as another (a session). */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`wanggetong:${purpose}`).digest();
}

export function hmacBase64Url(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

/** Constant-time comparison of two base64url signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionService {
  readonly mode: RuntimeMode;
  /** Issues a demo session. Refused in production mode, where the runtime has no way to sign anyone in. */
  issue(user: { id: string; openid: string }, ttlSeconds?: number): { token: string; payload: SessionPayload };
  /** The payload of a valid, unexpired token this runtime may accept, else null. */
  verify(token: string): SessionPayload | null;
}

function isPayload(v: unknown): v is SessionPayload {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.sub === 'string' &&
    p.sub.length > 0 &&
    typeof p.uid === 'string' &&
    typeof p.iat === 'number' &&
    typeof p.exp === 'number' &&
    Number.isFinite(p.exp) &&
    p.mode === 'demo'
  );
}

export function createSessionService(options: {
  secret: Buffer;
  mode: RuntimeMode;
  clock?: Clock;
  ttlSeconds?: number;
}): SessionService {
  const key = deriveKey(options.secret, 'session');
  const clock = options.clock ?? systemClock;
  const defaultTtl = options.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  /** Tokens that passed verify, with their payloads (only valid ones: a forged token is never kept). */
  const verified = new Map<string, SessionPayload>();

  return {
    mode: options.mode,
    issue(user, ttlSeconds = defaultTtl) {
      if (options.mode === 'production') throw new Error('demo sessions are not issued in production mode');
      const iat = nowSeconds();
      const payload: SessionPayload = { sub: user.openid, uid: user.id, iat, exp: iat + ttlSeconds, mode: 'demo' };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return { token: `${body}.${hmacBase64Url(key, body)}`, payload };
    },
    verify(token) {
      if (typeof token !== 'string' || token.length > 4096) return null;
      // A token verified before needs no second HMAC: the same bytes under the same key verify the same way, and
      // the one thing that changes with time, expiry, is checked on every use.
      const known = verified.get(token);
      if (known) {
        if (known.exp > nowSeconds()) return known;
        verified.delete(token);
        return null;
      }
      const dot = token.indexOf('.');
      if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
      const body = token.slice(0, dot);
      if (!signaturesEqual(token.slice(dot + 1), hmacBase64Url(key, body))) return null;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!isPayload(payload)) return null;
      if (payload.exp <= nowSeconds()) return null;
      // Production trusts only the identity provider in front of it; a demo token, even one signed
      // with this very secret, must not pass there.
      if (options.mode === 'production' && payload.mode === 'demo') return null;
      if (verified.size >= VERIFIED_SESSIONS_MAX) verified.clear();
      verified.set(token, Object.freeze(payload));
      return payload;
    },
  };
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : null;
}
