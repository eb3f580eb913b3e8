import type { RegisterReport } from '@core/api/register.contract';
import { canApply, countRows, problemPlace, progressPercent, uploadErrorMessage } from './report-view';

const zero = { added: 0, changed: 0, unchanged: 0, removed: 0 };
const report = (over: Partial<RegisterReport> = {}): RegisterReport => ({
  fileId: 'f',
  counts: { communities: { ...zero, added: 1 }, grids: { ...zero, added: 1 }, households: { ...zero, added: 3, removed: 2 }, staff: zero },
  problems: [],
  toVerify: [],
  clean: true,
  ...over,
});

test('a count row per kind the file touches, in the template order, with labels', () => {
  expect(countRows(report()).map((r) => [r.label, r.counts.added, r.counts.removed])).toEqual([
    ['社区', 1, 0],
    ['网格', 1, 0],
    ['房屋', 3, 2],
  ]);
});

test('apply is allowed only for a clean report without problems', () => {
  expect(canApply(report())).toBe(true);
  const problem = { sheet: '工作人员', row: 2, column: '手机号', code: 'IMPORT.MOBILE_INVALID', message: '手机号应为11位数字，以1开头' };
  expect(canApply(report({ problems: [problem], clean: false }))).toBe(false);
  expect(problemPlace(problem)).toEqual({ row: '2', column: '手机号' });
  expect(problemPlace({ row: null, column: null })).toEqual({ row: '—', column: '—' });
});

test('progress is done/total in percent, clamped; a job with nothing to write is full', () => {
  expect(progressPercent({ done: 1, total: 3 })).toBe(33);
  expect(progressPercent({ done: 5, total: 3 })).toBe(100);
  expect(progressPercent({ done: 0, total: 0 })).toBe(100);
});

test('a file the upload path refuses is explained as a register problem, not a photo one', () => {
  const fallback = () => 'fallback';
  expect(uploadErrorMessage({ code: 'FILE.TYPE' }, fallback)).toContain('表格文件');
  expect(uploadErrorMessage({ code: 'FILE.TOO_LARGE' }, fallback)).toContain('50MB');
  expect(uploadErrorMessage({ code: 'NETWORK' }, fallback)).toBe('fallback');
});
