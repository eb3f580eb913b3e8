/**
 * `npm run wgt -- import …`: a street's registers (台账) from a spreadsheet, through the same use cases as
 * the register function (planner, jobs, audit), by the command line.
 *
 *   import template --out street.xlsx                      write the template (one sheet per kind)
 *   import <file> --street <code> [--dry-run] [--json]     check the file; then (unless --dry-run) import it
 *
 * Exit 1 when the file has problems (nothing is written then); `--json` prints one object {counts, problems}.
 * Local data folder by default; `--cloud` for CloudBase (the import runs here, batch by batch, as the app does).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { REGISTER_KIND_LABELS, REGISTER_KINDS, REMOVED_HINT, type RegisterReport } from '../../core/api/register.contract';
import type { RegisterReader } from '../../core/registers/register-data';
import { spreadsheetRegisterReader } from '../../server/adapters/spreadsheet/register-reader';
import { writeRegisterTemplate } from '../../server/adapters/spreadsheet/template';
import { runImport } from '../../server/use-cases/registers/apply';
import { planImport } from '../../server/use-cases/registers/register-import';
import { flagValue, type CliArgs, type CliCommand } from './cli-args';
import { openTarget, withTarget, type OpenTarget } from './target';

const USAGE = [
  '用法：',
  '  npm run wgt -- import template --out <文件.xlsx>',
  '  npm run wgt -- import <台账文件> --street <街道代码> [--dry-run] [--json] [--cloud]',
].join('\n');

/** Problems shown in full before the rest are only counted. */
const PROBLEMS_SHOWN = 50;

/** The report as a person reads it in a terminal: counts per kind, then each problem where Excel shows it. */
export function formatReport(report: RegisterReport): string[] {
  const lines = ['类型      新增    修改    不变    移除'];
  for (const kind of REGISTER_KINDS) {
    const c = report.counts[kind];
    const label = REGISTER_KIND_LABELS[kind];
    lines.push(`${label}${'　'.repeat(4 - label.length)}  ${[c.added, c.changed, c.unchanged, c.removed].map((n) => String(n).padStart(6)).join('  ')}`);
  }
  if (REGISTER_KINDS.some((k) => report.counts[k].removed > 0)) lines.push(REMOVED_HINT);
  if (report.toVerify.length) {
    lines.push(`待核实：${report.toVerify.length} 户不在本次台账中但已有居民绑定或诉求，已保留并标记为待核实：`);
    for (const address of report.toVerify.slice(0, PROBLEMS_SHOWN)) lines.push(`  ${address}`);
    if (report.toVerify.length > PROBLEMS_SHOWN) lines.push(`  ……另有 ${report.toVerify.length - PROBLEMS_SHOWN} 户`);
  }
  if (report.problems.length === 0) {
    lines.push('检查通过：没有发现问题。');
    return lines;
  }
  lines.push(`发现 ${report.problems.length} 个问题（改正后重新导入）：`);
  for (const p of report.problems.slice(0, PROBLEMS_SHOWN)) {
    const where = [p.sheet, p.row === null ? null : `第 ${p.row} 行`, p.column ? `「${p.column}」列` : null].filter(Boolean).join(' ');
    lines.push(`  ${where}：${p.message}（${p.code}）`);
  }
  if (report.problems.length > PROBLEMS_SHOWN) lines.push(`  ……另有 ${report.problems.length - PROBLEMS_SHOWN} 个问题`);
  return lines;
}

export interface ImportCommandOptions {
  open?: OpenTarget;
  reader?: RegisterReader;
  template?: () => Promise<Buffer>;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export function importCommand(options: ImportCommandOptions = {}): CliCommand {
  const open = options.open ?? ((a: CliArgs) => openTarget(a));
  const reader = options.reader ?? spreadsheetRegisterReader;
  const template = options.template ?? writeRegisterTemplate;
  const out = options.out ?? console.log;
  const err = options.err ?? console.error;
  return async (args) => {
    const [first] = args.positionals;
    if (first === 'template') {
      const target = flagValue(args, 'out');
      if (!target) {
        err(`--out 后面需要文件路径\n${USAGE}`);
        return 2;
      }
      writeFileSync(resolve(target), await template());
      out(`已写入模板：${target}`);
      return 0;
    }
    const code = flagValue(args, 'street');
    if (!first || !code) {
      err(USAGE);
      return 2;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(resolve(first)));
    } catch {
      err(`无法读取文件：${first}`);
      return 1;
    }
    const json = args.flags.json === true;
    const dryRun = args.flags['dry-run'] === true;
    return withTarget(open, args, err, '未导入', async (target) => {
      const deps = { ...target.deps, registerReader: reader };
      const street = await deps.store.people.findStreetByCode(code);
      if (!street) {
        err(`没有找到街道代码为 ${code} 的街道（${target.where}）`);
        return 1;
      }
      const file = { bytes, name: basename(first) };
      const fileId = `cli:${basename(first)}`;
      const { report } = await planImport(deps, street.id, fileId, file, undefined);
      if (json) out(JSON.stringify({ counts: report.counts, problems: report.problems }));
      else formatReport(report).forEach((l) => out(l));
      if (!report.clean) return 1;
      if (dryRun) {
        if (!json) out('未写入（--dry-run）。');
        return 0;
      }
      // One call = one function run on CloudBase: each line says what the run wrote and how long it took.
      let calls = 0;
      let done = 0;
      const call = async (jobId?: string) => {
        const started = Date.now();
        const next = await runImport(deps, { streetId: street.id, actorId: 'cli', fileId, file, jobId });
        calls++;
        if (!json) out(`第 ${calls} 次：写入 ${next.done - done} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} s（${next.done}/${next.total}）`);
        done = next.done;
        return next;
      };
      let view = await call();
      while (view.status === 'running') view = await call(view.jobId);
      if (view.status === 'failed') {
        err(`导入失败：${view.error ?? ''}`);
        return 1;
      }
      if (!json) out(`已导入到 ${street.name}（${target.where}）：${view.total} 处写入，共 ${calls} 次调用。`);
      return 0;
    });
  };
}

export const command: CliCommand = importCommand();
