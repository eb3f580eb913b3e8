import type { ContactCard } from '@core/contact-card/contact-card';
import { errorsFromIssues, fieldKey, formFromCard, newSlot, toggleDay, toInput, validateCardForm, type CardForm } from './card-form';

const valid: CardForm = {
  displayName: ' 王建国 ',
  workPhone: '13800001234',
  photoFileId: null,
  photoPreview: null,
  dutyHours: [{ days: [5, 1, 2, 3, 4], start: '08:30', end: '17:30' }],
  intro: '每周三下午入户走访',
};

describe('validateCardForm (same rules as the function)', () => {
  it('accepts a complete card', () => {
    expect(validateCardForm(valid)).toEqual({});
  });

  it('names each wrong field in Chinese', () => {
    const errors = validateCardForm({ ...valid, displayName: '  ', workPhone: '12345', intro: '字'.repeat(121) });
    expect(errors.displayName).toBe('请填写显示姓名');
    expect(errors.workPhone).toBe('工作电话应为11位手机号或带区号的固定电话');
    expect(errors.intro).toBe('个人简介不能超过120个字');
  });

  it('accepts a landline with area code', () => {
    expect(validateCardForm({ ...valid, workPhone: '0571-87654321' })).toEqual({});
  });

  it('puts a slot that ends before it starts under that slot', () => {
    const errors = validateCardForm({ ...valid, dutyHours: [valid.dutyHours[0], { days: [6], start: '18:00', end: '09:00' }] });
    expect(errors).toEqual({ 'dutyHours.1': '下班时间必须晚于上班时间' });
  });

  it('asks for at least one weekday in a slot', () => {
    expect(validateCardForm({ ...valid, dutyHours: [{ days: [], start: '08:30', end: '17:30' }] })['dutyHours.0']).toBeTruthy();
  });

  it('refuses a card with no duty slot', () => {
    expect(validateCardForm({ ...valid, dutyHours: [] }).dutyHours).toBe('请至少添加1项值班时段');
  });
});

describe('toInput', () => {
  it('trims text and sorts the days', () => {
    expect(toInput(valid)).toEqual({
      displayName: '王建国',
      workPhone: '13800001234',
      photoFileId: null,
      dutyHours: [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }],
      intro: '每周三下午入户走访',
    });
  });
});

describe('errorsFromIssues / fieldKey', () => {
  it('groups slot problems under the slot and keeps the first message per field', () => {
    expect(fieldKey('dutyHours.2.end')).toBe('dutyHours.2');
    expect(fieldKey('photoFileId')).toBe('photo');
    expect(
      errorsFromIssues([
        { path: 'workPhone', message: 'a' },
        { path: 'workPhone', message: 'b' },
        { path: 'dutyHours.0.start', message: 'c' },
      ]),
    ).toEqual({ workPhone: 'a', 'dutyHours.0': 'c' });
  });
});

describe('formFromCard', () => {
  const card: ContactCard = { workerId: 'w1', displayName: '张伟', workPhone: '', photoFileId: null, dutyHours: [], intro: '', updatedAt: '2025-01-01T00:00:00Z' };

  it('starts a card without duty hours at 周一至周五 08:30–17:30', () => {
    expect(formFromCard(card, null).dutyHours).toEqual([{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }]);
  });

  it('shows the photo only when the card has one', () => {
    expect(formFromCard(card, 'https://tmp/x.jpg').photoPreview).toBeNull();
    expect(formFromCard({ ...card, photoFileId: 'f1' }, 'https://tmp/x.jpg').photoPreview).toBe('https://tmp/x.jpg');
  });
});

describe('slot helpers', () => {
  it('toggles a day keeping the order', () => {
    expect(toggleDay([1, 3], 2)).toEqual([1, 2, 3]);
    expect(toggleDay([1, 2, 3], 2)).toEqual([1, 3]);
  });

  it('suggests the weekend days not yet covered for a new slot', () => {
    expect(newSlot([{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }]).days).toEqual([6, 7]);
    expect(newSlot([{ days: [6], start: '09:00', end: '12:00' }]).days).toEqual([7]);
  });
});
