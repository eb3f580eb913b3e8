import { beijingClock, dutyText, isOnDuty, slotProblem, type DutySlot } from './duty-hours';

const weekdays: DutySlot[] = [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }];

describe('duty hours (Beijing time)', () => {
  it('reads the weekday and minute in UTC+8, across the UTC date line', () => {
    // 2026-11-22 is a Sunday; 23:30 UTC on Sunday is 07:30 on Monday in Beijing.
    expect(beijingClock(new Date('2026-11-22T23:30:00Z'))).toEqual({ weekday: 1, minute: 450 });
  });

  it('is on duty inside the slot and off at its end', () => {
    expect(isOnDuty(weekdays, new Date('2026-11-23T00:30:00Z'))).toBe(true); // Mon 08:30
    expect(isOnDuty(weekdays, new Date('2026-11-23T00:29:00Z'))).toBe(false); // Mon 08:29
    expect(isOnDuty(weekdays, new Date('2026-11-23T09:30:00Z'))).toBe(false); // Mon 17:30
    expect(isOnDuty(weekdays, new Date('2026-11-22T02:00:00Z'))).toBe(false); // Sun 10:00
  });

  it('describes runs of days the way a notice board does', () => {
    expect(dutyText(weekdays)).toBe('周一至周五 08:30–17:30');
    expect(dutyText([{ days: [6, 1, 3], start: '09:00', end: '12:00' }])).toBe('周一、周三、周六 09:00–12:00');
    expect(dutyText([])).toBe('未设置值班时间');
  });

  it('refuses a slot that ends before it starts', () => {
    expect(slotProblem({ days: [1], start: '18:00', end: '09:00' })).toBe('下班时间必须晚于上班时间');
    expect(slotProblem({ days: [], start: '08:00', end: '09:00' })).toBe('请选择值班的星期');
    expect(slotProblem(weekdays[0])).toBeNull();
  });
});
