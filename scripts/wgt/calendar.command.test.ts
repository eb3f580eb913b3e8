import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openEmbeddedStore, type EmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { SILENT } from '../../server/testing/function-harness';
import { smallStreet } from '../../server/testing/small-street.fixture';
import { calendarCommand } from './calendar.command';
import { parseCliArgs } from './cli-args';
import type { CliTarget } from './target';

describe('npm run wgt -- calendar', () => {
  let dir: string;
  let store: EmbeddedStore;
  let out: string[];
  let err: string[];
  let run: (argv: string) => Promise<number>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-cal-'));
    store = openEmbeddedStore(':memory:');
    await store.importPlaces(smallStreet());
    const clock = { now: () => new Date('2026-12-06T02:00:00Z') };
    const deps = localDeps({ store, files: new LocalFileStorage({ dir, secret: randomBytes(32), clock }), clock, bindUrlBase: 'https://wgt.example/bind?t=', log: SILENT });
    // The local target over this store; closing is left to afterEach.
    const target: CliTarget = { kind: 'local', where: 'data', publicUrl: 'http://127.0.0.1:8787', deps, close: async () => undefined };
    out = [];
    err = [];
    const command = calendarCommand(async () => target, (l) => out.push(l), (l) => err.push(l));
    run = (argv) => command(parseCliArgs(argv.split(' ').filter(Boolean).map((a) => a.replace('@', dir + '/'))));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the years loaded and warns, in December, that next year is missing', async () => {
    expect(await run('list')).toBe(0);
    expect(out).toEqual([
      '工作日历（data）：',
      '  2025  放假 28 天  调休上班 5 天  来源 seed  导入于 随初始数据写入',
      '  2026  放假 33 天  调休上班 6 天  来源 seed  导入于 随初始数据写入',
      '提醒：2027 年节假日安排尚未导入，期限将只按周末计算，请在国务院公布后导入',
    ]);
  });

  it('a dry run checks the file and writes nothing; the real run loads the year and the warning is gone', async () => {
    writeFileSync(join(dir, '2027.csv'), '日期,类型\n2027-01-01,放假\n');
    expect(await run('import 2027 --file @2027.csv --dry-run')).toBe(0);
    expect(out.pop()).toMatch(/^检查通过，未写入（--dry-run）：2027 年：放假 1 天，调休上班 0 天（来源 csv/);
    expect((await store.requestConfig.calendars()).map((y) => y.year)).toEqual([2025, 2026]);

    expect(await run('import 2027 --file @2027.csv')).toBe(0);
    expect(out.pop()).toMatch(/^已导入到 data：2027 年：放假 1 天/);
    expect(await store.audit.listFor('calendar', '2027', 5)).toEqual([expect.objectContaining({ actorId: 'cli', action: 'calendar.import' })]);
    await run('list');
    expect(out.slice(-2)).toEqual(['  2027  放假 1 天  调休上班 0 天  来源 csv  导入于 2026-12-06T02:00:00.000Z，命令行', '没有缺少的年份。']);
  });

  it('reads the chinese-days package JSON, and refuses a year it has no data for (exit 1, nothing written)', async () => {
    writeFileSync(join(dir, 'chinese-days.json'), JSON.stringify({ holidays: { '2026-01-01': '元旦' }, workdays: { '2026-01-04': '元旦' }, inLieuDays: {} }));
    expect(await run('import 2027 --file @chinese-days.json')).toBe(1);
    expect(err).toEqual(['未导入（CALENDAR.NO_DATA）：日历中没有 2027 年的放假安排']);
    expect(await run('import 2026 --file @chinese-days.json')).toBe(0);
    expect(out.pop()).toMatch(/^已替换到 data：2026 年：放假 1 天，调休上班 1 天（来源 chinese-days/);
    expect(await store.requestConfig.calendars()).toContainEqual({ year: 2026, holidays: ['2026-01-01'], workdays: ['2026-01-04'] });
  });

  it('refuses bad usage with exit 2 and a bad file with exit 1, naming the problem', async () => {
    expect(await run('import')).toBe(2);
    expect(await run('import 27 --file x.csv')).toBe(2);
    expect(await run('import 2027 --file @missing.csv')).toBe(1);
    expect(err.pop()).toMatch(/^无法读取文件：/);
    writeFileSync(join(dir, 'bad.csv'), '2027-01-01,放假\n2027-01-05,上班\n');
    expect(await run('import 2027 --file @bad.csv')).toBe(1);
    expect(err.pop()).toBe('未导入（CALENDAR.WORKDAY_NOT_WEEKEND）：调休上班日 2027-01-05 是周二，只能是周六或周日');
    expect((await store.requestConfig.calendars()).map((y) => y.year)).toEqual([2025, 2026]);
  });
});
