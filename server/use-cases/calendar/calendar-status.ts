import { calendarStatus, type CalendarStatus } from '@core/calendar/calendar-status';
import type { UserContext } from '../context';

/**
 * `request.calendarStatus`: which years have holiday data and whether staff must be warned that next
 * year's is missing — decided on the server with the server's clock (1 November Beijing onwards).
 */
export async function getCalendarStatus(ctx: UserContext): Promise<CalendarStatus> {
  const years = (await ctx.deps.store.requestConfig.calendars()).map((y) => y.year);
  return calendarStatus(years, ctx.now);
}
