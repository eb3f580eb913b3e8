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
