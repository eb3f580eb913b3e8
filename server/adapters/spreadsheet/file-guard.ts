/**
 * What an uploaded register must pass before any parser sees it. The upload is untrusted bytes: a
 * renamed picture, a Word file, a zip bomb, a CSV in an unknown encoding. Each is refused with its own
 * stable code and a Chinese message saying what to do, so a parser never runs on them.
 *
 * The format comes from the content (zip signature, text bytes), never from the file name.
 */
import iconv from 'iconv-lite';
import { DomainError } from '@core/shared/errors';

export const LIMITS = {
  /** Upload size: a 100,000-row register is ~10 MB as xlsx; 50 MB leaves room for pictures people paste in. */
  maxBytes: 50 * 1024 * 1024,
  /** What the zip may claim to unpack to in total, and its overall compression ratio (XML compresses ~10–30×). */
  maxUncompressed: 300 * 1024 * 1024,
  maxRatio: 200,
  /** Data rows (after the header) in one sheet. */
  maxRows: 100_000,
} as const;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused by the reader. */
  method: number;
  /** General purpose flags; bit 3: sizes follow the data in a data descriptor. */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type GuardedFile =
  | { format: 'xlsx'; entries: ZipEntry[] }
  | { format: 'csv'; text: string; encoding: 'utf-8' | 'gb18030' };

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

function notSpreadsheet(message?: string): DomainError {
  return new DomainError('IMPORT.NOT_SPREADSHEET', message);
}

/**
 * The zip's central directory, read from the end of the file without inflating anything: names and the
 * sizes the archive claims. Zip64 records are followed, so a claim beyond 4 GB is seen as what it is.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => Number(view.getBigUint64(o, true));
  const inside = (o: number, len: number) => o >= 0 && o + len <= bytes.byteLength;

  let eocd = -1;
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  for (let o = bytes.byteLength - 22; o >= Math.max(0, bytes.byteLength - 22 - 65535); o--) {
    if (u32(o) === ZIP_EOCD) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw notSpreadsheet('文件已损坏或不完整，请用 Excel 重新另存为 .xlsx 后上传');

  let count = u16(eocd + 10);
  let dirSize = u32(eocd + 12);
  let dirOffset = u32(eocd + 16);
  if ((count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) && inside(eocd - 20, 20) && u32(eocd - 20) === ZIP64_LOCATOR) {
    const z = u64(eocd - 20 + 8);
    if (!inside(z, 56) || u32(z) !== ZIP64_EOCD) throw notSpreadsheet('文件已损坏或不完整，请用 Excel 重新另存为 .xlsx 后上传');
    count = u64(z + 32);
    dirSize = u64(z + 40);
    dirOffset = u64(z + 48);
  }
  if (!inside(dirOffset, dirSize)) throw notSpreadsheet('文件已损坏或不完整，请用 Excel 重新另存为 .xlsx 后上传');

  const entries: ZipEntry[] = [];
  let o = dirOffset;
  for (let i = 0; i < count; i++) {
    if (!inside(o, 46) || u32(o) !== ZIP_CENTRAL) throw notSpreadsheet('文件已损坏或不完整，请用 Excel 重新另存为 .xlsx 后上传');
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    let compressedSize = u32(o + 20);
    let uncompressedSize = u32(o + 24);
    let localHeaderOffset = u32(o + 42);
    const name = Buffer.from(bytes.subarray(o + 46, o + 46 + nameLen)).toString('utf8');
    // Zip64 extended information (0x0001): 8-byte values, in this order, for each field that reads 0xFFFFFFFF.
    let e = o + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd && inside(e, 4)) {
      const id = u16(e);
      const size = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const end = e + 4 + size;
        if (uncompressedSize === 0xffffffff && p + 8 <= end) {
          uncompressedSize = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff && p + 8 <= end) {
          compressedSize = u64(p);
          p += 8;
        }
        if (localHeaderOffset === 0xffffffff && p + 8 <= end) localHeaderOffset = u64(p);
      }
      e += 4 + size;
    }
    entries.push({ name, method: u16(o + 10), flags: u16(o + 8), compressedSize, uncompressedSize, localHeaderOffset });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Refuses an archive whose claimed contents are too large or too compressed to be a register. */
export function assertNotZipBomb(entries: readonly ZipEntry[]): void {
  const unpacked = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  const packed = entries.reduce((s, e) => s + e.compressedSize, 0);
  if (unpacked > LIMITS.maxUncompressed || unpacked > LIMITS.maxRatio * Math.max(packed, 1)) {
    throw new DomainError('IMPORT.ZIP_BOMB');
  }
}

const ZIP_DESCRIPTOR = 0x08074b50;

/**
 * exceljs unzips by walking local headers from the start of the file, not by the central directory we
 * checked. So walk the local headers the same way and refuse any entry the directory does not list (or
 * lists with another method): an unlisted entry is one whose size nobody checked, the classic way to
 * smuggle a bomb past a directory check. The walk stops where the local headers stop, as exceljs's does.
 */
export function assertLocalEntriesListed(bytes: Uint8Array, entries: readonly ZipEntry[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byOffset = new Map(entries.map((e) => [e.localHeaderOffset, e]));
  let pos = 0;
  while (pos + 30 <= bytes.byteLength && view.getUint32(pos, true) === ZIP_LOCAL) {
    const entry = byOffset.get(pos);
    if (!entry || view.getUint16(pos + 8, true) !== entry.method) {
      throw notSpreadsheet('文件结构异常（含有未登记的内容），已拒绝读取；请用 Excel 重新另存为 .xlsx 后上传');
    }
    pos = entryDataOffset(bytes, entry) + entry.compressedSize;
    if (entry.flags & 0x08) {
      // Data descriptor: optional signature, CRC, then 4- or 8-byte sizes.
      if (pos + 4 <= bytes.byteLength && view.getUint32(pos, true) === ZIP_DESCRIPTOR) pos += 4;
      pos += 12;
      if (pos + 4 <= bytes.byteLength && view.getUint32(pos, true) !== ZIP_LOCAL && view.getUint32(pos, true) !== ZIP_CENTRAL) pos += 8;
    }
  }
}

/** Where an entry's data starts: after its local header (whose name and extra lengths may differ from the directory's). */
export function entryDataOffset(bytes: Uint8Array, entry: ZipEntry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = entry.localHeaderOffset;
  if (o + 30 > bytes.byteLength || view.getUint32(o, true) !== ZIP_LOCAL) {
    throw notSpreadsheet('文件已损坏或不完整，请用 Excel 重新另存为 .xlsx 后上传');
  }
  const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw notSpreadsheet('文件已损坏或不完整，请用 Excel 重新另存为 .xlsx 后上传');
  return start;
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

const KNOWN_BINARY: readonly { sig: readonly number[]; what: string }[] = [
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: '旧版 Office 文件（.xls/.doc）' },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: '图片（PNG）' },
  { sig: [0xff, 0xd8, 0xff], what: '图片（JPG）' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: '图片（GIF）' },
  { sig: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文件' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: '压缩包（RAR）' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: '压缩包（7z）' },
];

/**
 * Text a CSV can be: no NUL bytes and almost no other control bytes (tab, CR, LF and form feed are text).
 * UTF-16 (Excel's “Unicode 文本”) has NULs in every other byte and is refused here with a hint.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.byteLength, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control <= n / 100;
}

/** UTF-8 (with or without BOM) if it decodes strictly; else GB18030 (Excel's “CSV” on Chinese Windows); else refused. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try GB18030 next
  }
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030');
  if (text.includes('\uFFFD')) throw new DomainError('IMPORT.ENCODING_UNKNOWN');
  return { text, encoding: 'gb18030' };
}

export function guardRegisterFile(bytes: Uint8Array): GuardedFile {
  if (bytes.byteLength > LIMITS.maxBytes) throw new DomainError('IMPORT.FILE_TOO_LARGE');
  if (bytes.byteLength === 0) throw notSpreadsheet('文件是空的，请选择填好的台账文件');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = readZipDirectory(bytes);
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
      throw notSpreadsheet(
        entries.some((e) => e.name === 'word/document.xml')
          ? '这是 Word 文件，不是表格：请上传 Excel（.xlsx）或 CSV 文件'
          : '这个压缩文件不是 Excel 表格：请上传 Excel（.xlsx）或 CSV 文件',
      );
    }
    assertNotZipBomb(entries);
    assertLocalEntriesListed(bytes, entries);
    return { format: 'xlsx', entries };
  }
  const known = KNOWN_BINARY.find((k) => startsWith(bytes, k.sig));
  if (known) {
    throw notSpreadsheet(`这是${known.what}，不是表格：请上传 Excel（.xlsx）或 CSV 文件${known.sig[0] === 0xd0 ? '；.xls 请先另存为 .xlsx' : ''}`);
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new DomainError('IMPORT.ENCODING_UNKNOWN', '这是 UTF-16（“Unicode 文本”）文件：请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再上传');
  }
  if (!looksLikeText(bytes)) throw notSpreadsheet();
  return { format: 'csv', ...decodeCsv(bytes) };
}

export function assertRowLimit(sheet: string, dataRows: number): void {
  if (dataRows > LIMITS.maxRows) {
    throw new DomainError('IMPORT.TOO_MANY_ROWS', `“${sheet}”表超过了10万行，请分成几个文件导入`);
  }
}
