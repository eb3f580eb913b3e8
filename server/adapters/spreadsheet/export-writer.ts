/**
 * Writes exports (考核评价 tables, 诉求台账, 通知到户情况) to a file on local disk, one row at a time, so a
 * 100,000-row sheet never becomes a workbook in memory:
 * - XLSX with exceljs's STREAMING WorkbookWriter: each row is committed (serialized and handed to the zip
 *   stream) as soon as it is added; a title row (what, scope, period) merged across the columns, the
 *   Chinese headers below it, both frozen; column widths; dates as real Excel dates showing Beijing time.
 * - CSV with a UTF-8 BOM (Excel otherwise reads UTF-8 as the local code page and garbles the Chinese),
 *   CRLF line ends, rows escaped by papaparse in small batches and written with backpressure. A cell that
 *   starts with = + - @ is prefixed so Excel never runs it as a formula (papaparse escapeFormulae).
 *   Several sheets become sections one after the other, each with its title line and headers.
 *
 * Excel dates have no time zone: the cell holds a wall-clock serial. exceljs turns a Date into the serial
 * of its UTC wall clock, so a Date is shifted by +8 h first and the cell shows the Beijing time (China
 * has no daylight saving time).
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { CellValue, ColumnKind, SheetData } from '@core/exports/sheet';

export type { CellValue, ColumnKind, SheetColumn, SheetData, TableColumn } from '@core/exports/sheet';
export { tableOf } from '@core/exports/sheet';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: '@',
  integer: '0',
  decimal: '0.0',
  percent: '0.0%',
  datetime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
};
/** Rows per papaparse call and per write: small enough to stay flat, large enough to be quick. */
const CSV_BATCH = 500;
/** Rows between two checks of the zip's input queue while writing XLSX (see zipDrained). */
const XLSX_CHECK_ROWS = 50;
/** Bytes of sheet XML allowed to wait for the deflater before the writer waits for it to drain. */
const XLSX_MAX_PENDING = 256 * 1024;
/** The title row and the header row stay in view while scrolling. */
const FROZEN_ROWS = 2;

/** Shifted so the XLSX cell's wall clock is Beijing time (see the file comment). */
function excelDate(d: Date): Date {
  return new Date(d.getTime() + BEIJING_OFFSET_MS);
}

/** 2026-11-23 10:05 (Beijing). */
export function beijingText(d: Date, kind: 'datetime' | 'date' = 'datetime'): string {
  const iso = new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString();
  return kind === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function xlsxCell(v: CellValue, kind: ColumnKind): ExcelJS.CellValue {
  if (v === null) return null;
  if (v instanceof Date) return excelDate(v);
  if (kind === 'text') return String(v);
  return v;
}

function csvCell(v: CellValue, kind: ColumnKind): string {
  if (v === null) return '';
  if (v instanceof Date) return beijingText(v, kind === 'date' ? 'date' : 'datetime');
  if (typeof v === 'number') {
    if (kind === 'percent') return `${(v * 100).toFixed(1)}%`;
    if (kind === 'decimal') return v.toFixed(1);
    return String(v);
  }
  return v;
}

/** Worksheet names may not hold []:*?/\ and are at most 31 characters; duplicates get a number. */
function sheetName(name: string, used: Set<string>): string {
  const base = Array.from(name.replace(/[[\]:*?/\\]/g, ' ')).slice(0, 28).join('') || '表';
  let out = base;
  for (let i = 2; used.has(out); i++) out = `${base}${i}`;
  used.add(out);
  return out;
}

/** The part of exceljs 4.4's WorksheetWriter (internal; the version is pinned) that feeds the zip. */
interface SheetStreamInternals {
  stream: { pipes: (NodeJS.WritableStream & { _writableState?: { length: number } })[] };
}

/**
 * Waits while the sheet's XML queued in front of the zip (archiver's input stream, which exceljs's StreamBuf
 * writes to without heeding its return value) is over XLSX_MAX_PENDING, until it drains. Without it a
 * 100,000-row sheet sits in memory (≈90 MB) because rows are produced faster than they are deflated.
 */
async function zipDrained(ws: ExcelJS.Worksheet): Promise<void> {
  for (const target of (ws as unknown as SheetStreamInternals).stream.pipes) {
    if ((target._writableState?.length ?? 0) > XLSX_MAX_PENDING) await once(target, 'drain');
  }
}

/** Writes the sheets to `path` as XLSX; returns how many data rows each sheet got. */
export async function writeXlsx(path: string, sheets: SheetData[]): Promise<number[]> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const counts: number[] = [];
  const used = new Set<string>();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: FROZEN_ROWS, xSplit: 0 }] });
    ws.columns = sheet.columns.map((c) => ({ width: c.width, style: { numFmt: NUM_FMT[c.kind] } }));
    const width = Math.max(1, sheet.columns.length);
    const title = ws.addRow([sheet.title]);
    title.height = 24;
    title.getCell(1).font = { bold: true, size: 14 };
    title.getCell(1).alignment = { vertical: 'middle' };
    if (width > 1) ws.mergeCells(1, 1, 1, width);
    title.commit();
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.border = { bottom: { style: 'thin', color: { argb: 'FF9AA5B1' } } };
    });
    header.commit();
    let n = 0;
    for await (const values of sheet.rows) {
      ws.addRow(values.map((v, i) => xlsxCell(v, sheet.columns[i]?.kind ?? 'text'))).commit();
      // Backpressure exceljs does not give: a committed row is written into the zip's input without
      // waiting, so a fast store would queue the whole sheet in memory ahead of the deflater.
      if (++n % XLSX_CHECK_ROWS === 0) await zipDrained(ws);
    }
    await ws.commit();
    counts.push(n);
  }
  await wb.commit();
  return counts;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes the sheets to `path` as CSV (one section per sheet); returns how many data rows each sheet got. */
export async function writeCsv(path: string, sheets: SheetData[]): Promise<number[]> {
  const out = createWriteStream(path, { encoding: 'utf8', mode: 0o600 });
  const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
  const unparse = (rows: string[][]) => Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true, header: false }) + '\r\n';
  const work = (async () => {
    await write(out, '\uFEFF');
    const counts: number[] = [];
    for (const [i, sheet] of sheets.entries()) {
      if (i > 0) await write(out, '\r\n');
      await write(out, unparse([[sheet.title], sheet.columns.map((c) => c.header)]));
      let batch: string[][] = [];
      let n = 0;
      for await (const values of sheet.rows) {
        batch.push(values.map((v, j) => csvCell(v, sheet.columns[j]?.kind ?? 'text')));
        n++;
        if (batch.length >= CSV_BATCH) {
          await write(out, unparse(batch));
          batch = [];
        }
      }
      if (batch.length) await write(out, unparse(batch));
      counts.push(n);
    }
    out.end();
    await once(out, 'finish');
    return counts;
  })();
  return Promise.race([work, failed]);
}

export function writeExportFile(format: 'xlsx' | 'csv', path: string, sheets: SheetData[]): Promise<number[]> {
  return format === 'xlsx' ? writeXlsx(path, sheets) : writeCsv(path, sheets);
}
