import type { CoverageRow } from '@core/api/notice.contract';
import { coverageFacts, coverageTone, reachFacts, revisionText, stateTone, timeText } from './notice-view';

const row: CoverageRow = { id: 'g', name: '第1网格', households: 300, reached: 12, rate: 0.04, rateText: '4.0%', reads: 15, acks: 3, byVisit: 2, byPhone: 0 };
const NOW = Date.parse('2026-03-05T12:00:00+08:00');

describe('coverage', () => {
  it('colours coverage by how far it has come', () => {
    expect(coverageTone(0.95)).toBe('success');
    expect(coverageTone(0.9)).toBe('success');
    expect(coverageTone(0.6)).toBe('primary');
    expect(coverageTone(0.59)).toBe('warning');
  });

  it('lists reached households, reads, acknowledgements only when asked for, and visits and calls only when there are any', () => {
    expect(coverageFacts(row, true)).toEqual(['已到户 12/300户', '已读 15人', '已知晓 3人', '上门 2户']);
    expect(coverageFacts(row, false)).toEqual(['已到户 12/300户', '已读 15人', '上门 2户']);
    expect(coverageFacts({ ...row, byVisit: 0, byPhone: 4 }, false)).toEqual(['已到户 12/300户', '已读 15人', '电话 4户']);
    expect(reachFacts(row)).toEqual(['已到户 12/300户', '上门 2户']);
    expect(reachFacts({ ...row, byVisit: 0 })).toEqual(['已到户 12/300户']);
  });

  it('colours every state', () => {
    expect(stateTone('published')).toBe('success');
    expect(stateTone('scheduled')).toBe('primary');
    expect(stateTone('withdrawn')).toBe('danger');
    expect(stateTone('expired')).toBe('muted');
  });
});

describe('times', () => {
  it('shows Beijing time whatever the instant was written in', () => {
    expect(timeText('2026-03-05T01:30:00.000Z', NOW)).toBe('3月5日 09:30');
    expect(timeText(null, NOW)).toBe('');
    expect(timeText('not a time', NOW)).toBe('');
  });

  it('tells readers when and why a notice changed', () => {
    expect(revisionText({ editedAt: '2026-03-05T01:30:00.000Z', note: ' 更正停水时间 ' }, NOW)).toBe('已于3月5日 09:30 修改：更正停水时间');
    expect(revisionText({ editedAt: '2026-03-05T01:30:00.000Z', note: '' }, NOW)).toBe('已于3月5日 09:30 修改');
  });
});
