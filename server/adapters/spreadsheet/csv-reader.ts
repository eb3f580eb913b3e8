/**
 * Reads a CSV register (already decoded by the file guard) with papaparse. The header is found by
 * SheetBuilder (title rows above it are skipped); empty records are skipped but keep their place in the numbering, so a problem's row
 * is the record number a person counts in Excel (header = 1 when the file starts with it).
 */
import Papa from 'papaparse';
import { assertRowLimit } from './file-guard';
import { SheetBuilder, type RawSheet, type ReadOptions } from './raw-sheet';

/** A CSV holds one sheet; it is named after the file, so “房屋台账.csv” is guessed as households. */
export function csvSheetName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base.trim() || 'CSV';
}

export function readCsv(text: string, fileName: string, options: ReadOptions): RawSheet {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const builder = new SheetBuilder(csvSheetName(fileName), options, assertRowLimit);
  parsed.data.forEach((record, i) => builder.push(i + 1, record.map((c) => (c ?? '').trim())));
  return builder.finish();
}
