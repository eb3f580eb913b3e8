import type { RegisterProblem } from '@core/api/register.contract';
import type { SheetCells } from '@core/registers/row-checks';

/** One sheet as read from a file: header row, data rows as text (when asked for), and what the reader itself found. */
export interface RawSheet extends SheetCells {
  /** Non-empty data rows after the header. */
  rowCount: number;
  /** Formula and merged-cell problems, found while reading. */
  problems: RegisterProblem[];
}

export interface ReadOptions {
  /** false: count rows and read headers only (inspect); cells are not kept. */
  cells: boolean;
}

/** Column letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The column a problem names: its header, or its letter when the header cell is empty. */
export function columnName(headers: readonly string[], col: number): string {
  return headers[col - 1] || `${columnLetter(col)}列`;
}

/**
 * Reader problems of one kind are capped per sheet: a sheet of 50,000 formula cells needs one clear
 * message and a few places to look, not 50,000 lines.
 */
export const PROBLEMS_PER_CODE = 20;

export function pushCapped(problems: RegisterProblem[], counts: Map<string, number>, p: RegisterProblem): void {
  const n = (counts.get(p.code) ?? 0) + 1;
  counts.set(p.code, n);
  if (n <= PROBLEMS_PER_CODE) problems.push(p);
}

export function capSummary(sheet: string, counts: Map<string, number>, problems: RegisterProblem[], what: Record<string, string>): void {
  for (const [code, n] of counts) {
    if (n > PROBLEMS_PER_CODE) {
      problems.push({
        sheet,
        row: null,
        column: null,
        code,
        message: `“${sheet}”表共有${n}处${what[code] ?? '问题'}，以上只列出前${PROBLEMS_PER_CODE}处`,
      });
    }
  }
}

/** How many rows above the header may be a title (“幸福社区房屋台账”, a date line) before the first row is taken as the header. */
const TITLE_ROWS = 5;

function filled(cells: readonly string[]): number {
  return cells.reduce((n, c) => (c === '' ? n : n + 1), 0);
}

/**
 * Builds a RawSheet from rows as they stream in. The header is the first row with two or more filled cells
 * among the first rows (a register has at least two required columns, so a one-cell row above it is a
 * title); when none comes within TITLE_ROWS rows, the first non-empty row is the header after all.
 */
export class SheetBuilder {
  readonly sheet: RawSheet;
  private pending: { row: number; cells: string[] }[] = [];
  private haveHeader = false;

  constructor(
    name: string,
    private readonly options: ReadOptions,
    private readonly onRowLimit: (sheet: string, rows: number) => void,
  ) {
    this.sheet = { sheet: name, headers: [], rows: [], rowCount: 0, problems: [] };
  }

  push(row: number, cells: string[]): void {
    if (filled(cells) === 0) return;
    if (this.haveHeader) {
      this.data(row, cells);
      return;
    }
    this.pending.push({ row, cells });
    if (filled(cells) >= 2) this.header(this.pending.length - 1);
    else if (this.pending.length > TITLE_ROWS) this.header(0);
  }

  /** The header row's number (0 while none). */
  get headerRow(): number {
    return this.haveHeader ? this.headerAt : 0;
  }

  finish(): RawSheet {
    if (!this.haveHeader && this.pending.length > 0) this.header(0);
    return this.sheet;
  }

  private headerAt = 0;

  private header(index: number): void {
    const rest = this.pending.slice(index + 1);
    this.sheet.headers = this.pending[index].cells;
    this.headerAt = this.pending[index].row;
    this.haveHeader = true;
    this.pending = [];
    for (const r of rest) this.data(r.row, r.cells);
  }

  private data(row: number, cells: string[]): void {
    this.sheet.rowCount++;
    this.onRowLimit(this.sheet.sheet, this.sheet.rowCount);
    if (this.options.cells) this.sheet.rows.push({ row, cells });
  }
}
