import type { SheetData } from '@core/exports/sheet';

/** Writes the files users download: exports (XLSX or CSV) and the register template. */
export interface SpreadsheetWriter {
  /** Writes the sheets to `path`, one row at a time; the rows written per sheet. */
  writeExport(format: 'xlsx' | 'csv', path: string, sheets: SheetData[]): Promise<number[]>;
  /** The street register template (XLSX bytes). */
  registerTemplate(): Promise<Uint8Array>;
}
