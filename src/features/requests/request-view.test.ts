import type { RequestSummary } from '@core/api/request.contract';
import { byDeadline, dueText, formatDateTime, mergePages, statusTone } from './request-view';

const now = Date.parse('2026-03-10T08:00:00.000Z');
const after = (ms: number) => new Date(now + ms).toISOString();
const H = 3600 * 1000;

describe('dueText', () => {
  it('counts days and hours left, rounded down', () => {
    expect(dueText(after(27 * H + 59 * 60 * 1000), now)).toEqual({ text: '剩余1天3小时', overdue: false });
    expect(dueText(after(48 * H), now)).toEqual({ text: '剩余2天', overdue: false });
    expect(dueText(after(5 * H + 30 * 60 * 1000), now)).toEqual({ text: '剩余5小时', overdue: false });
    expect(dueText(after(42 * 60 * 1000), now)).toEqual({ text: '剩余42分钟', overdue: false });
    expect(dueText(after(20 * 1000), now)).toEqual({ text: '即将到期', overdue: false });
  });

  it('says how long a past deadline has been missed', () => {
    expect(dueText(after(-2 * H - 10 * 60 * 1000), now)).toEqual({ text: '已超期2小时', overdue: true });
    expect(dueText(after(-(3 * 24 + 1) * H), now)).toEqual({ text: '已超期3天1小时', overdue: true });
    expect(dueText(after(-10 * 1000), now)).toEqual({ text: '已超期1分钟', overdue: true });
  });

  it('has nothing to say without a valid deadline', () => {
    expect(dueText(null, now)).toBeNull();
    expect(dueText('not a date', now)).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('leaves out the current year and pads the time, in Beijing time whatever the phone is set to', () => {
    expect(formatDateTime('2026-01-05T09:05:00+08:00', Date.parse('2026-06-01T00:00:00+08:00'))).toBe('1月5日 09:05');
    expect(formatDateTime('2026-01-05T01:05:00Z', Date.parse('2026-06-01T00:00:00+08:00'))).toBe('1月5日 09:05');
  });

  it('names another year, judged by the Beijing date', () => {
    expect(formatDateTime('2025-12-30T14:30:00+08:00', Date.parse('2026-01-02T00:00:00+08:00'))).toBe('2025年12月30日 14:30');
    expect(formatDateTime('2025-12-31T16:30:00Z', Date.parse('2026-01-02T00:00:00+08:00'))).toBe('1月1日 00:30');
  });
});

describe('statusTone', () => {
  it('marks an open request past its deadline red', () => {
    expect(statusTone('accepted', true)).toBe('danger');
    expect(statusTone('submitted', false)).toBe('primary');
  });

  it('never marks a closed request red, whatever its deadline', () => {
    expect(statusTone('archived', true)).toBe('success');
    expect(statusTone('withdrawn', true)).toBe('muted');
  });

  it('shows waiting on someone else in amber', () => {
    expect(statusTone('resolved', false)).toBe('warning');
    expect(statusTone('held', false)).toBe('warning');
  });
});

function summary(id: string, dueAt: string | null, createdAt = '2026-03-01T00:00:00.000Z'): RequestSummary {
  return {
    id,
    categoryName: '环境卫生',
    excerpt: '',
    status: 'submitted',
    statusLabel: '待受理',
    source: 'resident',
    gridId: 'g1',
    gridName: '第1网格',
    createdAt,
    dueAt,
    dueKind: dueAt ? 'response' : null,
    overdue: false,
    reopenCount: 0,
    photoCount: 0,
  };
}

describe('byDeadline', () => {
  it('puts the earliest deadline first and requests without one last, newest first', () => {
    const items = [
      summary('closed-old', null, '2026-01-01T00:00:00.000Z'),
      summary('late', after(5 * H)),
      summary('closed-new', null, '2026-02-01T00:00:00.000Z'),
      summary('overdue', after(-H)),
    ];
    expect([...items].sort(byDeadline).map((i) => i.id)).toEqual(['overdue', 'late', 'closed-new', 'closed-old']);
  });
});

describe('mergePages', () => {
  it('appends the next page and keeps one copy of an item that moved', () => {
    const merged = mergePages([summary('a', null), summary('b', null)], [summary('b', null), summary('c', null)]);
    expect(merged.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});
