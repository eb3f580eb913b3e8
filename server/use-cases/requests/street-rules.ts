import { calibrated } from '@core/calendar/calendar-status';
import { addWorkingMinutes, createCalendar, type WorkingCalendar } from '@core/calendar/working-days';
import type { Category, RequestSettings } from '@core/requests/request';
import { DomainError } from '@core/shared/errors';
import type { Deps } from '../context';

export interface StreetRules {
  settings: RequestSettings;
  calendar: WorkingCalendar;
}

/** A street's request settings and working-day calendar: data the street maintains, read per call. */
export async function streetRules(deps: Deps, streetId: string): Promise<StreetRules> {
  const [settings, calendars] = await Promise.all([deps.store.requestConfig.settings(streetId), deps.store.requestConfig.calendars()]);
  return { settings, calendar: createCalendar(calendars) };
}

/**
 * A deadline `minutes` of working time after `from`, and whether it could be counted on the holiday
 * calendar: when the count touches a year with no calendar loaded, that year counts weekends only and the
 * request carries 期限未按节假日校准 beside the deadline (written in the same write as the deadline).
 */
export function countDeadline(calendar: WorkingCalendar, from: Date, minutes: number): { at: string; uncalibrated: boolean } {
  const due = addWorkingMinutes(calendar, from, minutes);
  return { at: due.toISOString(), uncalibrated: !calibrated(calendar, from, due) };
}

export async function activeCategory(deps: Deps, streetId: string, categoryId: string): Promise<Category> {
  const category = await deps.store.requestConfig.category(categoryId);
  if (!category || category.streetId !== streetId || !category.active) throw new DomainError('REQUEST.CATEGORY_NOT_FOUND');
  return category;
}
