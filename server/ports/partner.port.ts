/**
 * Partner systems (12345热线, 城市平台) and their Open311 api_keys. A key is shown once when it is created
 * and stored only as its SHA-256 (the document / row id, as invitations are): a request finds its key by
 * hashing what it was sent. Revoking is one single-document write; a revoked key stays (the access log and
 * the requests it posted name it). Every Open311 call made with a key is appended to its access log,
 * which is append-only (the embedded table refuses update and delete; CloudBase denies clients).
 * `server/adapters/partner-store.contract.ts` holds both adapters to this.
 */

/** hotline → requests recorded as source 'hotline' (12345热线); platform → 'platform' (城市平台). */
export const PARTNER_KINDS = ['hotline', 'platform'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface PartnerKey {
  /** The SHA-256 (hex) of the key: the key itself is never stored. */
  id: string;
  streetId: string;
  /** The partner system, as the street admin named it (12345热线（市级）). */
  name: string;
  kind: PartnerKind;
  /** The key's first characters, so an admin can tell keys apart (wgt_3fa9…); not enough to use it. */
  prefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface PartnerAccessEntry {
  id: string;
  keyId: string;
  streetId: string;
  at: string;
  method: string;
  /** The path without its query string (the api_key may travel in the query). */
  path: string;
  status: number;
}

export interface PartnerKeyRepository {
  /** Single-document write (usable inside `transact`, beside the audit entry); fails on a duplicate id. */
  create(key: PartnerKey): Promise<void>;
  /** By the key's hash (single-document read). */
  get(id: string): Promise<PartnerKey | null>;
  /** Single-document conditional write: sets revokedAt/By if the key is not revoked yet; false otherwise (or unknown). */
  revoke(id: string, at: string, by: string): Promise<boolean>;
  /** A street's keys, newest first (createdAt, then id, descending); query, not inside `transact`. */
  list(streetId: string): Promise<PartnerKey[]>;
  /** Appends one access log entry (never updated or deleted). */
  logAccess(entry: PartnerAccessEntry): Promise<void>;
  /** A key's access log, newest first (at, then id), at most `limit` (cut to 1..200); query. */
  accessLog(keyId: string, limit: number): Promise<PartnerAccessEntry[]>;
}
