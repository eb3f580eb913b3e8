/**
 * Reads an .xlsx register with exceljs's STREAMING reader, one row at a time, so a 50,000-row sheet
 * never becomes a full in-memory workbook (the non-streaming reader keeps every cell with its style).
 *
 * Merged cells: the streaming reader skips <mergeCell> (exceljs 4.4 ignores the tag), so before it runs
 * we inflate each zip entry ourselves, as a stream, and
 *   - count the bytes it really unpacks to: the central directory's sizes (checked by the file guard)
 *     are only claims, and an entry that unpacks past its claim or past the total limit is a zip bomb;
 *   - scan worksheet XML for <mergeCell ref="A1:B2"/>, keeping only a short tail between chunks.
 * One extra inflate pass (zlib, fast) buys both, with memory bounded by the chunk size; reading merges
 * with the non-streaming reader would need the whole workbook in memory, which is what we avoid.
 *
 * Sheet names: the same pass keeps xl/workbook.xml and its rels (small) and hands them to the streaming
 * reader before it starts. exceljs 4.4 reads a worksheet as soon as it has the shared strings and the
 * rels, and crashes (`this.model` undefined) when workbook.xml comes later in the zip, which exceljs's
 * own writer sometimes does; it also names a sheet "SheetN" when a rel's target is absolute. Seeding its
 * (internal, pinned-version) `model`, `workbookRels` and `properties` fixes both.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DomainError, isDomainError } from '@core/shared/errors';
import type { RegisterProblem } from '@core/api/register.contract';
import { LIMITS, assertRowLimit, entryDataOffset, type ZipEntry } from './file-guard';
import { PROBLEMS_PER_CODE, SheetBuilder, capSummary, columnName, pushCapped, type RawSheet, type ReadOptions } from './raw-sheet';

/** Far wider than any register (the template has at most 6 columns). */
export const MAX_COLUMNS = 200;

const SHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const MERGE = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g;

interface Merge {
  ref: string;
  col: number;
  row: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface XlsxScan {
  /** Merged ranges by worksheet file number (xl/worksheets/sheet<N>.xml). */
  merges: Map<string, Merge[]>;
  workbookXml: string;
  relsXml: string;
}

/** Workbook parts kept whole; anything larger is not a register's workbook.xml. */
const MAX_PART = 5 * 1024 * 1024;

/** Inflates every entry as a stream, counting real bytes, collecting merges per worksheet and keeping the workbook parts. */
export async function scanXlsxEntries(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<XlsxScan> {
  const merges = new Map<string, Merge[]>();
  const parts: Record<string, Buffer[]> = { 'xl/workbook.xml': [], 'xl/_rels/workbook.xml.rels': [] };
  let partBytes = 0;
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const start = entryDataOffset(bytes, entry);
    const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
    const sheetNo = SHEET_ENTRY.exec(entry.name)?.[1];
    const found: Merge[] = [];
    let tail = '';
    let unpacked = 0;
    const onChunk = (chunk: Buffer): void => {
      unpacked += chunk.byteLength;
      total += chunk.byteLength;
      if (unpacked > entry.uncompressedSize + 1024 || total > LIMITS.maxUncompressed) throw new DomainError('IMPORT.ZIP_BOMB');
      const part = parts[entry.name];
      if (part) {
        partBytes += chunk.byteLength;
        if (partBytes > MAX_PART) throw new DomainError('IMPORT.NOT_SPREADSHEET', '文件结构异常，请用 Excel 重新另存为 .xlsx 后上传');
        part.push(Buffer.from(chunk));
      }
      if (sheetNo === undefined) return;
      const text = tail + chunk.toString('latin1');
      MERGE.lastIndex = 0;
      let lastEnd = 0;
      for (let m = MERGE.exec(text); m; m = MERGE.exec(text)) {
        found.push({ ref: m[3] ? `${m[1]}${m[2]}:${m[3]}${m[4]}` : `${m[1]}${m[2]}`, col: columnNumber(m[1]), row: Number(m[2]) });
        lastEnd = MERGE.lastIndex;
      }
      // Keep enough of the end to complete a tag cut by the chunk boundary, never a tag already counted.
      tail = text.slice(Math.max(lastEnd, text.length - 200));
    };
    if (entry.method === 0) {
      onChunk(data);
    } else if (entry.method === 8) {
      const inflate = createInflateRaw();
      const done = new Promise<void>((resolve, reject) => {
        inflate.on('data', (c: Buffer) => {
          try {
            onChunk(c);
          } catch (e) {
            inflate.destroy();
            reject(e);
          }
        });
        inflate.on('end', () => {
          // The deflate stream must fill exactly the bytes the directory gives it: anything after it is data
          // a sequential unzip could read as another, unchecked entry.
          if (inflate.bytesWritten !== entry.compressedSize) {
            reject(new DomainError('IMPORT.NOT_SPREADSHEET', '文件结构异常，已拒绝读取；请用 Excel 重新另存为 .xlsx 后上传'));
          } else resolve();
        });
        inflate.on('error', () => reject(new DomainError('IMPORT.NOT_SPREADSHEET', '文件已损坏，请用 Excel 重新另存为 .xlsx 后上传')));
      });
      inflate.end(data);
      await done;
    } else {
      throw new DomainError('IMPORT.NOT_SPREADSHEET', '文件使用了不支持的压缩方式，请用 Excel 重新另存为 .xlsx 后上传');
    }
    if (sheetNo !== undefined) merges.set(sheetNo, found);
  }
  return {
    merges,
    workbookXml: Buffer.concat(parts['xl/workbook.xml']).toString('utf8'),
    relsXml: Buffer.concat(parts['xl/_rels/workbook.xml.rels']).toString('utf8'),
  };
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

function xmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

interface WorkbookParts {
  sheets: { id: number; name: string; rId: string; state: string }[];
  rels: { Id: string; Target: string; Type: string }[];
  date1904: boolean;
}

/** What exceljs would read from workbook.xml and its rels, with every worksheet target made relative to xl/. */
export function parseWorkbookParts(workbookXml: string, relsXml: string): WorkbookParts {
  const sheets = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((m) => {
    const a = attributes(m[1]);
    const rId = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? '';
    return { id: Number(a.sheetId), name: xmlText(a.name ?? ''), rId, state: a.state ?? 'visible' };
  });
  const rels = [...relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].map((m) => {
    const a = attributes(m[1]);
    return { Id: a.Id ?? '', Type: a.Type ?? '', Target: (a.Target ?? '').replace(/^\/?xl\//, '').replace(/^\//, '') };
  });
  return { sheets, rels, date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml) };
}

interface CellText {
  text: string;
  formula: string | null;
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** Cell values as text: numbers as JavaScript writes them (301 → "301"), text as typed ("0301" stays "0301"). */
function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: '', formula: null };
  if (typeof value === 'string') return { text: value, formula: null };
  if (typeof value === 'number') return { text: String(value), formula: null };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', formula: null };
  if (value instanceof Date) return { text: dateText(value), formula: null };
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
    const result = f.result;
    const text =
      result === undefined || result === null || typeof result === 'object'
        ? result instanceof Date
          ? dateText(result)
          : ''
        : String(result);
    return { text, formula: f.formula ?? f.sharedFormula ?? '' };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), formula: null };
  if ('hyperlink' in value) return { text: String((value as { text?: unknown }).text ?? ''), formula: null };
  if ('error' in value) return { text: String(value.error), formula: null };
  return { text: '', formula: null };
}

/** The sheets of an .xlsx file that passed the file guard. */
export async function readXlsx(bytes: Uint8Array, entries: readonly ZipEntry[], options: ReadOptions): Promise<RawSheet[]> {
  const scan = await scanXlsxEntries(bytes, entries);
  const parts = parseWorkbookParts(scan.workbookXml, scan.relsXml);
  if (parts.sheets.length === 0) throw new DomainError('IMPORT.NOT_SPREADSHEET', '文件已损坏或不是有效的 Excel 文件（找不到任何工作表），请用 Excel 重新另存为 .xlsx 后上传');
  // Merges by sheet name: the file number and the sheetId exceljs reports need not agree (sheets deleted, reordered).
  const merges = new Map<string, Merge[]>();
  for (const [fileNo, found] of scan.merges) {
    const rel = parts.rels.find((r) => r.Target === `worksheets/sheet${fileNo}.xml`);
    const sheet = rel && parts.sheets.find((x) => x.rId === rel.Id);
    if (sheet) merges.set(sheet.name, found);
  }
  try {
    return await readSheets(bytes, parts, merges, options);
  } catch (e) {
    // A zip that holds a workbook name but broken XML: exceljs throws parser errors, which mean a damaged file to a person.
    if (isDomainError(e)) throw e;
    throw new DomainError('IMPORT.NOT_SPREADSHEET', '文件已损坏或不是有效的 Excel 文件，请用 Excel 重新另存为 .xlsx 后上传');
  }
}

async function readSheets(bytes: Uint8Array, parts: WorkbookParts, merges: Map<string, Merge[]>, options: ReadOptions): Promise<RawSheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const internals = reader as unknown as {
    model: { sheets: WorkbookParts['sheets'] };
    workbookRels: WorkbookParts['rels'];
    properties: { model: { date1904: boolean } };
    _parseRels: (entry: unknown) => Promise<void>;
    _parseWorkbook: (entry: unknown) => Promise<void>;
  };
  internals.model = { sheets: parts.sheets };
  internals.workbookRels = parts.rels;
  internals.properties = { model: { date1904: parts.date1904 } };
  // Already read by the scan; exceljs drains the entry after these return.
  internals._parseRels = async () => undefined;
  internals._parseWorkbook = async () => undefined;
  const sheets: RawSheet[] = [];
  for await (const ws of reader) {
    const worksheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { name: string; id: string | number };
    const builder = new SheetBuilder(worksheet.name, options, assertRowLimit);
    // Formula places are kept (the first few) until the header is known, so each problem can name its column.
    const formulas: { row: number; col: number; formula: string }[] = [];
    let formulaCount = 0;
    for await (const row of worksheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      // Columns past MAX_COLUMNS are not read: a stray cell in column XFD would otherwise make every row 16,384 cells wide.
      for (let col = 1; col < Math.min(values.length, MAX_COLUMNS + 1); col++) {
        const c = cellText(values[col]);
        cells[col - 1] = c.text.trim();
        if (c.formula !== null) {
          formulaCount++;
          if (formulas.length < PROBLEMS_PER_CODE) formulas.push({ row: row.number, col, formula: c.formula });
        }
      }
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
      builder.push(row.number, cells);
    }
    const sheet = builder.finish();
    const counts = new Map<string, number>([['IMPORT.FORMULA', formulaCount]]);
    for (const { row, col, formula } of formulas) {
      const column = columnName(sheet.headers, col);
      sheet.problems.push({
        sheet: sheet.sheet,
        row,
        column,
        code: 'IMPORT.FORMULA',
        message: `“${sheet.sheet}”第${row}行“${column}”是公式（=${formula}），不是填写的内容：请复制这一列后“选择性粘贴为数值”再导入`,
      });
    }
    // A merged title above the header (“幸福社区房屋台账” across the columns) is harmless; merges in the table are not.
    for (const m of (merges.get(worksheet.name) ?? []).filter((x) => x.row >= builder.headerRow)) {
      const column = columnName(sheet.headers, m.col);
      const problem: RegisterProblem = {
        sheet: sheet.sheet,
        row: m.row,
        column,
        code: 'IMPORT.MERGED_CELLS',
        message: `“${sheet.sheet}”的单元格 ${m.ref} 是合并单元格：请取消合并，并在每一行都填上内容（合并后只有第一行有值）`,
      };
      pushCapped(sheet.problems, counts, problem);
    }
    capSummary(sheet.sheet, counts, sheet.problems, { 'IMPORT.FORMULA': '公式单元格', 'IMPORT.MERGED_CELLS': '合并单元格' });
    sheets.push(sheet);
  }
  return sheets;
}
