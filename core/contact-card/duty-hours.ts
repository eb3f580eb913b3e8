/**
 * Duty hours are weekly slots in Beijing time (UTC+8, no daylight saving), e.g. 周一至周五 08:30–17:30.
 * "On duty now" is read from the clock the caller passes in, so it is testable and the same everywhere.
 */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

export interface DutySlot {
  days: Weekday[];
  /** HH:mm, 24-hour. */
  start: string;
  end: string;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Beijing weekday (1 = Monday) and minute of day for an instant. */
export function beijingClock(now: Date): { weekday: Weekday; minute: number } {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const day = local.getUTCDay();
  return { weekday: (day === 0 ? 7 : day) as Weekday, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function isOnDuty(slots: DutySlot[], now: Date): boolean {
  const { weekday, minute } = beijingClock(now);
  return slots.some((s) => s.days.includes(weekday) && minute >= minutes(s.start) && minute < minutes(s.end));
}

/** A slot must end after it starts; overnight duty is written as two slots. */
export function slotProblem(slot: DutySlot): string | null {
  if (slot.days.length === 0) return '请选择值班的星期';
  if (minutes(slot.end) <= minutes(slot.start)) return '下班时间必须晚于上班时间';
  return null;
}

function daysText(days: Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: Weekday[][] = [];
  for (const d of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) => (r.length >= 3 ? `${WEEKDAY_LABELS[r[0]]}至${WEEKDAY_LABELS[r[r.length - 1]]}` : r.map((d) => WEEKDAY_LABELS[d]).join('、')))
    .join('、');
}

export function dutyText(slots: DutySlot[]): string {
  if (slots.length === 0) return '未设置值班时间';
  return slots.map((s) => `${daysText(s.days)} ${s.start}–${s.end}`).join('；');
}
