/** Input schemas of the `visit` function (走访 / 巡查). The record form checks with the same ones before it queues a visit. */
import { KEY_GROUPS } from '../places/place';
import { type Schema, date, id, instant, list, obj, oneOf, optional, str } from '../validation/schema';
import { VISIT_KINDS, VISIT_MET_MAX, VISIT_NOTE_MAX, VISIT_OUTCOMES, VISIT_PHOTOS_MAX, type VisitLocation } from '../visits/visit';

const coordinate = (label: string, min: number, max: number): Schema<number> => ({
  label,
  check(value, path, issues) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      issues.push({ path, message: `${label}无效` });
      return undefined;
    }
    return value;
  },
});

const location: Schema<VisitLocation> = obj('位置', { latitude: coordinate('纬度', -90, 90), longitude: coordinate('经度', -180, 180) });
const fileId = str('图片', { max: 256, pattern: /^(cloud:\/\/[\w.\-/]+|[0-9a-f]{32})$/, patternMessage: '图片无效，请重新上传' });

export const VISIT_SCHEMAS = {
  visit: {
    record: obj('走访记录', {
      clientKey: str('记录编号', { min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
      kind: oneOf('走访类型', VISIT_KINDS),
      gridId: id('网格'),
      householdId: optional(id('房屋')),
      buildingId: optional(id('楼栋')),
      at: instant('走访时间'),
      met: optional(str('见到的人', { min: 0, max: VISIT_MET_MAX })),
      note: str('走访情况', { min: 1, max: VISIT_NOTE_MAX, multiline: true }),
      photoFileIds: optional(list('图片', fileId, { max: VISIT_PHOTOS_MAX })),
      outcome: oneOf('走访结果', VISIT_OUTCOMES),
      requestId: optional(id('诉求')),
      followUpOn: optional(date('回访日期')),
      location: optional(location),
    }),
    due: obj('参数', { gridId: id('网格') }),
    households: obj('参数', {
      gridId: id('网格'),
      buildingId: optional(id('楼栋')),
      keyGroup: optional(oneOf('重点人群', KEY_GROUPS)),
    }),
    history: obj('参数', { householdId: id('房屋') }),
    coverage: obj('参数', { from: date('开始日期'), to: date('结束日期'), communityId: optional(id('社区')) }),
  },
} as const;
