import { messageTime } from './message-time';

const now = Date.parse('2026-03-10T12:00:00+08:00');

describe('messageTime', () => {
  it('says how long ago within the last day', () => {
    expect(messageTime(new Date(now - 20 * 1000).toISOString(), now)).toBe('刚刚');
    expect(messageTime(new Date(now - 5 * 60 * 1000).toISOString(), now)).toBe('5分钟前');
    expect(messageTime(new Date(now - 3 * 3600 * 1000 - 1).toISOString(), now)).toBe('3小时前');
  });

  it('gives the date and time for older messages, the year only when it differs', () => {
    expect(messageTime('2026-03-05T14:30:00+08:00', now)).toBe('3月5日 14:30');
    expect(messageTime('2025-12-31T08:05:00+08:00', now)).toBe('2025年12月31日 08:05');
  });
});
