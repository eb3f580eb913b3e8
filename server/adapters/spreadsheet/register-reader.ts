/**
 * The register reader behind the `register` function: file guard → xlsx (streaming) or csv → mapping →
 * row checks. The format is decided by the bytes; the file name only names a CSV's one sheet.
 */
import type { SheetInspection } from '@core/api/register.contract';
import { fieldsOfMapping, mapSheet } from '@core/registers/header-mapping';
import type { RegisterFile, RegisterReader } from '@core/registers/register-data';
import { createRowChecker } from '@core/registers/row-checks';
import { readCsv } from './csv-reader';
import { guardRegisterFile, type GuardedFile } from './file-guard';
import type { RawSheet, ReadOptions } from './raw-sheet';
import { readXlsx } from './xlsx-reader';

async function loadSheets(file: RegisterFile, guarded: GuardedFile, options: ReadOptions): Promise<RawSheet[]> {
  return guarded.format === 'xlsx' ? readXlsx(file.bytes, guarded.entries, options) : [readCsv(guarded.text, file.name, options)];
}

export const spreadsheetRegisterReader: RegisterReader = {
  async inspect(file, remembered) {
    const guarded = guardRegisterFile(file.bytes);
    const sheets = await loadSheets(file, guarded, { cells: false });
    const inspections: SheetInspection[] = sheets.map((s) => {
      const guess = mapSheet(s.sheet, s.headers, remembered);
      return {
        sheet: s.sheet,
        kind: guess.kind,
        headers: [...new Set(s.headers.filter((h) => h !== ''))],
        rows: s.rowCount,
        fields: guess.fields,
        remembered: guess.remembered,
      };
    });
    return { format: guarded.format, encoding: guarded.format === 'csv' ? guarded.encoding : null, sheets: inspections };
  },

  async read(file, mappings, streetCode) {
    const guarded = guardRegisterFile(file.bytes);
    const sheets = await loadSheets(file, guarded, { cells: true });
    const checker = createRowChecker(streetCode);
    let used = 0;
    for (const s of sheets) {
      // The admin's mapping for this sheet when given (kind null: left out); otherwise the guess.
      const given = mappings?.find((m) => m.sheet === s.sheet);
      const kind = given ? given.kind : mapSheet(s.sheet, s.headers, []).kind;
      if (kind === null) continue;
      const fields = given ? fieldsOfMapping(given) : mapSheet(s.sheet, s.headers, []).fields;
      used++;
      for (const p of s.problems) checker.addProblem(p);
      checker.addSheet(kind, s, fields);
    }
    if (used === 0) {
      checker.addProblem({
        sheet: file.name,
        row: null,
        column: null,
        code: 'IMPORT.NO_SHEETS',
        message: `“${file.name}”中没有可识别的台账表：表名或表头应能看出是社区、网格、房屋或工作人员，可在列对应中指定`,
      });
    }
    return checker.result();
  },
};
