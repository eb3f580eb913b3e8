/** Input schema of `assessment.export` (the views' schemas live beside it in assessment.schemas.ts). */
import { EXPORT_KINDS } from './assessment.contract';
import { SCOPE_KINDS } from '../assessment/counters';
import { id, obj, oneOf, optional, str } from '../validation/schema';

/** The shape only; whether it is a real calendar date is the use case's check (core/assessment/periods checkRange). */
const day = (label: string) => str(label, { min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: `${label}格式应为 2026-11-01` });

export const exportSchema = obj('参数', {
  kind: oneOf('报表', EXPORT_KINDS),
  format: oneOf('文件格式', ['xlsx', 'csv'] as const),
  scope: obj('范围', { kind: oneOf('范围', SCOPE_KINDS), id: id('范围') }),
  period: obj('统计区间', { from: day('开始日期'), to: day('结束日期') }),
  noticeId: optional(id('通知')),
});
