import type { NoticeDetail } from '@core/api/notice.contract';
import { PHOTO_KEEP_MS } from '../requests/request-draft';
import {
  beijingInstant,
  beijingParts,
  checkEdit,
  checkPublish,
  draftFromDetail,
  emptyNoticeDraft,
  isBlankNotice,
  noticeErrorsFromIssues,
  restoreNoticeDraft,
  toEditInput,
  toPublishInput,
  type NoticeDraft,
} from './notice-form';

/** 2026-03-05 10:20 in Beijing. */
const NOW = Date.parse('2026-03-05T02:20:00.000Z');
const HOUR = 3600000;

function filled(patch: Partial<NoticeDraft> = {}): NoticeDraft {
  return {
    ...emptyNoticeDraft(NOW, () => 0.5),
    level: 'communities',
    ids: ['community-1'],
    title: '东湖社区停水通知',
    body: '因管道检修，3月6日停水。\n\n- 请提前储水',
    category: 'utility',
    ...patch,
  };
}

describe('Beijing time', () => {
  it('reads an instant as a Beijing date and time whatever the phone’s zone', () => {
    expect(beijingParts(NOW)).toEqual({ date: '2026-03-05', time: '10:20' });
    expect(beijingParts(Date.parse('2026-03-05T17:00:00.000Z'))).toEqual({ date: '2026-03-06', time: '01:00' });
  });

  it('writes a Beijing date and time as an instant with its offset', () => {
    const iso = beijingInstant('2026-03-06', '08:00');
    expect(iso).toBe('2026-03-06T08:00:00+08:00');
    expect(Date.parse(iso!)).toBe(Date.parse('2026-03-06T00:00:00.000Z'));
  });

  it('refuses a date that does not exist or a malformed one', () => {
    expect(beijingInstant('2026-02-30', '08:00')).toBeNull();
    expect(beijingInstant('2026-3-6', '08:00')).toBeNull();
    expect(beijingInstant('2026-03-06', '8:00')).toBeNull();
  });
});

describe('a new form', () => {
  it('has its idempotency key from the start and suggests the next whole hour for a scheduled time', () => {
    const d = emptyNoticeDraft(NOW);
    expect(d.key).toMatch(/^[A-Za-z0-9]{24}$/);
    expect([d.publishDate, d.publishTime]).toEqual(['2026-03-05', '11:00']);
    expect([d.expireDate, d.expireTime]).toEqual(['2026-03-12', '11:00']);
    expect(isBlankNotice(d)).toBe(true);
    expect(isBlankNotice({ ...d, title: '停水' })).toBe(false);
  });
});

describe('checkPublish', () => {
  it('names everything an empty form is missing', () => {
    const errors = checkPublish(emptyNoticeDraft(NOW), NOW);
    expect(errors.scope).toBe('请选择发布范围');
    expect(errors.category).toBe('请选择通知类别');
    expect(errors.title).toBeTruthy();
    expect(errors.body).toBeTruthy();
  });

  it('asks for at least one place at a chosen level, except the whole street', () => {
    expect(checkPublish(filled({ level: 'grids', ids: [] }), NOW).scope).toBe('请至少选择一个网格');
    expect(checkPublish(filled({ level: 'buildings', ids: [] }), NOW).scope).toBe('请至少选择一栋楼');
    expect(checkPublish(filled({ level: 'street', ids: [] }), NOW)).toEqual({});
  });

  it('passes a complete form', () => {
    expect(checkPublish(filled(), NOW)).toEqual({});
  });

  it('refuses a scheduled time already past or more than 90 days ahead', () => {
    expect(checkPublish(filled({ scheduled: true, publishDate: '2026-03-05', publishTime: '09:00' }), NOW).publishAt).toContain('已经过了');
    expect(checkPublish(filled({ scheduled: true, publishDate: '2026-07-01', publishTime: '09:00' }), NOW).publishAt).toContain('90天');
    expect(checkPublish(filled({ scheduled: true, publishDate: '2026-03-06', publishTime: '09:00' }), NOW)).toEqual({});
  });

  it('wants the expiry after the publish time (now, or the scheduled time)', () => {
    expect(checkPublish(filled({ expires: true, expireDate: '2026-03-05', expireTime: '10:00' }), NOW).expiresAt).toBe('有效期应晚于发布时间');
    const scheduled = { scheduled: true, publishDate: '2026-03-07', publishTime: '09:00', expires: true };
    expect(checkPublish(filled({ ...scheduled, expireDate: '2026-03-06', expireTime: '09:00' }), NOW).expiresAt).toBe('有效期应晚于发布时间');
    expect(checkPublish(filled({ ...scheduled, expireDate: '2026-03-08', expireTime: '09:00' }), NOW)).toEqual({});
  });

  it('keeps the title within 40 characters', () => {
    expect(checkPublish(filled({ title: '通'.repeat(41) }), NOW).title).toContain('40');
  });
});

describe('toPublishInput', () => {
  it('sends the key, the scope and trimmed text; no times unless chosen', () => {
    const input = toPublishInput(filled({ title: '  停水通知 ', photos: [{ fileId: 'a'.repeat(32), preview: 'p' }], attachments: [{ fileId: 'b'.repeat(32), name: '说明.pdf', size: 10 }] }));
    expect(input).toEqual({
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
      scope: { level: 'communities', ids: ['community-1'] },
      title: '停水通知',
      body: '因管道检修，3月6日停水。\n\n- 请提前储水',
      imageFileIds: ['a'.repeat(32)],
      attachments: [{ fileId: 'b'.repeat(32), name: '说明.pdf' }],
      category: 'utility',
      urgent: false,
      requireAck: false,
      pinned: false,
    });
  });

  it('sends no place ids for the whole street, and Beijing times with their offset', () => {
    const input = toPublishInput(filled({ level: 'street', ids: ['left-over'], scheduled: true, publishDate: '2026-03-06', publishTime: '08:00', expires: true, expireDate: '2026-03-07', expireTime: '18:00' }));
    expect(input.scope).toEqual({ level: 'street', ids: [] });
    expect(input.publishAt).toBe('2026-03-06T08:00:00+08:00');
    expect(input.expiresAt).toBe('2026-03-07T18:00:00+08:00');
  });

  it('keeps the same key however often it is built (a retry publishes once)', () => {
    const d = filled();
    expect(toPublishInput(d).idempotencyKey).toBe(toPublishInput({ ...d, title: '改过的标题' }).idempotencyKey);
  });
});

const F1 = '1'.repeat(32);
const F2 = '2'.repeat(32);
const A1 = 'a'.repeat(32);

const detail: NoticeDetail = {
  id: 'n1',
  title: '停水通知',
  body: [
    { kind: 'p', text: '因管道检修停水。' },
    { kind: 'ol', items: ['储水', '关好水龙头'] },
  ],
  category: 'utility',
  categoryLabel: '停水停电',
  urgent: true,
  pinned: false,
  requireAck: true,
  publishAt: '2026-03-05T01:00:00.000Z',
  expiresAt: '2026-03-07T10:00:00.000Z',
  publisherLabel: '银杏街道办事处',
  state: 'published',
  stateLabel: '已发布',
  scopeText: '东湖社区',
  scope: { level: 'communities', ids: ['community-1'] },
  imageUrls: ['http://x/1', 'http://x/2'],
  imageFileIds: [F1, F2],
  attachments: [{ fileId: A1, name: '说明.pdf', size: 2048, url: 'http://x/a1' }],
  version: 2,
  revisions: [],
  updatedAt: '2026-03-05T01:00:00.000Z',
  withdrawnReason: null,
  mine: null,
  canManage: true,
};

describe('editing', () => {
  it('starts from the notice as it stands, the body as editable text', () => {
    const d = draftFromDetail(detail, NOW);
    expect(d.body).toBe('因管道检修停水。\n\n1. 储水\n2. 关好水龙头');
    expect(d.photos).toEqual([
      { fileId: F1, preview: 'http://x/1' },
      { fileId: F2, preview: 'http://x/2' },
    ]);
    expect(d.attachments).toEqual([{ fileId: A1, name: '说明.pdf', size: 2048 }]);
    expect([d.expires, d.expireDate, d.expireTime]).toEqual([true, '2026-03-07', '18:00']);
    expect([d.urgent, d.requireAck, d.category]).toEqual([true, true, 'utility']);
  });

  it('shows no wrong preview when some image links are missing', () => {
    const d = draftFromDetail({ ...detail, imageUrls: ['http://x/2'] }, NOW);
    expect(d.photos.map((p) => p.preview)).toEqual(['', '']);
  });

  it('requires a 修改说明 for readers', () => {
    const d = draftFromDetail(detail, NOW);
    expect(checkEdit(d, detail.publishAt, NOW).note).toContain('修改');
    expect(checkEdit({ ...d, note: '更正停水时间' }, detail.publishAt, NOW)).toEqual({});
  });

  it('wants an edited expiry after the notice’s publish time', () => {
    const d = { ...draftFromDetail(detail, NOW), note: '延长有效期', expireDate: '2026-03-05', expireTime: '08:00' };
    expect(checkEdit(d, detail.publishAt, NOW).expiresAt).toBe('有效期应晚于发布时间');
  });

  it('sends the version it was made from, with the note', () => {
    const input = toEditInput({ ...draftFromDetail(detail, NOW), note: ' 更正 ' }, 'n1', 2);
    expect(input).toMatchObject({ id: 'n1', version: 2, note: '更正', expiresAt: '2026-03-07T18:00:00+08:00' });
    expect(input).not.toHaveProperty('scope');
    expect(input).not.toHaveProperty('idempotencyKey');
  });
});

describe('restoreNoticeDraft', () => {
  it('brings back a kept form with its key', () => {
    const kept = filled({ filesAt: NOW - HOUR, photos: [{ fileId: 'f1', preview: 'p' }] });
    const back = restoreNoticeDraft(JSON.parse(JSON.stringify(kept)), NOW);
    expect(back?.draft).toEqual(kept);
    expect(back?.filesDropped).toBe(false);
  });

  it('drops uploads old enough to have been purged, and says so', () => {
    const kept = filled({ filesAt: NOW - PHOTO_KEEP_MS - 1, photos: [{ fileId: 'f1', preview: 'p' }], attachments: [{ fileId: 'a1', name: 'x.pdf', size: 1 }] });
    const back = restoreNoticeDraft(kept, NOW);
    expect(back?.draft.photos).toEqual([]);
    expect(back?.draft.attachments).toEqual([]);
    expect(back?.filesDropped).toBe(true);
  });

  it('trusts nothing malformed', () => {
    expect(restoreNoticeDraft(null, NOW)).toBeNull();
    expect(restoreNoticeDraft('x', NOW)).toBeNull();
    expect(restoreNoticeDraft({ ...filled(), key: 'bad key!' }, NOW)).toBeNull();
    const back = restoreNoticeDraft({ ...filled(), level: 'planet', category: 'gossip', publishDate: 'soon', photos: [{ fileId: 3 }] }, NOW)!;
    expect(back.draft.level).toBeNull();
    expect(back.draft.ids).toEqual([]);
    expect(back.draft.category).toBeNull();
    expect(back.draft.publishDate).toBe(emptyNoticeDraft(NOW).publishDate);
    expect(back.draft.photos).toEqual([]);
  });

  it('never restores an old 修改说明 (a new notice has none)', () => {
    expect(restoreNoticeDraft({ ...filled(), note: '旧说明' }, NOW)?.draft.note).toBe('');
  });
});

describe('noticeErrorsFromIssues', () => {
  it('puts each server issue on its field, the first one kept', () => {
    expect(
      noticeErrorsFromIssues([
        { path: 'imageFileIds.0', message: '图片无效' },
        { path: 'scope.ids', message: '范围' },
        { path: 'title', message: '标题一' },
        { path: 'title', message: '标题二' },
        { path: 'idempotencyKey', message: '编号' },
      ]),
    ).toEqual({ photos: '图片无效', scope: '范围', title: '标题一', form: '编号' });
  });
});
