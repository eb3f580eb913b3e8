/** Input schemas of the `request` function (the `message` function's are in message.schemas.ts). */
import { PHONE_PATTERN } from '../people/phone';
import { DESCRIPTION_MAX, NOTE_MAX, PHOTOS_MAX, type GeoPoint } from '../requests/request';
import { RATINGS, REQUEST_STATUSES } from '../requests/request.status';
import { type Schema, bool, date, id, int, list, none, obj, oneOf, optional, str } from '../validation/schema';
import { WORKLIST_TABS } from './request.contract';

const number = (label: string, min: number, max: number): Schema<number> => ({
  label,
  check(value, path, issues) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      issues.push({ path, message: `${label}无效` });
      return undefined;
    }
    return value;
  },
});

const geo: Schema<GeoPoint> = (() => {
  const base = obj('位置', {
    latitude: number('纬度', -90, 90),
    longitude: number('经度', -180, 180),
    name: optional(str('位置名称', { max: 60 })),
  });
  return { label: '位置', check: (v, p, i) => { const r = base.check(v, p, i); return r ? { ...r, name: r.name ?? null } : undefined; } };
})();

/** A file id from our storage: local ids are hex, CloudBase ids are cloud:// paths. */
const fileId = str('图片', { max: 256, pattern: /^(cloud:\/\/[\w.\-/]+|[0-9a-f]{32})$/, patternMessage: '图片无效，请重新上传' });
const photos = list('图片', fileId, { max: PHOTOS_MAX });
const idempotencyKey = str('提交编号', { min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
const description = str('问题描述', { min: 5, max: DESCRIPTION_MAX, multiline: true });
const note = (label: string, min = 1) => str(label, { min, max: NOTE_MAX, multiline: true });
const ref = { id: id('诉求'), version: int('版本', { min: 0, max: Number.MAX_SAFE_INTEGER }) };
const cursor = optional(str('分页', { max: 200 }));
const isoDate = date('日期');

const submitShape = {
  idempotencyKey,
  categoryId: id('诉求类别'),
  description,
  photoFileIds: photos,
  location: optional(geo),
  address: optional(str('地址', { max: 100 })),
  callbackPhone: optional(str('回电号码', { max: 20, pattern: PHONE_PATTERN, patternMessage: '回电号码应为11位手机号或带区号的固定电话' })),
};

export const REQUEST_SCHEMAS = {
  request: {
    categories: none,
    departments: none,
    submit: obj('诉求', { ...submitShape, hideName: optional(bool('隐藏姓名')) }),
    file: obj('诉求', {
      ...submitShape,
      gridId: id('网格'),
      source: oneOf('来源', ['patrol', 'proxy'] as const),
      residentName: optional(str('居民姓名', { max: 10 })),
      consentNote: optional(str('居民同意情况', { max: 100 })),
    }),
    mine: obj('参数', { cursor, list: optional(oneOf('列表', ['filed', 'following'] as const)) }),
    // While writing: any text so far (the form asks after a few characters); never stored.
    similar: obj('参数', { categoryId: id('诉求类别'), description: str('问题描述', { min: 1, max: DESCRIPTION_MAX, multiline: true }) }),
    metoo: obj('参数', { id: id('诉求') }),
    rateFollowed: obj('评价', { id: id('诉求'), rating: oneOf('评价', RATINGS), comment: optional(note('评价内容', 0)) }),
    mergeCandidates: obj('参数', { id: id('诉求') }),
    merge: obj('合并', { ...ref, targetId: id('合并到的诉求'), note: optional(note('合并说明', 0)) }),
    worklist: obj('参数', { tab: oneOf('列表', WORKLIST_TABS), cursor }),
    streetList: obj('筛选', {
      communityId: optional(id('社区')),
      gridId: optional(id('网格')),
      categoryId: optional(id('诉求类别')),
      status: optional(oneOf('状态', REQUEST_STATUSES)),
      overdue: optional(bool('超期')),
      from: optional(isoDate),
      to: optional(isoDate),
      cursor,
    }),
    detail: obj('参数', { id: id('诉求') }),
    accept: obj('参数', ref),
    dispatch: obj('派遣', { ...ref, target: oneOf('派遣对象', ['community', 'department'] as const), departmentId: optional(id('部门')), reason: note('派遣原因') }),
    reject: obj('不予受理', { ...ref, reason: note('不予受理的原因') }),
    withdraw: obj('参数', ref),
    progress: obj('处置反馈', { ...ref, note: note('处置情况'), photoFileIds: photos }),
    resolve: obj('办结', { ...ref, note: note('办理结果'), photoFileIds: photos }),
    confirm: obj('确认', { ...ref, rating: oneOf('评价', ['satisfied', 'basically_satisfied'] as const), comment: optional(note('评价内容', 0)) }),
    rate: obj('评价', { ...ref, rating: oneOf('评价', RATINGS), comment: optional(note('评价内容', 0)) }),
    reopen: obj('重办', { ...ref, comment: note('不满意的原因') }),
    verify: obj('核查', { ...ref, note: note('核查情况') }),
    reassign: obj('改派', { ...ref, gridId: id('网格'), reason: note('改派原因') }),
    release: obj('参数', ref),
    refuse: obj('审核', { ...ref, reason: note('不通过的原因') }),
    calendarStatus: none,
    // Dates are checked by checkYearCalendar (CALENDAR.* codes naming the date); here only the shape and size.
    importCalendar: obj('工作日历', {
      year: int('年份', { min: 2000, max: 2100 }),
      calendar: obj('工作日历', {
        year: int('年份', { min: 2000, max: 2100 }),
        holidays: list('放假日期', str('日期', { max: 10 }), { max: 366 }),
        workdays: list('调休上班日期', str('日期', { max: 10 }), { max: 366 }),
      }),
    }),
  },
} as const;
