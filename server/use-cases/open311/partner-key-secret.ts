/**
 * Open311 api_keys: `wgt_` and 32 random bytes (base64url, 43 characters). Only the SHA-256 (hex) of a key
 * is stored; it is the key's id, so a call finds its key by hashing what it sent.
 */
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'wgt_';

export function newApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What the admin sees of a key afterwards: enough to tell keys apart, far too little to use one. */
export function keyPrefix(key: string): string {
  return `${key.slice(0, KEY_PREFIX.length + 4)}…`;
}
