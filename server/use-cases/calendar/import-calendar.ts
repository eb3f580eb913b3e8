/**
 * Loading one year's holiday arrangement (放假/调休) — by a street administrator through the function, or
 * by the command line (`npm run wgt -- calendar import`). The year is checked strictly (core
 * checkYearCalendar), then replaces the stored year whole, with its audit entry in the same write.
 *
 * The calendar is one national dataset shared by every street of the deployment (the State Council's
 * notice applies to all), so any street administrator may load it; the audit names who did.
 */
import { checkYearCalendar, type CalendarSource } from '@core/calendar/calendar-file';
import type { YearCalendar } from '@core/calendar/working-days';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import type { Deps } from '../context';

export interface CalendarImportResult {
  year: number;
  source: CalendarSource;
  holidays: number;
  workdays: number;
  /** Whether a stored year was replaced (false: the year is new). */
  replaced: boolean;
  warnings: string[];
  /** True when nothing was written (a dry run). */
  dryRun: boolean;
}

export interface CalendarImport {
  year: number;
  calendar: YearCalendar;
  source: CalendarSource;
  /** The user id, or 'cli'. */
  by: string;
  dryRun?: boolean;
}

/** Checks and (unless a dry run) stores the year; throws the CALENDAR.* refusal of the first problem found. */
export async function loadCalendarYear(deps: Deps, now: Date, input: CalendarImport): Promise<CalendarImportResult> {
  const { calendar, warnings } = checkYearCalendar(input.calendar, input.year);
  const before = (await deps.store.requestConfig.calendars()).find((y) => y.year === input.year) ?? null;
  const result: CalendarImportResult = {
    year: input.year,
    source: input.source,
    holidays: calendar.holidays.length,
    workdays: calendar.workdays.length,
    replaced: before !== null,
    warnings,
    dryRun: input.dryRun === true,
  };
  if (input.dryRun) return result;
  const at = now.toISOString();
  await deps.store.transact(async (tx) => {
    await tx.requestConfig.saveCalendar(input.year, calendar, { source: input.source, loadedAt: at, loadedBy: input.by });
    await tx.audit.append({
      id: deps.newId(),
      at,
      actorId: input.by,
      action: 'calendar.import',
      targetType: 'calendar',
      targetId: String(input.year),
      detail: {
        source: input.source,
        from: before ? { holidays: before.holidays, workdays: before.workdays } : null,
        to: { holidays: calendar.holidays, workdays: calendar.workdays },
      },
    });
  });
  return result;
}

/** `request.importCalendar`: a street administrator loads a year they prepared from the official notice. */
export async function importCalendar(ctx: UserContext, input: { year: number; calendar: YearCalendar }): Promise<CalendarImportResult> {
  const admin = grantOf(ctx.actor, 'street_admin');
  if (!admin) throw new DomainError('AUTH.FORBIDDEN');
  authorize(ctx.actor, 'calendar.manage', { streetId: admin.streetId });
  return loadCalendarYear(ctx.deps, ctx.now, { year: input.year, calendar: input.calendar, source: 'json', by: ctx.user.id });
}
