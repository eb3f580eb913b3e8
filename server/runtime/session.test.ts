import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearerToken, createSessionService, deriveKey, hmacBase64Url, loadOrCreateSecret, SESSION_SECRET_FILE, VERIFIED_SESSIONS_MAX } from './session';

const secret = Buffer.alloc(32, 7);
const clockAt = (iso: string) => {
  const state = { now: new Date(iso) };
  return { clock: { now: () => state.now }, state };
};
const user = { id: 'u1', openid: 'open-u1' };

describe('sessions', () => {
  it('verifies a token it issued and returns who it is for', () => {
    const { clock } = clockAt('2026-03-01T00:00:00Z');
    const s = createSessionService({ secret, mode: 'dev', clock });
    const { token, payload } = s.issue(user);
    expect(payload).toEqual({ sub: 'open-u1', uid: 'u1', iat: 1772323200, exp: 1772323200 + 7 * 24 * 3600, mode: 'demo' });
    expect(s.verify(token)).toEqual(payload);
  });

  it('rejects a token once it has expired', () => {
    const { clock, state } = clockAt('2026-03-01T00:00:00Z');
    const s = createSessionService({ secret, mode: 'dev', clock, ttlSeconds: 60 });
    const { token } = s.issue(user);
    state.now = new Date('2026-03-01T00:00:59Z');
    expect(s.verify(token)).not.toBeNull();
    state.now = new Date('2026-03-01T00:01:00Z');
    expect(s.verify(token)).toBeNull();
  });

  it('remembers verified tokens without changing any answer: expiry still counts, a forged token never passes, and past the limit it starts again', () => {
    const { clock, state } = clockAt('2026-03-01T00:00:00Z');
    const s = createSessionService({ secret, mode: 'dev', clock, ttlSeconds: 60 });
    const { token, payload } = s.issue(user);
    expect(s.verify(token)).toEqual(payload);
    expect(s.verify(token)).toEqual(payload);
    // A cached payload cannot be changed by whoever received it.
    expect(() => {
      (s.verify(token) as { sub: string }).sub = 'open-admin';
    }).toThrow(TypeError);
    const forged = `${token.slice(0, -2)}xx`;
    expect(s.verify(forged)).toBeNull();
    expect(s.verify(forged)).toBeNull();
    for (let i = 0; i <= VERIFIED_SESSIONS_MAX; i++) s.verify(s.issue({ id: `u${i}`, openid: `open-${i}` }).token);
    expect(s.verify(token)).toEqual(payload);
    state.now = new Date('2026-03-01T00:01:00Z');
    expect(s.verify(token)).toBeNull();
    expect(s.verify(token)).toBeNull();
  });

  it('rejects a payload changed to another openid, even with a re-encoded body', () => {
    const s = createSessionService({ secret, mode: 'dev' });
    const { token } = s.issue(user);
    const [body, sig] = token.split('.');
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString());
    forged.sub = 'open-admin';
    expect(s.verify(`${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`)).toBeNull();
  });

  it('rejects a changed signature, a token from another secret, and garbage', () => {
    const s = createSessionService({ secret, mode: 'dev' });
    const { token } = s.issue(user);
    const last = token.slice(-1) === 'A' ? 'B' : 'A';
    expect(s.verify(token.slice(0, -1) + last)).toBeNull();
    const other = createSessionService({ secret: Buffer.alloc(32, 8), mode: 'dev' });
    expect(other.verify(token)).toBeNull();
    for (const junk of ['', '.', 'abc', 'a.b.c', `${token}.x`, 'x'.repeat(5000)]) expect(s.verify(junk)).toBeNull();
  });

  it('rejects a well-signed token whose payload is not a session', () => {
    // Same key, a body that is JSON but not a session (no sub): must not pass on signature alone.
    const s = createSessionService({ secret, mode: 'dev' });
    const key = deriveKey(secret, 'session');
    const sign = (payload: object) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${hmacBase64Url(key, body)}`;
    };
    expect(s.verify(sign({ sub: 'open-u1', uid: 'u1', iat: 0, exp: 9999999999, mode: 'demo' }))).not.toBeNull();
    expect(s.verify(sign({ uid: 'u1', iat: 0, exp: 9999999999, mode: 'demo' }))).toBeNull();
    expect(s.verify(sign({ sub: 'open-u1', uid: 'u1', iat: 0, exp: 9999999999, mode: 'admin' }))).toBeNull();
    expect(s.verify(sign({ sub: 'open-u1', uid: 'u1', iat: 0, exp: '9999999999', mode: 'demo' }))).toBeNull();
  });

  it('production mode issues no demo sessions and refuses the ones dev mode signed', () => {
    const dev = createSessionService({ secret, mode: 'dev' });
    const prod = createSessionService({ secret, mode: 'production' });
    const { token } = dev.issue(user);
    expect(prod.verify(token)).toBeNull();
    expect(() => prod.issue(user)).toThrow(/production/);
  });

  it('reads the bearer token from the Authorization header only in the Bearer form', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc.def')).toBe('abc.def');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('loadOrCreateSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 32-byte secret readable only by the owner, and keeps it across starts', () => {
    const first = loadOrCreateSecret(dir);
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, SESSION_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(dir).equals(first)).toBe(true);
    const otherDir = mkdtempSync(join(tmpdir(), 'wgt-secret-'));
    try {
      expect(loadOrCreateSecret(otherDir).equals(first)).toBe(false);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    expect(readFileSync(join(dir, SESSION_SECRET_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a secret file that is too short instead of using it', () => {
    writeFileSync(join(dir, SESSION_SECRET_FILE), 'abcd\n');
    expect(() => loadOrCreateSecret(dir)).toThrow(/not a valid secret/);
  });
});
