/**
 * `npm run wgt -- assessment recount [--fix] [--street <街道id>] [--cloud]`
 *
 * Rebuilds the 考核 counters from the requests and compares them with the stored ones (the same use case
 * as the nightly job, without its time budget: a street of a million requests takes about a minute
 * locally). Prints what differs; with --fix overwrites the differing counters with the recomputed values.
 * Exit 0 when everything agreed (or was fixed), 1 when differences were found and left, 2 on bad usage.
 */
import { recountAssessment, recountReportLines } from '../../server/use-cases/assessment/recount';
import { flagValue, type CliCommand } from './cli-args';
import { openTarget, withTarget, type OpenTarget } from './target';

const USAGE = '用法: npm run wgt -- assessment recount [--fix] [--street <街道ID>] [--cloud]';

export function assessmentCommand(open: OpenTarget = (a) => openTarget(a), out: (line: string) => void = console.log, err: (line: string) => void = console.error): CliCommand {
  return async (args) => {
    if (args.positionals[0] !== 'recount' || args.positionals.length > 1) {
      err(USAGE);
      return 2;
    }
    const fix = args.flags.fix === true;
    const street = flagValue(args, 'street');
    return withTarget(open, args, err, '未重算', async (target) => {
      out(`正在重算考核统计（${target.kind === 'cloud' ? `云开发环境 ${target.where}` : target.where}）…`);
      const report = await recountAssessment(target.deps, { fix, ...(street ? { streetIds: [street] } : {}) });
      for (const line of recountReportLines(report, fix)) out(line);
      if (report.status === 'locked') return 1;
      return report.differences.count > 0 && !fix ? 1 : 0;
    });
  };
}

export const command: CliCommand = assessmentCommand();
