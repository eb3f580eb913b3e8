import { SCOPE_KINDS } from '../assessment/counters';
import { INDICATOR_IDS } from '../assessment/indicators';
import { isCalendarDate } from '../assessment/periods';
import { id, int, obj, oneOf, optional, str, type Schema } from '../validation/schema';

/** A real Beijing calendar date 'YYYY-MM-DD' ('2026-02-30' is refused here, before any read). */
function calendarDate(label: string): Schema<string> {
  const text = str(label, { max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: `${label}应为 YYYY-MM-DD` });
  return {
    label,
    check(value, path, issues) {
      const v = text.check(value, path, issues);
      if (v === undefined) return undefined;
      if (!isCalendarDate(v)) {
        issues.push({ path, message: `${label}不是有效的日期` });
        return undefined;
      }
      return v;
    },
  };
}

// The order of the two dates and the range's length are checked by core checkRange in the use case.
const period = obj('统计区间', { from: calendarDate('开始日期'), to: calendarDate('结束日期') });
const scope = obj('统计范围', { kind: oneOf('统计范围', SCOPE_KINDS), id: id('统计范围') });
const weight = (label: string) => int(label, { min: 0, max: 100 });

export const ASSESSMENT_SCHEMAS = {
  dashboard: obj('参数', { scope, period, rankBy: optional(oneOf('排名对象', ['community', 'grid', 'worker'] as const)) }),
  figureRequests: obj('参数', { scope, period, figure: oneOf('指标', INDICATOR_IDS), cursor: optional(str('页码', { max: 400 })) }),
  mine: obj('参数', { period }),
  scorecard: obj('参数', { gridId: id('网格') }),
  weights: obj('参数', {}),
  saveWeights: obj('参数', {
    onTimeRate: weight('按期办结率权重'),
    satisfactionRate: weight('满意率权重'),
    solveRate: weight('解决率权重'),
    timelyAcceptRate: weight('及时受理率权重'),
  }),
} as const;
