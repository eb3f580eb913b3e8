import { badgeText, extrasText, feedTags } from './feed-view';

const base = { pinned: false, urgent: false, read: false, changedSinceRead: false, requireAck: false, acknowledged: false };

describe('feedTags', () => {
  it('marks pinned before urgent, most pressing first', () => {
    expect(feedTags({ ...base, pinned: true, urgent: true }).map((t) => t.text)).toEqual(['置顶', '紧急']);
  });

  it('says 需确认 until the resident confirms, then 已确认', () => {
    expect(feedTags({ ...base, requireAck: true }).map((t) => t.key)).toEqual(['ack']);
    expect(feedTags({ ...base, requireAck: true, read: true, acknowledged: true }).map((t) => t.text)).toEqual(['已确认']);
  });

  it('says 已更新 only for a notice read before its latest edit', () => {
    expect(feedTags({ ...base, read: true, changedSinceRead: true }).map((t) => t.text)).toEqual(['已更新']);
    // Never opened: it is simply unread, not "updated".
    expect(feedTags({ ...base, read: false, changedSinceRead: true })).toEqual([]);
  });

  it('has no marks for an ordinary notice', () => {
    expect(feedTags(base)).toEqual([]);
  });
});

describe('extrasText', () => {
  it('names images and attachments that come with the notice', () => {
    expect(extrasText({ imageCount: 2, attachmentCount: 1 })).toBe('图片2 · 附件1');
    expect(extrasText({ imageCount: 0, attachmentCount: 3 })).toBe('附件3');
    expect(extrasText({ imageCount: 0, attachmentCount: 0 })).toBe('');
  });
});

describe('badgeText', () => {
  it('shows nothing when all are read', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-1)).toBeNull();
    expect(badgeText(Number.NaN)).toBeNull();
  });

  it('shows the count, and 99+ from 99 on', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(42)).toBe('42');
    expect(badgeText(99)).toBe('99+');
    expect(badgeText(150)).toBe('99+');
  });
});
