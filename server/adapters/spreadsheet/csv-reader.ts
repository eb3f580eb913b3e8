/**
 * Reads a CSV register (already decoded by the file guard) with papaparse. The header is the first
 * non-empty record; empty records are skipped but keep their place in the numbering, so a problem's row
 * is the record number a person counts in Excel (header = 1 when the file starts with it).
 */
import Papa from 'papaparse';
import { assertRowLimit } from './file-guard';
import type { RawSheet, ReadOptions } from './raw-sheet';

/** A CSV holds one sheet; it is named after the file, so “房屋台账.csv” is guessed as households. */
export function csvSheetName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base.trim() || 'CSV';
}

export function readCsv(text: string, fileName: string, options: ReadOptions): RawSheet {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const sheet: RawSheet = { sheet: csvSheetName(fileName), headers: [], rows: [], rowCount: 0, problems: [] };
  let haveHeader = false;
  parsed.data.forEach((record, i) => {
    const cells = record.map((c) => (c ?? '').trim());
    if (cells.every((c) => c === '')) return;
    if (!haveHeader) {
      haveHeader = true;
      sheet.headers = cells;
      return;
    }
    sheet.rowCount++;
    assertRowLimit(sheet.sheet, sheet.rowCount);
    if (options.cells) sheet.rows.push({ row: i + 1, cells });
  });
  return sheet;
}
