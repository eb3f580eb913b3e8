/**
 * 考核指标表 and 月度排名: placeholder until the counters (AssessmentRepository) land on this branch.
 */
import type { PeriodInput } from '@core/api/assessment.contract';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../../functions/define-function';
import type { SheetData } from '../../adapters/spreadsheet/export-writer';
import type { ExportScope } from './export-scope';

export async function figureSheets(
  _ctx: UserContext,
  _kind: 'assessment' | 'ranking',
  _scope: ExportScope,
  _period: PeriodInput,
  _titleOf: (what: string) => string,
): Promise<SheetData[]> {
  throw new DomainError('INPUT.INVALID', '考核指标表和月度排名暂未开放导出');
}
