import { messageTime } from './message-time';

const now = new Date(2026, 2, 10, 12, 0).getTime();

describe('messageTime', () => {
  it('says how long ago within the last day', () => {
    expect(messageTime(new Date(now - 20 * 1000).toISOString(), now)).toBe('刚刚');
    expect(messageTime(new Date(now - 5 * 60 * 1000).toISOString(), now)).toBe('5分钟前');
    expect(messageTime(new Date(now - 3 * 3600 * 1000 - 1).toISOString(), now)).toBe('3小时前');
  });

  it('gives the date and time for older messages, the year only when it differs', () => {
    expect(messageTime(new Date(2026, 2, 5, 14, 30).toISOString(), now)).toBe('3月5日 14:30');
    expect(messageTime(new Date(2025, 11, 31, 8, 5).toISOString(), now)).toBe('2025年12月31日 08:05');
  });
});
