/**
 * The `register` function: bringing a street's own registers (台账) in from its spreadsheets.
 * The flow is upload → inspect (column mapping) → dryRun (report, nothing written) → apply (a resumable
 * job the app drives call by call, so a progress bar can follow it and a function time limit cannot cut it).
 */

/** The kinds of rows a register file holds, one sheet each (a CSV file holds one kind). */
export const REGISTER_KINDS = ['communities', 'grids', 'households', 'staff'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** What 移除 means in the report, said the same way on the page and in the terminal. */
export const REMOVED_HINT = '「移除」只计本文件涉及的社区里、文件中没有的条目；导入不会删除任何数据，文件里没有的房屋标为待核实。';

export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = {
  communities: '社区',
  grids: '网格',
  households: '房屋',
  staff: '工作人员',
};

/** What a dry run found for one kind. `removed`: in the store, not in the file (households: marked 待核实, never deleted). */
export interface KindCounts {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/** One problem, where a person finds it in Excel: sheet, row (as Excel numbers it, header = 1) and column header. */
export interface RegisterProblem {
  sheet: string;
  /** null: the problem is the sheet or the file itself. */
  row: number | null;
  column: string | null;
  /** Stable, e.g. IMPORT.DUPLICATE_ROOM, IMPORT.GRID_NOT_IN_COMMUNITY, IMPORT.MOBILE_INVALID. */
  code: string;
  message: string;
}

/** A field of a kind, as the template heads it, and the header of the file that fills it (null: none). */
export interface FieldMapping {
  field: string;
  label: string;
  required: boolean;
  header: string | null;
}

export interface SheetInspection {
  sheet: string;
  /** null: no kind recognised; the admin picks one or leaves the sheet out. */
  kind: RegisterKind | null;
  headers: string[];
  rows: number;
  fields: FieldMapping[];
  /** The mapping came from one the admin corrected before (same kind, same headers). */
  remembered: boolean;
}

export interface RegisterInspection {
  fileId: string;
  format: 'xlsx' | 'csv';
  /** CSV only: what the bytes were read as. */
  encoding: 'utf-8' | 'gb18030' | null;
  sheets: SheetInspection[];
}

/** The admin's mapping of one sheet: its kind (null: skip the sheet) and field → header. */
export interface SheetMapping {
  sheet: string;
  kind: RegisterKind | null;
  columns: Record<string, string | null>;
}

export interface RegisterReport {
  fileId: string;
  counts: Record<RegisterKind, KindCounts>;
  problems: RegisterProblem[];
  /** Households that left the file but keep residents or requests: marked 待核实, listed here by address. */
  toVerify: string[];
  /** No problems: apply may run. */
  clean: boolean;
}

export type ImportJobStatus = 'running' | 'done' | 'failed';

export interface ImportJobView {
  jobId: string;
  status: ImportJobStatus;
  /** Rows written so far / rows to write (for the progress bar). */
  done: number;
  total: number;
  report: RegisterReport;
  /** When failed: why, in Chinese. */
  error: string | null;
}

export interface RegisterContract {
  register: {
    /** The template (one sheet per kind, Chinese headers, an example row, validation lists): a short-lived download URL. */
    template: { input: Record<string, never>; output: { url: string; name: string } };
    inspect: { input: { fileId: string }; output: RegisterInspection };
    dryRun: { input: { fileId: string; mappings?: SheetMapping[] }; output: RegisterReport };
    /**
     * Starts the import of a clean file (a new job) or continues one (`jobId`): runs batches for a bounded
     * time and returns the job. Call again with the jobId until it is done. Same file twice: no writes.
     */
    apply: { input: { fileId: string; mappings?: SheetMapping[]; jobId?: string }; output: ImportJobView };
    job: { input: { jobId: string }; output: ImportJobView };
  };
}
