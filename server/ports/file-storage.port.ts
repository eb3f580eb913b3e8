/**
 * Where photos live. The app uploads first (production: CloudBase storage under the caller's own folder;
 * locally: the gateway's upload route), then passes the file id to a function, which checks the file
 * belongs to the caller before attaching it. Files are shown through short-lived URLs; no URL is stored.
 */
import { IMAGE_MAX_BYTES, PDF_MAX_BYTES } from '@core/shared/file-limits';

/** Photos are JPEG or PNG; notice attachments are PDF; registers are XLSX. Decided by content, never by the name. */
export type StoredContentType = 'image/jpeg' | 'image/png' | 'application/pdf' | typeof XLSX_TYPE;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface StoredFileInfo {
  fileId: string;
  ownerId: string;
  contentType: StoredContentType;
  size: number;
  createdAt: string;
}

export interface FileStorage {
  /** Info about a stored file, or null if there is none with this id. */
  info(fileId: string): Promise<StoredFileInfo | null>;
  /** Short-lived URLs (default 10 minutes), in the order asked; a missing file gives null. */
  tempUrls(fileIds: string[], ttlSeconds?: number): Promise<(string | null)[]>;
  /** The whole file's bytes, or null if there is none with this id (a register import reads the uploaded sheet). */
  read(fileId: string): Promise<Uint8Array | null>;
  /** Removes uploads and exports alike; ids already gone are ignored (safe to run twice). */
  remove(fileIds: string[]): Promise<void>;
  /**
   * Stores a file the server wrote (an export) under `exports/`, streamed from a file on local disk, so a
   * 100,000-row sheet is never held in memory. Exports are not uploads: `info`, `read` and the orphan
   * purge never see them; the export records (ExportRepository) say when each one expires.
   */
  saveExport(file: ExportFileInput): Promise<{ fileId: string; size: number }>;
  /**
   * A URL that downloads an export under its own (Chinese) file name for `ttlSeconds`, or null when the
   * file is gone. Locally a signed gateway link answering with Content-Disposition; on CloudBase a
   * temporary URL of the cloud file, whose path ends in the file name.
   */
  exportUrl(fileId: string, ttlSeconds: number): Promise<string | null>;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export type ExportContentType = typeof XLSX_TYPE | typeof CSV_TYPE;

export interface ExportFileInput {
  /** The finished file on local disk (the function's temp folder); the caller deletes it afterwards. */
  localPath: string;
  fileName: string;
  contentType: ExportContentType;
  /** Exports are kept per street (exports/<streetId>/… in cloud storage). */
  streetId: string;
}

/** The limits the app checks too, defined once in the core. */
export { IMAGE_MAX_BYTES, PDF_MAX_BYTES };

export function isImageType(t: StoredContentType): t is 'image/jpeg' | 'image/png' {
  return t === 'image/jpeg' || t === 'image/png';
}

/**
 * An image (see sniffImage), a PDF ("%PDF-" at the start) or an XLSX (a zip: "PK\x03\x04"; whether the
 * zip really is a workbook, and not a bomb, is the register reader's check before it reads a row).
 */
export function sniffFile(bytes: Uint8Array): StoredContentType | null {
  const image = sniffImage(bytes);
  if (image) return image;
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (bytes.length >= 5 && pdf.every((b, i) => bytes[i] === b)) return 'application/pdf';
  const zip = [0x50, 0x4b, 0x03, 0x04];
  if (bytes.length >= 4 && zip.every((b, i) => bytes[i] === b)) return XLSX_TYPE;
  return null;
}

/** The size limit for a type: 5 MB for images, 10 MB for PDFs and registers. */
export function maxBytesFor(t: StoredContentType): number {
  return isImageType(t) ? IMAGE_MAX_BYTES : PDF_MAX_BYTES;
}

/** Checks content, not the name: JPEG starts FF D8 FF, PNG with its 8-byte signature. */
export function sniffImage(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}
