/**
 * Input schemas of every action, in the contract's shapes. The functions validate with them at the
 * boundary; the app's forms check with the same ones before sending.
 */
import { INTRO_MAX } from '../contact-card/contact-card';
import { TIME_PATTERN, WEEKDAYS, type Weekday } from '../contact-card/duty-hours';
import { PHONE_PATTERN } from '../people/phone';
import { type Schema, id, int, list, none, nullable, obj, optional, str } from '../validation/schema';
import type { UpdateCardInput } from './contract';

const weekday: Schema<Weekday> = {
  label: '星期',
  check(value, path, issues) {
    if (typeof value !== 'number' || !(WEEKDAYS as readonly number[]).includes(value)) {
      issues.push({ path, message: '请选择有效的星期' });
      return undefined;
    }
    return value as Weekday;
  },
};

const time = (label: string) => str(label, { max: 5, pattern: TIME_PATTERN, patternMessage: `${label}格式应为 08:30` });

export const dutySlotSchema = obj('值班时段', {
  days: list('值班星期', weekday, { min: 1, max: 7 }),
  start: time('上班时间'),
  end: time('下班时间'),
});

export const updateCardSchema: Schema<UpdateCardInput> = (() => {
  const base = obj('联系卡', {
    displayName: str('显示姓名', { max: 10 }),
    workPhone: str('工作电话', { max: 20, pattern: PHONE_PATTERN, patternMessage: '工作电话应为11位手机号或带区号的固定电话' }),
    photoFileId: nullable(str('照片', { max: 256 })),
    dutyHours: list('值班时段', dutySlotSchema, { min: 1, max: 4 }),
    intro: optional(str('个人简介', { min: 0, max: INTRO_MAX, multiline: true })),
  });
  return {
    label: base.label,
    check(value, path, issues) {
      const v = base.check(value, path, issues);
      return v ? { ...v, photoFileId: v.photoFileId ?? null, intro: v.intro ?? '' } : undefined;
    },
  };
})();

export const SCHEMAS = {
  account: {
    me: none,
    communities: none,
    buildings: obj('参数', { communityId: id('社区') }),
    households: obj('参数', { buildingId: id('楼栋'), unit: int('单元', { min: 1, max: 99 }) }),
    gridByQr: obj('参数', { token: id('二维码') }),
    bindHousehold: obj('参数', { householdId: id('房屋') }),
    bindByQr: obj('参数', { token: id('二维码'), householdId: optional(id('房屋')) }),
    leaveHousehold: none,
    // A file the app just wrote to cloud storage (cloud://…/uploads/<userId>/<name>) or a local upload id.
    claimUpload: obj('参数', {
      fileId: str('文件', { max: 256, pattern: /^(cloud:\/\/[\w.\-/]+|[0-9a-f]{32})$/, patternMessage: '文件无效，请重新上传' }),
    }),
  },
  grid: {
    myCard: none,
    card: obj('参数', { gridId: id('网格') }),
    myCardEdit: none,
    updateMyCard: updateCardSchema,
    list: obj('参数', { communityId: optional(id('社区')) }),
    workers: obj('参数', { communityId: optional(id('社区')) }),
    assign: obj('参数', {
      gridId: id('网格'),
      primaryWorkerId: id('网格员'),
      backupWorkerId: nullable(id('B角')),
      version: int('版本', { min: 0, max: Number.MAX_SAFE_INTEGER }),
    }),
    poster: obj('参数', { gridId: id('网格') }),
  },
} as const;
