/**
 * FileStorage over CloudBase cloud storage (@cloudbase/node-sdk app: getTempFileURL, deleteFile).
 *
 * Ownership rule: the mini-program uploads a photo straight to cloud storage at
 * `uploads/<userId>/<random>.<jpg|png>` (src/lib/cloud: uploadCloudPath), where userId is the uploader's
 * user id in this app. A file id is `cloud://<env>.<bucket>/<cloud path>`, so the owner is the path
 * segment after `uploads/`. A file anywhere else is not an upload this app accepts: `info` says null.
 * The storage security rule must let a user write only under their own folder for this to hold.
 *
 * `info` reads the first bytes through a short-lived URL: the type comes from the content (JPEG/PNG
 * signature), not the name, and size and date from the response headers. A file whose bytes are not
 * an image counts as missing.
 *
 * The node SDK cannot list cloud storage, so nothing here lists: the housekeeping purge finds unused
 * uploads by their upload records (server/ports/upload.port.ts), which `account.claimUpload` writes.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp, type ReadStream } from 'node:fs';
import { sniffFile, type ExportFileInput, type FileStorage, type StoredFileInfo } from '../../ports/file-storage.port';

/** The part of the node-sdk app this adapter uses. */
export interface CloudbaseFilesApp {
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    fileList: { code: string; fileID: string; tempFileURL: string }[];
    code?: string;
    message?: string;
  }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { code: string; fileID: string }[]; code?: string; message?: string }>;
  /** Writes a file at `cloudPath` (the node SDK's uploadFile; it takes a read stream, so the file is never in memory). */
  uploadFile?(options: { cloudPath: string; fileContent: ReadStream | Buffer }): Promise<{ fileID?: string; code?: string; message?: string }>;
  /** The whole file (the node SDK's downloadFile); absent in a double that only serves URLs. */
  downloadFile?(options: { fileID: string }): Promise<{ fileContent?: Buffer | string; code?: string; message?: string }>;
}

/** The part of `fetch` this adapter uses (Node 18+ has it globally). */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string> },
) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; arrayBuffer(): Promise<ArrayBuffer> }>;

const DEFAULT_TTL_SECONDS = 600;
/** getTempFileURL and deleteFile take at most 50 files per call. */
const FILES_PER_CALL = 50;
/** An export this app wrote (see saveExport). */
const EXPORT_PATH = /^cloud:\/\/[^/]+\/exports\/[^/]+\/[0-9a-f]{32}\/[^/]+\.(xlsx|csv)$/;
const UPLOAD_PATH = /^cloud:\/\/[^/]+\/uploads\/([^/]+)\/[^/]+\.(jpg|jpeg|png|pdf|xlsx)$/i;

/** The uploader's user id for a file id in `uploads/<userId>/…`, or null for any other path. */
export function uploadOwner(fileId: string): string | null {
  const m = UPLOAD_PATH.exec(fileId);
  return m ? decodeURIComponent(m[1]) : null;
}

function failed(result: { code?: string; message?: string }, what: string): void {
  if (result.code) throw new Error(`${what} failed: ${result.code} ${result.message ?? ''}`.trim());
}

export class CloudbaseFileStorage implements FileStorage {
  private readonly fetch: FetchLike;

  constructor(
    private readonly app: CloudbaseFilesApp,
    options: { fetch?: FetchLike } = {},
  ) {
    const f = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
    if (!f) throw new Error('CloudbaseFileStorage needs fetch (Node 18 or later)');
    this.fetch = f;
  }

  private async urls(fileIds: string[], ttlSeconds: number): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(fileIds)];
    for (let i = 0; i < unique.length; i += FILES_PER_CALL) {
      const part = unique.slice(i, i + FILES_PER_CALL);
      const res = await this.app.getTempFileURL({ fileList: part.map((fileID) => ({ fileID, maxAge: ttlSeconds })) });
      failed(res, 'getTempFileURL');
      for (const f of res.fileList ?? []) if (f.code === 'SUCCESS' && f.tempFileURL) out.set(f.fileID, f.tempFileURL);
    }
    return out;
  }

  async info(fileId: string): Promise<StoredFileInfo | null> {
    const ownerId = uploadOwner(fileId);
    if (!ownerId) return null;
    const url = (await this.urls([fileId], 60)).get(fileId);
    if (!url) return null;
    const res = await this.fetch(url, { method: 'GET', headers: { Range: 'bytes=0-15' } });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`reading ${fileId} failed: HTTP ${res.status}`);
    const contentType = sniffFile(new Uint8Array(await res.arrayBuffer()));
    if (!contentType) return null;
    // 206 answers "bytes 0-15/<total>"; a server that ignores Range answers 200 with the whole length.
    const range = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
    const size = Number(range ? range[1] : res.headers.get('content-length'));
    if (!Number.isFinite(size)) throw new Error(`reading ${fileId}: no size in the response`);
    const modified = Date.parse(res.headers.get('last-modified') ?? '');
    return {
      fileId,
      ownerId,
      contentType,
      size,
      createdAt: Number.isNaN(modified) ? new Date(0).toISOString() : new Date(modified).toISOString(),
    };
  }

  async tempUrls(fileIds: string[], ttlSeconds = DEFAULT_TTL_SECONDS): Promise<(string | null)[]> {
    if (fileIds.length === 0) return [];
    const urls = await this.urls(fileIds, ttlSeconds);
    return fileIds.map((id) => urls.get(id) ?? null);
  }

  async read(fileId: string): Promise<Uint8Array | null> {
    if (!uploadOwner(fileId)) return null;
    if (this.app.downloadFile) {
      const res = await this.app.downloadFile({ fileID: fileId });
      if (res.code === 'STORAGE_FILE_NONEXIST') return null;
      failed(res, 'downloadFile');
      if (res.fileContent === undefined) return null;
      return typeof res.fileContent === 'string' ? new Uint8Array(Buffer.from(res.fileContent)) : new Uint8Array(res.fileContent);
    }
    const url = (await this.urls([fileId], 60)).get(fileId);
    if (!url) return null;
    const res = await this.fetch(url, { method: 'GET' });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`reading ${fileId} failed: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /**
   * Exports live at `exports/<streetId>/<random>/<file name>`: the random folder keeps the URL unguessable
   * and the last segment gives the downloaded file its Chinese name (the temp URL's path ends in it).
   * The storage rule denies clients (`read: false`), so only a temp URL from a function reaches one.
   */
  async saveExport(file: ExportFileInput): Promise<{ fileId: string; size: number }> {
    if (!this.app.uploadFile) throw new Error('CloudbaseFileStorage: the app has no uploadFile');
    const { size } = await fsp.stat(file.localPath);
    const cloudPath = `exports/${file.streetId}/${randomBytes(16).toString('hex')}/${file.fileName}`;
    const res = await this.app.uploadFile({ cloudPath, fileContent: createReadStream(file.localPath) });
    failed(res, 'uploadFile');
    if (!res.fileID) throw new Error('uploadFile returned no fileID');
    return { fileId: res.fileID, size };
  }

  async exportUrl(fileId: string, ttlSeconds: number): Promise<string | null> {
    if (!EXPORT_PATH.test(fileId)) return null;
    return (await this.urls([fileId], Math.max(1, Math.floor(ttlSeconds)))).get(fileId) ?? null;
  }

  async remove(fileIds: string[]): Promise<void> {
    const unique = [...new Set(fileIds)];
    for (let i = 0; i < unique.length; i += FILES_PER_CALL) {
      const res = await this.app.deleteFile({ fileList: unique.slice(i, i + FILES_PER_CALL) });
      failed(res, 'deleteFile');
    }
  }
}
