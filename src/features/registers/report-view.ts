/** What the page shows of a dry run's report and of a running job. Pure. */
import { ERROR_MESSAGES } from '@core/shared/errors';
import { REGISTER_KIND_LABELS, REGISTER_KINDS, type ImportJobView, type KindCounts, type RegisterKind, type RegisterReport } from '@core/api/register.contract';

export interface CountRow {
  kind: RegisterKind;
  label: string;
  counts: KindCounts;
}

/** One row per kind the file touches (a kind with all zeros is left out: the file has no sheet of it). */
export function countRows(report: RegisterReport): CountRow[] {
  return REGISTER_KINDS.filter((k) => {
    const c = report.counts[k];
    return c.added + c.changed + c.unchanged + c.removed > 0;
  }).map((k) => ({ kind: k, label: REGISTER_KIND_LABELS[k], counts: report.counts[k] }));
}

/** Apply only for a clean report: the server refuses the rest (IMPORT.NOT_CLEAN) anyway. */
export function canApply(report: RegisterReport): boolean {
  return report.clean && report.problems.length === 0;
}

/** 0–100 for the progress bar; a job with nothing to write is full. */
export function progressPercent(job: Pick<ImportJobView, 'done' | 'total'>): number {
  if (job.total <= 0) return 100;
  return Math.min(100, Math.max(0, Math.round((job.done / job.total) * 100)));
}

export function problemPlace(p: { row: number | null; column: string | null }): { row: string; column: string } {
  return { row: p.row === null ? '—' : String(p.row), column: p.column ?? '—' };
}

/**
 * The shared upload path speaks of photos when it refuses a file (FILE.TYPE: 只支持 JPG 或 PNG…); on this page
 * the person uploads a register, so say it in register words.
 */
export function uploadErrorMessage(e: unknown, fallback: (e: unknown) => string): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (code === 'FILE.TYPE' || code === 'FILE.NOT_IMAGE' || code === 'FILE.NOT_PDF') return ERROR_MESSAGES['IMPORT.NOT_SPREADSHEET'];
  if (code === 'FILE.TOO_LARGE') return ERROR_MESSAGES['IMPORT.FILE_TOO_LARGE'];
  return fallback(e);
}
