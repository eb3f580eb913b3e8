/**
 * FileStorage on the local disk: `<dataDir>/files/<id>` holds the bytes and `<id>.json` what the port
 * reports about them. A file id is an opaque random string, never a path: every id is checked
 * against its exact shape before it comes near the file system.
 *
 * Files are shown through short-lived signed URLs (`/files/<id>?exp=&sig=`), the local counterpart of
 * CloudBase's getTempFileURL; a URL stops working when it expires or when any part of it is changed.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, mkdirSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@core/shared/errors';
import type { Clock } from '../ports/clock.port';
import { systemClock } from '../adapters/system-clock';
import {
  CSV_TYPE,
  maxBytesFor,
  PDF_MAX_BYTES,
  sniffFile,
  XLSX_TYPE,
  type ExportContentType,
  type ExportFileInput,
  type FileStorage,
  type StoredFileInfo,
} from '../ports/file-storage.port';
import { deriveKey, hmacBase64Url, signaturesEqual } from './session';

export const DEFAULT_URL_TTL_SECONDS = 600;
/** 32 lowercase hex characters, nothing else: no dots, no slashes. */
const FILE_ID = /^[0-9a-f]{32}$/;

export function isFileId(value: unknown): value is string {
  return typeof value === 'string' && FILE_ID.test(value);
}

/** A fresh upload id (the upload is recorded under it before its bytes are written). */
export function newLocalFileId(): string {
  return randomBytes(16).toString('hex');
}

/** An export's id: `exports/` and 32 lowercase hex characters (a folder of its own, so uploads' listing never meets it). */
const EXPORT_ID = /^exports\/([0-9a-f]{32})$/;

export function isExportFileId(value: unknown): value is string {
  return typeof value === 'string' && EXPORT_ID.test(value);
}

/** What the sidecar of an export says: the name it downloads under and its type. */
export interface StoredExportInfo {
  fileId: string;
  fileName: string;
  contentType: ExportContentType;
  size: number;
  createdAt: string;
}

function isExportInfo(v: unknown): v is StoredExportInfo {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.fileId === 'string' &&
    typeof o.fileName === 'string' &&
    (o.contentType === XLSX_TYPE || o.contentType === CSV_TYPE) &&
    typeof o.size === 'number' &&
    typeof o.createdAt === 'string'
  );
}

function isStoredInfo(v: unknown): v is StoredFileInfo {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.fileId === 'string' &&
    typeof o.ownerId === 'string' &&
    (o.contentType === 'image/jpeg' || o.contentType === 'image/png' || o.contentType === 'application/pdf' || o.contentType === XLSX_TYPE) &&
    typeof o.size === 'number' &&
    typeof o.createdAt === 'string'
  );
}

export class LocalFileStorage implements FileStorage {
  readonly dir: string;
  private readonly urlKey: Buffer;
  private readonly clock: Clock;

  constructor(options: { dir: string; secret: Buffer; clock?: Clock }) {
    this.dir = options.dir;
    this.urlKey = deriveKey(options.secret, 'file-url');
    this.clock = options.clock ?? systemClock;
    mkdirSync(this.dir, { recursive: true });
  }

  /**
   * Stores a file uploaded by `ownerId` (under `fileId` when the caller chose it). The content decides the type (JPEG, PNG or PDF by magic bytes);
   * anything else, or anything over its type's limit (maxBytesFor), is refused before a byte is written.
   */
  async put(ownerId: string, bytes: Uint8Array, fileId: string = newLocalFileId()): Promise<StoredFileInfo> {
    if (!isFileId(fileId)) throw new Error(`not a file id: ${fileId}`);
    if (bytes.length > PDF_MAX_BYTES) throw new DomainError('FILE.TOO_LARGE');
    const contentType = sniffFile(bytes);
    if (!contentType) throw new DomainError('FILE.TYPE');
    if (bytes.length > maxBytesFor(contentType)) throw new DomainError('FILE.TOO_LARGE');
    const info: StoredFileInfo = { fileId, ownerId, contentType, size: bytes.length, createdAt: this.clock.now().toISOString() };
    // Bytes first, then the sidecar, each through a rename: a file without a sidecar is invisible,
    // so a crash mid-write never leaves a half file that reads as stored.
    await this.writeAtomic(this.bytesPath(fileId), bytes);
    await this.writeAtomic(this.metaPath(fileId), Buffer.from(JSON.stringify(info)));
    return info;
  }

  async info(fileId: string): Promise<StoredFileInfo | null> {
    if (!isFileId(fileId)) return null;
    try {
      const parsed: unknown = JSON.parse(await fsp.readFile(this.metaPath(fileId), 'utf8'));
      return isStoredInfo(parsed) && parsed.fileId === fileId ? parsed : null;
    } catch {
      return null;
    }
  }

  /** The bytes of a stored file, or null. */
  async read(fileId: string): Promise<Uint8Array | null> {
    return (await this.readWithInfo(fileId))?.bytes ?? null;
  }

  /** The bytes and type of a stored file, or null. */
  async readWithInfo(fileId: string): Promise<{ info: StoredFileInfo; bytes: Buffer } | null> {
    const info = await this.info(fileId);
    if (!info) return null;
    try {
      return { info, bytes: await fsp.readFile(this.bytesPath(fileId)) };
    } catch {
      return null;
    }
  }

  async tempUrls(fileIds: string[], ttlSeconds = DEFAULT_URL_TTL_SECONDS): Promise<(string | null)[]> {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    return Promise.all(
      fileIds.map(async (id) => ((await this.info(id)) ? `/files/${id}?exp=${exp}&sig=${this.sign(id, exp)}` : null)),
    );
  }

  /** True when `sig` is this runtime's signature for (fileId, exp) and exp has not passed. */
  verifyUrl(fileId: string, exp: string | null, sig: string | null): boolean {
    if (!isFileId(fileId) || !exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
    const expSeconds = Number(exp);
    if (expSeconds <= Math.floor(this.clock.now().getTime() / 1000)) return false;
    return signaturesEqual(sig, this.sign(fileId, expSeconds));
  }

  async listCreatedBefore(before: string, limit: number): Promise<StoredFileInfo[]> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    const found: StoredFileInfo[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const info = await this.info(name.slice(0, -'.json'.length));
      if (info && info.createdAt < before) found.push(info);
    }
    found.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.fileId < b.fileId ? -1 : 1));
    return found.slice(0, Math.max(0, limit));
  }

  async remove(fileIds: string[]): Promise<void> {
    for (const id of fileIds) {
      if (isExportFileId(id)) {
        await fsp.rm(this.exportMetaPath(id), { force: true });
        await fsp.rm(this.exportBytesPath(id), { force: true });
        continue;
      }
      if (!isFileId(id)) continue;
      // The sidecar goes first: once it is gone the file no longer exists for anyone.
      await fsp.rm(this.metaPath(id), { force: true });
      await fsp.rm(this.bytesPath(id), { force: true });
    }
  }

  /**
   * Copies the finished file in (a stream copy: never in memory), bytes first and the sidecar last, each
   * through a rename, so a half-copied export is never served.
   */
  async saveExport(file: ExportFileInput): Promise<{ fileId: string; size: number }> {
    const fileId = `exports/${randomBytes(16).toString('hex')}`;
    await fsp.mkdir(join(this.dir, 'exports'), { recursive: true });
    const bytesPath = this.exportBytesPath(fileId);
    const tmp = `${bytesPath}.${randomBytes(4).toString('hex')}.tmp`;
    await fsp.copyFile(file.localPath, tmp);
    await fsp.chmod(tmp, 0o600);
    await fsp.rename(tmp, bytesPath);
    const { size } = await fsp.stat(bytesPath);
    const info: StoredExportInfo = { fileId, fileName: file.fileName, contentType: file.contentType, size, createdAt: this.clock.now().toISOString() };
    await this.writeAtomic(this.exportMetaPath(fileId), Buffer.from(JSON.stringify(info)));
    return { fileId, size };
  }

  async exportUrl(fileId: string, ttlSeconds: number): Promise<string | null> {
    if (!(await this.exportInfo(fileId))) return null;
    const exp = Math.floor(this.clock.now().getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
    return `/files/${fileId}?exp=${exp}&sig=${this.sign(fileId, exp)}`;
  }

  async exportInfo(fileId: string): Promise<StoredExportInfo | null> {
    if (!isExportFileId(fileId)) return null;
    try {
      const parsed: unknown = JSON.parse(await fsp.readFile(this.exportMetaPath(fileId), 'utf8'));
      return isExportInfo(parsed) && parsed.fileId === fileId ? parsed : null;
    } catch {
      return null;
    }
  }

  /** The export and a stream of its bytes (the gateway pipes it out), or null when it is gone. */
  async openExport(fileId: string): Promise<{ info: StoredExportInfo; stream: ReadStream } | null> {
    const info = await this.exportInfo(fileId);
    if (!info) return null;
    try {
      const handle = await fsp.open(this.exportBytesPath(fileId), 'r');
      return { info, stream: handle.createReadStream({ autoClose: true }) };
    } catch {
      return null;
    }
  }

  /** True when `sig` is this runtime's signature for an export's (fileId, exp) and exp has not passed. */
  verifyExportUrl(fileId: string, exp: string | null, sig: string | null): boolean {
    if (!isExportFileId(fileId) || !exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
    const expSeconds = Number(exp);
    if (expSeconds <= Math.floor(this.clock.now().getTime() / 1000)) return false;
    return signaturesEqual(sig, this.sign(fileId, expSeconds));
  }

  private exportBytesPath(fileId: string): string {
    return join(this.dir, 'exports', fileId.slice('exports/'.length));
  }

  private exportMetaPath(fileId: string): string {
    return `${this.exportBytesPath(fileId)}.json`;
  }

  private sign(fileId: string, exp: number): string {
    return hmacBase64Url(this.urlKey, `${fileId}:${exp}`);
  }

  private bytesPath(fileId: string): string {
    return join(this.dir, fileId);
  }

  private metaPath(fileId: string): string {
    return join(this.dir, `${fileId}.json`);
  }

  private async writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await fsp.writeFile(tmp, bytes, { mode: 0o600 });
    await fsp.rename(tmp, path);
  }
}
