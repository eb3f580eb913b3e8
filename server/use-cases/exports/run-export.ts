/**
 * `assessment.export`: writes one export (诉求台账, 通知到户情况, 考核指标表 or 月度排名) for a scope and
 * period as XLSX or CSV, and answers a URL to download it.
 *
 * 1. The period must be two real dates in order (INPUT.INVALID); the scope must be in the caller's reach
 *    for 'assessment.export' (AUTH.FORBIDDEN) — street staff: their street; community staff: their community.
 * 2. The rows stream from the store into a file in the function's temp folder (export-writer), never
 *    held whole in memory; the file goes to FileStorage under exports/.
 * 3. The export's record (ExportRepository: what expires when) and its audit entry (who, what, which
 *    scope and period, how many rows) land in ONE write. Should that write fail, the stored file is removed
 *    again: no export exists without its audit entry.
 * 4. The URL works until the file expires (24 h, EXPORT_TTL_MS); the housekeeping job then deletes the
 *    file and its record.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_KIND_LABELS, type AssessmentContract, type ExportView } from '@core/api/assessment.contract';
import { rangeLabel } from '@core/assessment/periods';
import type { UserContext } from '../context';
import type { SheetData } from '@core/exports/sheet';
import { EXPORT_TTL_MS, type ExportRecord } from '../../ports/export.port';
import { CSV_TYPE, XLSX_TYPE } from '../../ports/file-storage.port';
import { coverageSheets } from './export-coverage';
import { figureSheets } from './export-figures';
import { requestsSheet } from './export-requests';
import { periodInstants, resolveExportScope, type ExportScope } from './export-scope';

export type ExportInput = AssessmentContract['assessment']['export']['input'];

/** Characters no file system or browser keeps in a name. */
function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 80);
}

/** 诉求台账_银杏街道东湖社区_2026年11月.xlsx */
export function exportFileName(input: ExportInput, scopeName: string): string {
  return `${EXPORT_KIND_LABELS[input.kind]}_${safeName(scopeName)}_${safeName(rangeLabel(input.period))}.${input.format}`;
}

/** A full-width space (U+3000) between the title row's parts: 诉求台账, the scope, the period. */
const TITLE_GAP = '\u3000';

interface Built {
  sheets: SheetData[];
  /** What the audit entry says beyond the row count (the notice's title for coverage). */
  detail: Record<string, unknown>;
}

async function build(ctx: UserContext, input: ExportInput, scope: ExportScope): Promise<Built> {
  const label = rangeLabel(input.period);
  const titleOf = (what: string) => [what, scope.name, label].join(TITLE_GAP);
  switch (input.kind) {
    case 'requests':
      return { sheets: [requestsSheet(ctx.deps, scope, periodInstants(input.period), titleOf('诉求台账'), ctx.now)], detail: {} };
    case 'coverage': {
      const c = await coverageSheets(ctx, scope, input.noticeId, (what) => [what, scope.name].join(TITLE_GAP));
      return { sheets: c.sheets, detail: { noticeId: c.coverage.noticeId, noticeTitle: c.coverage.title } };
    }
    case 'assessment':
    case 'ranking':
      return { sheets: await figureSheets(ctx, input.kind, scope, input.period, titleOf), detail: {} };
  }
}

export async function runExport(ctx: UserContext, input: ExportInput): Promise<ExportView> {
  periodInstants(input.period);
  const scope = await resolveExportScope(ctx, input.scope);
  const { sheets, detail } = await build(ctx, input, scope);
  const fileName = exportFileName(input, scope.name);
  const dir = await mkdtemp(join(tmpdir(), 'wgt-export-'));
  try {
    const path = join(dir, `export.${input.format}`);
    const counts = await ctx.deps.spreadsheets.writeExport(input.format, path, sheets);
    const rows = counts[0] ?? 0;
    const stored = await ctx.deps.files.saveExport({
      localPath: path,
      fileName,
      contentType: input.format === 'xlsx' ? XLSX_TYPE : CSV_TYPE,
      streetId: scope.streetId,
    });
    const at = ctx.now.toISOString();
    const expiresAt = new Date(ctx.now.getTime() + EXPORT_TTL_MS).toISOString();
    const record: ExportRecord = {
      id: ctx.deps.newId(),
      streetId: scope.streetId,
      fileId: stored.fileId,
      fileName,
      kind: input.kind,
      format: input.format,
      scope: input.scope,
      period: { from: input.period.from, to: input.period.to },
      noticeId: input.kind === 'coverage' ? (input.noticeId ?? null) : null,
      rows,
      createdBy: ctx.user.id,
      createdAt: at,
      expiresAt,
    };
    try {
      await ctx.deps.store.transact(async (tx) => {
        await tx.exports.create(record);
        await tx.audit.append({
          id: ctx.deps.newId(),
          at,
          actorId: ctx.user.id,
          action: 'assessment.export',
          targetType: 'export',
          targetId: record.id,
          streetId: scope.streetId,
          detail: {
            kind: input.kind,
            kindLabel: EXPORT_KIND_LABELS[input.kind],
            format: input.format,
            scope: { ...input.scope, name: scope.name },
            period: record.period,
            rows,
            sheetRows: counts,
            fileName,
            bytes: stored.size,
            ...detail,
          },
        });
      });
    } catch (e) {
      await ctx.deps.files.remove([stored.fileId]).catch(() => undefined);
      throw e;
    }
    const url = await ctx.deps.files.exportUrl(stored.fileId, Math.floor(EXPORT_TTL_MS / 1000));
    if (!url) throw new Error(`export ${record.id}: the stored file has no URL`);
    return { url, fileName, rows, expiresAt };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
