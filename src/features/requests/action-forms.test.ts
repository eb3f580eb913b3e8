import { ACTION_FORMS, EMPTY_VALUES, buildActionInput, shownActions } from './action-forms';
import { TRANSITIONS } from '@core/requests/request.transitions';

const ref = { id: 'req-1', version: 4 };

describe('shownActions', () => {
  it('shows only what the server listed, in a fixed order, and skips actions the app has no form for', () => {
    expect(shownActions(['withdraw', 'archive', 'accept', 'dispatch'])).toEqual(['accept', 'dispatch', 'withdraw']);
    expect(shownActions([])).toEqual([]);
  });
});

describe('buildActionInput', () => {
  it('sends the version the person saw', () => {
    expect(buildActionInput('accept', ref, EMPTY_VALUES)).toEqual({ ok: true, input: { id: 'req-1', version: 4 } });
  });

  it('requires a reason to reject', () => {
    const built = buildActionInput('reject', ref, { ...EMPTY_VALUES, text: '  ' });
    expect(built).toEqual({ ok: false, errors: { text: '请填写不予受理的原因' } });
    expect(buildActionInput('reject', ref, { ...EMPTY_VALUES, text: ' 不属于社区事务 ' })).toEqual({ ok: true, input: { ...ref, reason: '不属于社区事务' } });
  });

  it('asks to dispatch to the community or to a chosen department', () => {
    expect(buildActionInput('dispatch', ref, { ...EMPTY_VALUES, text: '需要协调' })).toMatchObject({ ok: false, errors: { target: '请选择派遣给社区还是部门' } });
    expect(buildActionInput('dispatch', ref, { ...EMPTY_VALUES, target: 'department', text: '需要协调' })).toMatchObject({ ok: false, errors: { department: '请选择部门' } });
    expect(buildActionInput('dispatch', ref, { ...EMPTY_VALUES, target: 'community', departmentId: 'd1', text: '需要协调' })).toEqual({
      ok: true,
      input: { ...ref, target: 'community', reason: '需要协调' },
    });
    expect(buildActionInput('dispatch', ref, { ...EMPTY_VALUES, target: 'department', departmentId: 'd1', text: '需要协调' })).toEqual({
      ok: true,
      input: { ...ref, target: 'department', departmentId: 'd1', reason: '需要协调' },
    });
  });

  it('sends the result note with its photos when resolving', () => {
    const photo = '0123456789abcdef0123456789abcdef';
    expect(buildActionInput('resolve', ref, { ...EMPTY_VALUES, text: '已修好', photoFileIds: [photo] })).toEqual({ ok: true, input: { ...ref, note: '已修好', photoFileIds: [photo] } });
  });

  it('requires a rating to confirm and leaves an empty comment out', () => {
    expect(buildActionInput('confirm', ref, EMPTY_VALUES)).toMatchObject({ ok: false, errors: { rating: '请选择评价' } });
    expect(buildActionInput('confirm', ref, { ...EMPTY_VALUES, rating: 'satisfied' })).toEqual({ ok: true, input: { ...ref, rating: 'satisfied' } });
  });

  it('does not let a confirmation carry 不满意 (that is a reopen)', () => {
    expect(buildActionInput('confirm', ref, { ...EMPTY_VALUES, rating: 'unsatisfied' })).toMatchObject({ ok: false, errors: { rating: expect.any(String) } });
    expect(ACTION_FORMS.confirm.ratings).not.toContain('unsatisfied');
    expect(buildActionInput('rate', ref, { ...EMPTY_VALUES, rating: 'unsatisfied', text: '还是有异味' })).toEqual({ ok: true, input: { ...ref, rating: 'unsatisfied', comment: '还是有异味' } });
  });

  it('requires the reason of a reopen and the grid and reason of a reassignment', () => {
    expect(buildActionInput('reopen', ref, EMPTY_VALUES)).toMatchObject({ ok: false, errors: { text: '请填写不满意的原因' } });
    expect(buildActionInput('reassign', ref, { ...EMPTY_VALUES, text: '不属于本网格' })).toMatchObject({ ok: false, errors: { grid: '请选择改派到的网格' } });
    expect(buildActionInput('reassign', ref, { ...EMPTY_VALUES, gridId: 'grid-2', text: '不属于本网格' })).toEqual({ ok: true, input: { ...ref, gridId: 'grid-2', reason: '不属于本网格' } });
  });
});

describe('ACTION_FORMS labels', () => {
  it('are the transition table’s own words (core), the button wording where the table has one', () => {
    expect(ACTION_FORMS.accept.label).toBe(TRANSITIONS.accept.label);
    expect(ACTION_FORMS.reopen.label).toBe('不满意，申请重办');
    expect(ACTION_FORMS.verify.label).toBe('核查');
  });
});
