/** Input schemas of the `notice` function. */
import {
  BODY_MAX,
  NOTICE_ATTACHMENTS_MAX,
  NOTICE_CATEGORIES,
  NOTICE_IMAGES_MAX,
  NOTICE_LEVELS,
  SCOPE_IDS_MAX,
  TITLE_MAX,
} from '../notices/notice';
import { ATTACHMENT_NAME_MAX } from '../shared/file-limits';
import { bool, id, instant, int, list, none, obj, oneOf, optional, str } from '../validation/schema';

const FILE_ID = /^(cloud:\/\/[\w.\-/]+|[0-9a-f]{32})$/;
const image = str('图片', { max: 256, pattern: FILE_ID, patternMessage: '图片无效，请重新上传' });
const attachment = obj('附件', {
  fileId: str('附件', { max: 256, pattern: FILE_ID, patternMessage: '附件无效，请重新上传' }),
  name: str('附件名称', { max: ATTACHMENT_NAME_MAX }),
});
const cursor = optional(str('分页', { max: 200 }));
const noticeId = id('通知');

const content = {
  title: str('标题', { min: 2, max: TITLE_MAX }),
  // The body is sanitized after this check; the limit leaves room for pasted markup.
  body: str('正文', { min: 2, max: BODY_MAX * 2, multiline: true }),
  imageFileIds: list('图片', image, { max: NOTICE_IMAGES_MAX }),
  attachments: list('附件', attachment, { max: NOTICE_ATTACHMENTS_MAX }),
  category: oneOf('通知类别', NOTICE_CATEGORIES),
  urgent: bool('紧急'),
  requireAck: bool('需要确认知晓'),
  pinned: bool('置顶'),
  expiresAt: optional(instant('过期时间')),
};

export const NOTICE_SCHEMAS = {
  feed: obj('参数', { cursor }),
  unread: none,
  open: obj('参数', { id: noticeId }),
  acknowledge: obj('参数', { id: noticeId }),
  scopeOptions: none,
  publish: obj('通知', {
    idempotencyKey: str('发布编号', { min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
    scope: obj('发布范围', {
      level: oneOf('发布范围', NOTICE_LEVELS),
      ids: list('发布范围', id('发布范围'), { max: SCOPE_IDS_MAX }),
    }),
    ...content,
    publishAt: optional(instant('发布时间')),
  }),
  edit: obj('通知', {
    id: noticeId,
    version: int('版本', { min: 1, max: Number.MAX_SAFE_INTEGER }),
    ...content,
    note: str('修改说明', { min: 2, max: 100 }),
  }),
  withdraw: obj('撤回', { id: noticeId, version: int('版本', { min: 1, max: Number.MAX_SAFE_INTEGER }), reason: str('撤回原因', { min: 2, max: 100 }) }),
  manageList: obj('参数', { cursor }),
  coverage: obj('参数', { id: noticeId }),
  gridReach: obj('参数', { id: noticeId, gridId: id('网格') }),
  markReached: obj('告知', {
    id: noticeId,
    householdId: id('住户'),
    method: oneOf('告知方式', ['visit', 'phone'] as const),
    note: optional(str('备注', { max: 100 })),
  }),
} as const;
