/** Input schemas of the `checkin` function. */
import { CHECKIN_ANSWERS, CHECKIN_NOTE_MAX, CHECKIN_QUESTION_MAX } from '../checkins/checkin';
import { NOTICE_LEVELS, SCOPE_IDS_MAX, TITLE_MAX } from '../notices/notice';
import { id, list, none, obj, oneOf, optional, str } from '../validation/schema';

const checkInId = id('报平安');
const note = optional(str('情况说明', { min: 0, max: CHECKIN_NOTE_MAX, multiline: true }));

export const CHECKIN_SCHEMAS = {
  start: obj('报平安', {
    idempotencyKey: str('发起编号', { min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
    scope: obj('范围', {
      level: oneOf('范围', NOTICE_LEVELS),
      ids: list('范围', id('范围'), { max: SCOPE_IDS_MAX }),
    }),
    question: optional(str('问题', { min: 4, max: CHECKIN_QUESTION_MAX })),
    notice: optional(obj('紧急通知', { title: str('通知标题', { min: 2, max: TITLE_MAX }), body: str('通知正文', { min: 2, max: 2000, multiline: true }) })),
  }),
  list: none,
  progress: obj('参数', { id: checkInId }),
  doors: obj('参数', { id: checkInId, gridId: id('网格') }),
  mine: none,
  answer: obj('报平安', { id: checkInId, answer: oneOf('回复', CHECKIN_ANSWERS), note }),
  answerFor: obj('代报平安', {
    id: checkInId,
    householdId: id('住户'),
    answer: oneOf('回复', CHECKIN_ANSWERS),
    via: oneOf('联系方式', ['phone', 'door'] as const),
    note,
  }),
  remind: obj('提醒', { id: checkInId, gridId: id('网格') }),
  close: obj('参数', { id: checkInId }),
};
