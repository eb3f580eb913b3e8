import { dutyText, type DutySlot } from '@core/contact-card/duty-hours';
import { dutyTextOf } from './card-view';

describe('dutyTextOf (the card\'s remembered duty text)', () => {
  it('says what dutyText says, for a schedule seen before and after it changed', () => {
    const weekdays: DutySlot[] = [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }];
    const edited: DutySlot[] = [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:00' }, { days: [6], start: '09:00', end: '12:00' }];
    for (let i = 0; i < 2; i++) {
      expect(dutyTextOf(weekdays)).toBe('周一至周五 08:30–17:30');
      expect(dutyTextOf(edited)).toBe('周一至周五 08:30–17:00；周六 09:00–12:00');
      expect(dutyTextOf([{ days: [6, 1, 3], start: '09:00', end: '12:00' }])).toBe('周一、周三、周六 09:00–12:00');
      expect(dutyTextOf([])).toBe('未设置值班时间');
    }
    // Days that only differ in order or repetition are the same schedule, and more schedules than it keeps still read right.
    expect(dutyTextOf([{ days: [3, 1, 1, 2], start: '08:00', end: '09:00' }])).toBe(dutyText([{ days: [1, 2, 3], start: '08:00', end: '09:00' }]));
    for (let m = 0; m < 1500; m++) {
      const slots: DutySlot[] = [{ days: [1 + (m % 7)] as DutySlot['days'], start: `${String(m % 24).padStart(2, '0')}:00`, end: '23:59' }];
      expect(dutyTextOf(slots)).toBe(dutyText(slots));
    }
    expect(dutyTextOf(weekdays)).toBe('周一至周五 08:30–17:30');
  });
});
