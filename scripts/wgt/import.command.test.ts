import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { REMOVED_HINT, type RegisterReport } from '../../core/api/register.contract';
import type { ParsedRegister } from '../../core/registers/register-data';
import { openEmbeddedStore, type EmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { SILENT } from '../../server/testing/function-harness';
import { smallStreetRegister, testRegisterReader, zipNamed } from '../../server/testing/register.fixture';
import { smallStreet } from '../../server/testing/small-street.fixture';
import { parseCliArgs } from './cli-args';
import { formatReport, importCommand } from './import.command';
import type { CliTarget } from './target';

const zero = { added: 0, changed: 0, unchanged: 0, removed: 0 };

describe('formatReport', () => {
  it('prints counts per kind, the households to verify, and each problem where Excel shows it', () => {
    const report: RegisterReport = {
      fileId: 'f', clean: false, toVerify: ['东湖社区1号楼1单元101室'],
      counts: { communities: { ...zero, unchanged: 2 }, grids: { added: 1, changed: 4, unchanged: 0, removed: 0 }, households: { ...zero, added: 20, removed: 32 }, staff: zero },
      problems: [
        { sheet: '房屋', row: 7, column: '网格编码', code: 'IMPORT.UNKNOWN_GRID', message: '网格编码 1 既不在网格表中' },
        { sheet: '工作人员', row: null, column: null, code: 'IMPORT.SHEET_EMPTY', message: '工作表没有数据' },
      ],
    };
    expect(formatReport(report)).toEqual([
      '类型      新增    修改    不变    移除',
      '社区　　       0       0       2       0',
      '网格　　       1       4       0       0',
      '房屋　　      20       0       0      32',
      '工作人员       0       0       0       0',
      REMOVED_HINT,
      '待核实：1 户不在本次台账中但已有居民绑定或诉求，已保留并标记为待核实：',
      '  东湖社区1号楼1单元101室',
      '发现 2 个问题（改正后重新导入）：',
      '  房屋 第 7 行 「网格编码」列：网格编码 1 既不在网格表中（IMPORT.UNKNOWN_GRID）',
      '  工作人员：工作表没有数据（IMPORT.SHEET_EMPTY）',
    ]);
    expect(formatReport({ ...report, problems: [], toVerify: [] }).at(-1)).toBe('检查通过：没有发现问题。');
  });
});

describe('npm run wgt -- import', () => {
  let dir: string;
  let store: EmbeddedStore;
  let out: string[];
  let err: string[];
  let files: Map<string, ParsedRegister>;
  let run: (argv: string) => Promise<number>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-imp-'));
    store = openEmbeddedStore(':memory:');
    await store.importPlaces(smallStreet());
    const clock = { now: () => new Date('2026-12-06T02:00:00Z') };
    const deps = localDeps({ store, files: new LocalFileStorage({ dir, secret: randomBytes(32), clock }), clock, bindUrlBase: 'https://wgt.example/bind?t=', log: SILENT });
    const target: CliTarget = { kind: 'local', where: 'data', publicUrl: 'http://127.0.0.1:8787', deps, close: async () => undefined };
    out = [];
    err = [];
    files = new Map([['good', smallStreetRegister()]]);
    const bad = smallStreetRegister();
    bad.households[0].gridCode = '420100001001099';
    files.set('bad', bad);
    writeFileSync(join(dir, 'good.xlsx'), zipNamed('good'));
    writeFileSync(join(dir, 'bad.xlsx'), zipNamed('bad'));
    const command = importCommand({
      open: async () => target, reader: testRegisterReader(files), template: async () => Buffer.from('TEMPLATE'),
      out: (l) => out.push(l), err: (l) => err.push(l),
    });
    run = (argv) => command(parseCliArgs(argv.split(' ').filter(Boolean).map((a) => a.replace('@', dir + '/'))));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the template where asked', async () => {
    expect(await run('template --out @t.xlsx')).toBe(0);
    expect(readFileSync(join(dir, 't.xlsx'), 'utf8')).toBe('TEMPLATE');
  });

  it('a dry run reports and writes nothing; the import writes; again, nothing changes', async () => {
    expect(await run('@good.xlsx --street 420100001 --dry-run')).toBe(0);
    expect(out.at(-1)).toBe('未写入（--dry-run）。');
    expect((await store.places.listGrids({ streetId: 's1' })).length).toBe(4);
    out = [];
    expect(await run('@good.xlsx --street 420100001')).toBe(0);
    expect(out.at(-1)).toMatch(/^已导入到 银杏街道（data）：\d+ 处写入，共 1 次调用。$/);
    expect(out).toContainEqual(expect.stringMatching(/^第 1 次：写入 \d+ 条，用时 \d+\.\d s（\d+\/\d+）$/));
    expect((await store.places.listGrids({ streetId: 's1' })).length).toBe(5);
    out.length = 0;
    expect(await run('@good.xlsx --street 420100001 --json')).toBe(0);
    const printed = JSON.parse(out[0]) as { counts: RegisterReport['counts']; problems: unknown[] };
    expect(printed.problems).toEqual([]);
    expect(printed.counts.households).toEqual({ added: 0, changed: 0, unchanged: 20, removed: 24 });
  });

  it('exits 1 on problems (JSON too) and on an unknown street; 2 on bad usage', async () => {
    expect(await run('@bad.xlsx --street 420100001 --json')).toBe(1);
    expect((JSON.parse(out[0]) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['IMPORT.UNKNOWN_GRID']);
    expect((await store.places.listGrids({ streetId: 's1' })).length).toBe(4);
    expect(await run('@good.xlsx --street 999999999')).toBe(1);
    expect(err.at(-1)).toContain('999999999');
    expect(await run('@good.xlsx')).toBe(2);
    expect(await run('template')).toBe(2);
  });
});
