import type { SpreadsheetWriter } from '../../ports/spreadsheet-writer.port';
import { writeExportFile } from './export-writer';
import { writeRegisterTemplate } from './template';

/** exceljs and papaparse behind the port; only the functions that write files load it (see cloudbase-deps.ts). */
export const spreadsheetWriter: SpreadsheetWriter = { writeExport: writeExportFile, registerTemplate: writeRegisterTemplate };
