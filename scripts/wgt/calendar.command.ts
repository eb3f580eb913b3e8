/**
 * `npm run wgt -- calendar …`: the working-day calendar deadlines are counted on, one year at a time.
 *
 *   calendar import <year> --file <path> [--dry-run]   check a year, then (unless --dry-run) replace it
 *   calendar import <year>                             the same, from the chinese-days package when installed
 *   calendar list                                      years loaded, where from, when; and the warning staff see
 *
 * The file is a CSV the street types from the State Council notice (`日期,放假|上班`), our YearCalendar
 * JSON, or the chinese-days package's JSON (`npm install chinese-days`, then
 * node_modules/chinese-days/dist/chinese-days.json). Local data folder by default; `--cloud` for CloudBase.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCalendarFile } from '../../core/calendar/calendar-file';
import { calendarStatus } from '../../core/calendar/calendar-status';
import { isDomainError } from '../../core/shared/errors';
import { loadCalendarYear } from '../../server/use-cases/calendar/import-calendar';
import { flagValue, type CliCommand } from './cli-args';
import { openTarget, withTarget, type CliTarget, type OpenTarget } from './target';

/** Where `npm install chinese-days` puts its data (the package ships one JSON of every year it knows). */
export const CHINESE_DAYS_JSON = 'node_modules/chinese-days/dist/chinese-days.json';

const USAGE = [
  '用法：',
  '  npm run wgt -- calendar import <年份> --file <文件> [--dry-run] [--cloud]',
  '  npm run wgt -- calendar import <年份> [--dry-run] [--cloud]    （使用已安装的 chinese-days：npm install chinese-days）',
  '  npm run wgt -- calendar list [--cloud]',
  '文件：CSV 每行「日期,放假」或「日期,上班」（如 2027-01-01,放假）；或 JSON { "year": 2027, "holidays": [...], "workdays": [...] }。',
].join('\n');


/** The command, with where it acts injectable (tests pass a target over an in-memory store). */
export function calendarCommand(open: OpenTarget = (a) => openTarget(a), out: (line: string) => void = console.log, err: (line: string) => void = console.error): CliCommand {
  return async (args) => {
    const [sub, yearText] = args.positionals;
    if (sub === 'list') return withTarget(open, args, err, '未导入', (t) => list(t, out));
    if (sub !== 'import' || !yearText) {
      err(USAGE);
      return 2;
    }
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) {
      err(`年份无效：${yearText}（例如 2027）`);
      return 2;
    }
    const named = flagValue(args, 'file');
    if (args.flags.file === true) {
      err('--file 后面需要文件路径');
      return 2;
    }
    const file = named ?? (existsSync(CHINESE_DAYS_JSON) ? CHINESE_DAYS_JSON : null);
    if (!file) {
      err(`没有指定 --file，也没有安装 chinese-days（${CHINESE_DAYS_JSON}）。\n请用 --file 指定按国务院通知整理的文件，或先 npm install chinese-days。\n${USAGE}`);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch {
      err(`无法读取文件：${file}`);
      return 1;
    }
    let reading;
    try {
      reading = readCalendarFile(text, file, year);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      err(`未导入（${e.code}）：${e.message}`);
      return 1;
    }
    const dryRun = args.flags['dry-run'] === true;
    return withTarget(open, args, err, '未导入', async (t) => {
      const r = await loadCalendarYear(t.deps, t.deps.clock.now(), { year, calendar: reading.calendar, source: reading.source, by: 'cli', dryRun });
      for (const w of r.warnings) out(`注意：${w}`);
      const what = `${year} 年：放假 ${r.holidays} 天，调休上班 ${r.workdays} 天（来源 ${r.source}，${file}）`;
      out(dryRun ? `检查通过，未写入（--dry-run）：${what}${r.replaced ? '；导入时将替换已有的这一年' : ''}` : `已${r.replaced ? '替换' : '导入'}到 ${t.where}：${what}`);
      return 0;
    });
  };
}

async function list(t: CliTarget, out: (line: string) => void): Promise<number> {
  const years = await t.deps.store.requestConfig.calendarYears();
  out(`工作日历（${t.where}）：`);
  if (years.length === 0) out('  （没有任何年份：期限只按周末计算）');
  for (const y of years) {
    const when = y.loadedAt ? `${y.loadedAt}，${y.loadedBy === 'cli' ? '命令行' : `用户 ${y.loadedBy}`}` : '随初始数据写入';
    out(`  ${y.year}  放假 ${y.holidays} 天  调休上班 ${y.workdays} 天  来源 ${y.source}  导入于 ${when}`);
  }
  const status = calendarStatus(years.map((y) => y.year), t.deps.clock.now());
  out(status.warn ? `提醒：${status.message}` : '没有缺少的年份。');
  return 0;
}


export const command: CliCommand = calendarCommand();
