/**
 * The shape of an export sheet, as use cases build it: a title, typed columns and rows that stream through.
 * How a sheet becomes a file (XLSX or CSV) is the spreadsheet writer's business (server/ports/spreadsheet-writer.port.ts).
 */
export type CellValue = string | number | Date | null;
/** How a column's values are written: text, counts, decimals, rates 0..1 (shown as 96.5%), instants or dates. */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'datetime' | 'date';

export interface SheetColumn {
  header: string;
  /** Excel column width in characters (a Chinese character counts about two). */
  width: number;
  kind: ColumnKind;
}

export interface SheetData {
  /** The worksheet's name (≤ 31 characters, no []:*?/\). */
  name: string;
  /** The title row: what the sheet is, for which scope and period. */
  title: string;
  columns: SheetColumn[];
  rows: AsyncIterable<CellValue[]> | Iterable<CellValue[]>;
}

export interface TableColumn<R> extends SheetColumn {
  value(row: R): CellValue;
}

/** A sheet whose rows are mapped from records, column by column, as they stream through. */
export function tableOf<R>(def: { name: string; title: string; columns: TableColumn<R>[] }, records: AsyncIterable<R> | Iterable<R>): SheetData {
  const columns = def.columns;
  async function* rows(): AsyncIterable<CellValue[]> {
    for await (const r of records) yield columns.map((c) => c.value(r));
  }
  return { name: def.name, title: def.title, columns: columns.map(({ header, width, kind }) => ({ header, width, kind })), rows: rows() };
}
