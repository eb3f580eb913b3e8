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
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DomainError, isDomainError } from '@core/shared/errors';
import type { RegisterProblem } from '@core/api/register.contract';
import { LIMITS, assertRowLimit, entryDataOffset, type ZipEntry } from './file-guard';
import { capSummary, columnName, pushCapped, type RawSheet, type ReadOptions } from './raw-sheet';

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

/** Inflates every entry as a stream, counting real bytes and collecting merges per worksheet number. */
export async function scanXlsxEntries(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<Map<string, Merge[]>> {
  const merges = new Map<string, Merge[]>();
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
        inflate.on('end', resolve);
        inflate.on('error', () => reject(new DomainError('IMPORT.NOT_SPREADSHEET', '文件已损坏，请用 Excel 重新另存为 .xlsx 后上传')));
      });
      inflate.end(data);
      await done;
    } else {
      throw new DomainError('IMPORT.NOT_SPREADSHEET', '文件使用了不支持的压缩方式，请用 Excel 重新另存为 .xlsx 后上传');
    }
    if (sheetNo !== undefined) merges.set(sheetNo, found);
  }
  return merges;
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
  const merges = await scanXlsxEntries(bytes, entries);
  try {
    return await readSheets(bytes, merges, options);
  } catch (e) {
    // A zip that holds a workbook name but broken XML: exceljs throws parser errors, which mean a damaged file to a person.
    if (isDomainError(e)) throw e;
    throw new DomainError('IMPORT.NOT_SPREADSHEET', '文件已损坏或不是有效的 Excel 文件，请用 Excel 重新另存为 .xlsx 后上传');
  }
}

async function readSheets(bytes: Uint8Array, merges: Map<string, Merge[]>, options: ReadOptions): Promise<RawSheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: RawSheet[] = [];
  for await (const ws of reader) {
    const worksheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { name: string; id: string | number };
    const sheet: RawSheet = { sheet: worksheet.name, headers: [], rows: [], rowCount: 0, problems: [] };
    const counts = new Map<string, number>();
    let headerRow = 0;
    for await (const row of worksheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      const formulas: { col: number; formula: string }[] = [];
      // Columns past MAX_COLUMNS are not read: a stray cell in column XFD would otherwise make every row 16,384 cells wide.
      for (let col = 1; col < Math.min(values.length, MAX_COLUMNS + 1); col++) {
        const c = cellText(values[col]);
        cells[col - 1] = c.text.trim();
        if (c.formula !== null) formulas.push({ col, formula: c.formula });
      }
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
      if (cells.every((c) => c === '') && formulas.length === 0) continue;
      if (headerRow === 0) {
        headerRow = row.number;
        sheet.headers = cells;
      } else {
        sheet.rowCount++;
        assertRowLimit(sheet.sheet, sheet.rowCount);
        if (options.cells) sheet.rows.push({ row: row.number, cells });
      }
      for (const { col, formula } of formulas) {
        const column = columnName(sheet.headers, col);
        pushCapped(sheet.problems, counts, {
          sheet: sheet.sheet,
          row: row.number,
          column,
          code: 'IMPORT.FORMULA',
          message: `“${sheet.sheet}”第${row.number}行“${column}”是公式（=${formula}），不是填写的内容：请复制这一列后“选择性粘贴为数值”再导入`,
        });
      }
    }
    for (const m of merges.get(String(worksheet.id)) ?? []) {
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
