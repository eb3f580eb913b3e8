import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import type { ExportView } from '@core/api/assessment.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';

const NOV = { from: '2026-11-01', to: '2026-11-30' };
/** Every phone number the history below puts anywhere: callback phones, one typed into a description, profiles, cards. */
const PHONES = ['13987654321', '13911112222', '13912345678', '13900000000', '13800000001', '0710-8000001', '0710-8100001'];
const ANY_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

let keys = 0;
async function ok<T>(p: Promise<Reply<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`setup step failed: ${r.code} ${r.message}`);
  return r.data as T;
}
type Ref = { id: string; version: number };
const submit = (h: Harness, who: string, extra: Record<string, unknown> = {}) =>
  ok<Ref>(h.call(who, 'request', 'submit', { idempotencyKey: `export${++keys}xxxx`, categoryId: 'k-env', description: '楼道里的灯坏了好几天了', photoFileIds: [], ...extra }));

function exportCall(h: Harness, who: string, data: Record<string, unknown>): Promise<Reply<ExportView>> {
  return h.call<ExportView>(who, 'assessment', 'export', { kind: 'requests', format: 'xlsx', scope: { kind: 'street', id: 's1' }, period: NOV, ...data });
}

/** The bytes behind an export URL, through the same checks the gateway makes. */
async function download(h: Harness, url: string): Promise<Buffer> {
  const u = new URL(url, 'http://gateway');
  const id = u.pathname.slice('/files/'.length);
  expect(h.files.verifyExportUrl(id, u.searchParams.get('exp'), u.searchParams.get('sig'))).toBe(true);
  const file = await h.files.openExport(id);
  if (!file) throw new Error('no such export');
  const chunks: Buffer[] = [];
  for await (const c of file.stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** All the text of a file: every entry of an XLSX (a zip) inflated, or the CSV itself. */
async function wholeText(bytes: Buffer): Promise<string> {
  if (bytes[0] !== 0x50) return bytes.toString('utf8');
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return parts.join('\n');
}

function expectNoPhones(text: string): void {
  for (const p of PHONES) expect(text).not.toContain(p);
  // Ids are random hex (a request id may hold eleven digits in a row by chance): left out of the pattern search.
  expect(text.replace(/[0-9a-f]{32}/g, '')).not.toMatch(ANY_MOBILE);
}

async function sheetRows(bytes: Buffer, sheet = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet];
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('assessment.export', () => {
  let h: Harness;
  let resolvedId: string;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-10-20T02:00:00Z'));
    // October: outside the period.
    await submit(h, 'r1');
    h.clock.set(new Date('2026-11-16T02:00:00Z'));
    // r1 (g1, 东湖社区) with a callback phone and a phone typed into the text; accepted, resolved, rated.
    let r = await submit(h, 'r1', { callbackPhone: '13987654321', description: '门口路灯坏了，请打13911112222联系物业' });
    resolvedId = r.id;
    r = await ok<Ref>(h.call('w1', 'request', 'accept', { id: r.id, version: r.version }));
    r = await ok<Ref>(h.call('w1', 'request', 'resolve', { id: r.id, version: r.version, note: '已修好，电话13911112222', photoFileIds: [] }));
    await ok(h.call('r1', 'request', 'confirm', { id: r.id, version: r.version, rating: 'satisfied' }));
    // r4 (g4, 东湖社区) hides the name; r3 (g3, 西苑社区); a patrol finding in g1.
    await submit(h, 'r4', { hideName: true, callbackPhone: '13987654321' });
    await submit(h, 'r3');
    await ok(h.call('w1', 'request', 'file', { idempotencyKey: `export${++keys}xxxx`, gridId: 'g1', source: 'patrol', categoryId: 'k-hazard', description: '巡查发现井盖缺失', photoFileIds: [] }));
    h.clock.set(new Date('2026-11-23T02:00:00Z'));
  });
  afterEach(() => h.close());

  it('诉求台账 XLSX: every request of the street filed in the period, reporters masked or 匿名, outcome and rating, no phone anywhere', async () => {
    const view = await ok<ExportView>(exportCall(h, 'ss', {}));
    expect(view.rows).toBe(4);
    expect(view.fileName).toBe('诉求台账_银杏街道_2026年11月.xlsx');
    expect(view.expiresAt).toBe('2026-11-24T02:00:00.000Z');
    const bytes = await download(h, view.url);
    expectNoPhones(await wholeText(bytes));
    const rows = await sheetRows(bytes);
    // The title cell is merged across the columns (exceljs reads the master's value in each).
    expect(new Set(rows[0])).toEqual(new Set(['诉求台账　银杏街道　2026年11月']));
    expect(rows[1]).toEqual([
      '诉求编号', '类别', '社区', '网格', '来源', '状态', '反映人', '提交时间', '受理期限', '受理时间', '受理是否及时', '办结期限', '办结时间', '是否按期办结', '关闭时间', '处理人', '评价', '重办次数',
    ]);
    const data = rows.slice(2);
    expect(data).toHaveLength(4);
    const byReporter = new Map(data.map((r) => [r[6] ?? '', r]));
    expect([...byReporter.keys()].sort()).toEqual(['', '匿名', '孙*', '郑*'].sort());
    const done = data.find((r) => r[0] === resolvedId)!;
    expect(done.slice(1, 7)).toEqual(['环境卫生', '东湖社区', '东湖社区第1网格', '居民上报', '已归档', '孙*']);
    // Filed 2026-11-16 10:00 Beijing: the cell is a real date whose wall clock says so.
    expect(done[7]).toBeInstanceOf(Date);
    expect((done[7] as Date).toISOString()).toBe('2026-11-16T10:00:00.000Z');
    expect(done[10]).toBe('及时');
    expect(done[13]).toBe('按期');
    expect(done[15]).toBe('网格员 张伟');
    expect(done[16]).toBe('满意');
    expect(done[17]).toBe(0);
    const patrol = data.find((r) => r[4] === '网格员巡查')!;
    expect(patrol[1]).toBe('安全隐患');
    // Not accepted within its 8 working hours.
    expect(patrol[10]).toBe('超时未受理');
  });

  it('CSV has the BOM, the same rows, and no phone', async () => {
    const view = await ok<ExportView>(exportCall(h, 'cs1', { format: 'csv', scope: { kind: 'community', id: 'c1' } }));
    expect(view.fileName).toBe('诉求台账_银杏街道东湖社区_2026年11月.csv');
    const bytes = await download(h, view.url);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expectNoPhones(text);
    const rows = Papa.parse<string[]>(text.slice(1).trim()).data;
    expect(rows[0]).toEqual(['诉求台账　银杏街道东湖社区　2026年11月']);
    // Community staff of 东湖社区: r1's, r4's and the patrol finding; not 西苑社区's.
    expect(view.rows).toBe(3);
    expect(rows.slice(2).map((r) => r[2])).toEqual(['东湖社区', '东湖社区', '东湖社区']);
    expect(rows.slice(2).map((r) => r[6]).sort()).toEqual(['', '匿名', '孙*'].sort());
  });

  it('a grid and a worker scope narrow the rows', async () => {
    expect((await ok<ExportView>(exportCall(h, 'cs1', { scope: { kind: 'grid', id: 'g1' } }))).rows).toBe(2);
    expect((await ok<ExportView>(exportCall(h, 'ss', { scope: { kind: 'grid', id: 'g3' } }))).rows).toBe(1);
    // w1 accepted (and so answers for) r1's request only.
    expect((await ok<ExportView>(exportCall(h, 'ss', { scope: { kind: 'worker', id: 'w1' } }))).rows).toBe(1);
  });

  it('refuses callers outside the scope, workers and residents, and impossible periods', async () => {
    expect(await exportCall(h, 'cs1', {})).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'cs1', { scope: { kind: 'community', id: 'c2' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'cs1', { scope: { kind: 'grid', id: 'g3' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'cs1', { scope: { kind: 'worker', id: 'w3' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    // An id that does not exist answers as one outside the reach.
    expect(await exportCall(h, 'ss', { scope: { kind: 'grid', id: 'nosuchgrid' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'ss', { scope: { kind: 'street', id: 'other' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'w1', { scope: { kind: 'grid', id: 'g1' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'r1', { scope: { kind: 'grid', id: 'g1' } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await exportCall(h, 'ss', { period: { from: '2026-02-30', to: '2026-03-01' } })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await exportCall(h, 'ss', { period: { from: '2026-11-30', to: '2026-11-01' } })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await exportCall(h, 'ss', { period: { from: '2026-11', to: '2026-11-30' } })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    // Nothing refused was written or audited.
    expect(await h.deps.store.exports.listExpired('2030-01-01T00:00:00.000Z', 50)).toEqual([]);
    expect((await h.deps.store.people.auditPage('s1', null, 50)).items.filter((a) => a.action === 'assessment.export')).toEqual([]);
  });

  it('audits who exported what, for which scope and period, and how many rows, beside the file record', async () => {
    const view = await ok<ExportView>(exportCall(h, 'cs1', { scope: { kind: 'community', id: 'c1' } }));
    const [record] = await h.deps.store.exports.listExpired('2030-01-01T00:00:00.000Z', 50);
    expect(record).toMatchObject({ kind: 'requests', format: 'xlsx', rows: 3, createdBy: 'cs1', fileName: view.fileName, expiresAt: view.expiresAt, streetId: 's1' });
    const entries = (await h.deps.store.people.auditPage('s1', null, 50)).items.filter((a) => a.action === 'assessment.export');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: 'cs1',
      targetType: 'export',
      targetId: record.id,
      streetId: 's1',
      detail: expect.objectContaining({ kind: 'requests', scope: { kind: 'community', id: 'c1', name: '银杏街道东湖社区' }, period: NOV, rows: 3, fileName: view.fileName }),
    });
  });

  it('expired exports are deleted by housekeeping, and a second run deletes nothing more', async () => {
    const view = await ok<ExportView>(exportCall(h, 'ss', {}));
    const fresh = await ok<ExportView>(exportCall(h, 'ss', { format: 'csv' }));
    h.clock.set(new Date('2026-11-24T02:00:01Z'));
    const idOf = (url: string) => new URL(url, 'http://gateway').pathname.slice('/files/'.length);
    // Past its expiry the URL no longer opens, even before the purge.
    const u = new URL(view.url, 'http://gateway');
    expect(h.files.verifyExportUrl(idOf(view.url), u.searchParams.get('exp'), u.searchParams.get('sig'))).toBe(false);
    expect(await h.call('system', 'housekeeping', 'purgeExpiredExports')).toEqual({ ok: true, data: { removed: 2 } });
    expect(await h.files.exportInfo(idOf(view.url))).toBeNull();
    expect(await h.files.exportInfo(idOf(fresh.url))).toBeNull();
    expect(await h.deps.store.exports.listExpired('2030-01-01T00:00:00.000Z', 50)).toEqual([]);
    expect(await h.call('system', 'housekeeping', 'purgeExpiredExports')).toEqual({ ok: true, data: { removed: 0 } });
    // The daily timer runs the same purge beside the orphan-upload one.
    expect(await h.deps.store.exports.listExpired('2030-01-01T00:00:00.000Z', 50)).toEqual([]);
    const timer = await h.call('system', 'housekeeping', 'daily');
    expect(timer).toMatchObject({ ok: true, data: { exports: { removed: 0 } } });
  });

  it('an export younger than a day survives the purge', async () => {
    const view = await ok<ExportView>(exportCall(h, 'ss', {}));
    h.clock.set(new Date('2026-11-24T01:59:00Z'));
    expect(await h.call('system', 'housekeeping', 'daily')).toMatchObject({ ok: true, data: { exports: { removed: 0 } } });
    expect((await download(h, view.url)).length).toBeGreaterThan(0);
  });
});

describe('assessment.export coverage (通知到户情况)', () => {
  let h: Harness;
  let noticeId: string;
  beforeEach(async () => {
    h = await functionHarness();
    noticeId = (
      await ok<{ id: string }>(
        h.call('ss', 'notice', 'publish', {
          idempotencyKey: 'exportnotice1', scope: { level: 'grids', ids: ['g1', 'g3'] }, title: '停水通知', body: '明天上午九点到十二点停水，请提前储水。',
          imageFileIds: [], attachments: [], category: 'utility', urgent: false, requireAck: false, pinned: false,
        }),
      )
    ).id;
    await ok(h.call('r1', 'notice', 'open', { id: noticeId }));
  });
  afterEach(() => h.close());

  it('per grid coverage and the not-reached doors with building, unit, room and masked names; no phone', async () => {
    const view = await ok<ExportView>(
      h.call('ss', 'assessment', 'export', { kind: 'coverage', format: 'xlsx', scope: { kind: 'street', id: 's1' }, period: NOV, noticeId }),
    );
    expect(view.fileName).toBe('通知到户情况_银杏街道_2026年11月.xlsx');
    const bytes = await download(h, view.url);
    expectNoPhones(await wholeText(bytes));
    const grids = await sheetRows(bytes, 0);
    expect(new Set(grids[0])).toEqual(new Set(['到户情况（停水通知）　银杏街道']));
    expect(grids[1]).toEqual(['社区', '网格', '范围内户数', '已到户', '到户率', '已读（人）', '上门告知（户）', '电话告知（户）']);
    expect(grids.slice(2)).toEqual([
      ['东湖社区', '东湖社区第1网格', 8, 1, 0.125, 1, 0, 0],
      ['西苑社区', '西苑社区第1网格', 8, 0, 0, 0, 0, 0],
      [null, '合计', 16, 1, 0.0625, 1, 0, 0],
    ].map((r) => r.map((v) => (v === null ? undefined : v))));
    expect(view.rows).toBe(3);
    const doors = await sheetRows(bytes, 1);
    expect(doors[1]).toEqual(['社区', '网格', '楼栋', '单元', '房号', '重点人群', '住户（已脱敏）']);
    // 15 households not reached: r1's is read; the elderly living alone first.
    expect(doors.slice(2)).toHaveLength(15);
    expect(doors[2].slice(0, 6)).toEqual(['东湖社区', '东湖社区第1网格', '1号楼', 1, '1001', '独居老人']);
    expect(doors.slice(2).some((d) => d[2] === '1号楼' && d[3] === 1 && d[4] === '101')).toBe(false);
  });

  it('community staff export only their grids of the notice; a notice outside them is not found', async () => {
    const view = await ok<ExportView>(
      h.call('cs1', 'assessment', 'export', { kind: 'coverage', format: 'csv', scope: { kind: 'community', id: 'c1' }, period: NOV, noticeId }),
    );
    const text = (await download(h, view.url)).toString('utf8');
    expectNoPhones(text);
    expect(text).toContain('东湖社区第1网格');
    expect(text).not.toContain('西苑社区');
    expect(
      await h.call('cs1', 'assessment', 'export', { kind: 'coverage', format: 'csv', scope: { kind: 'grid', id: 'g2' }, period: NOV, noticeId }),
    ).toMatchObject({ ok: false, code: 'NOTICE.NOT_FOUND' });
    expect(await h.call('cs1', 'assessment', 'export', { kind: 'coverage', format: 'csv', scope: { kind: 'community', id: 'c1' }, period: NOV })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
});

describe('assessment.export figures (考核指标表, 月度排名)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-10-20T02:00:00Z'));
    // October: one request filed, never accepted (no score for October).
    await submit(h, 'r1');
    // Monday 2026-11-16 10:00 Beijing: r1's request accepted and resolved at once by w1, confirmed 满意.
    h.clock.set(new Date('2026-11-16T02:00:00Z'));
    let r = await submit(h, 'r1', { callbackPhone: '13987654321' });
    r = await ok<Ref>(h.call('w1', 'request', 'accept', { id: r.id, version: r.version }));
    r = await ok<Ref>(h.call('w1', 'request', 'resolve', { id: r.id, version: r.version, note: '已修好', photoFileIds: [] }));
    await ok(h.call('r1', 'request', 'confirm', { id: r.id, version: r.version, rating: 'satisfied' }));
    await submit(h, 'r4', { description: '垃圾没人清运，请打13911112222联系我' });
    await submit(h, 'r3');
    await ok(h.call('w1', 'request', 'file', { idempotencyKey: `export${++keys}xxxx`, gridId: 'g1', source: 'patrol', categoryId: 'k-hazard', description: '巡查发现井盖缺失', photoFileIds: [] }));
    h.clock.set(new Date('2026-11-23T02:00:00Z'));
  });
  afterEach(() => h.close());

  const HEAD = ['受理数', '及时受理率', '按期办结率', '解决率', '满意率', '重办率', '超期办结数', '平均办结用时（工作日）', '主动发现占比'];

  it('考核指标表 for the street: the total line, then communities, grids and workers, with hand-computed figures', async () => {
    const view = await ok<ExportView>(exportCall(h, 'ss', { kind: 'assessment' }));
    expect(view.fileName).toBe('考核指标表_银杏街道_2026年11月.xlsx');
    const bytes = await download(h, view.url);
    expectNoPhones(await wholeText(bytes));
    const communities = await sheetRows(bytes, 0);
    expect(communities[1]).toEqual(['社区', ...HEAD, '综合得分']);
    // November: 4 filed (1 on patrol), 1 accepted in time, resolved on time in 0 working days, solved, rated 满意.
    expect(communities[2]).toEqual(['银杏街道（合计）', 1, 1, 1, 1, 1, 0, 0, 0, 0.25, 100]);
    expect(communities[3]).toEqual(['东湖社区', 1, 1, 1, 1, 1, 0, 0, 0, 1 / 3, 100]);
    // 西苑社区 accepted and resolved nothing: its rates have no data (empty cells), 0 of 1 filed on patrol, no score.
    expect(communities[4]).toEqual(['西苑社区', 0, undefined, undefined, undefined, undefined, undefined, 0, undefined, 0]);
    expect(view.rows).toBe(3);
    const grids = await sheetRows(bytes, 1);
    expect(grids[1]).toEqual(['网格', '所属社区', ...HEAD, '综合得分']);
    expect(grids.slice(2).find((g) => g[0] === '东湖社区第1网格')).toEqual(['东湖社区第1网格', '东湖社区', 1, 1, 1, 1, 1, 0, 0, 0, 0.5, 100]);
    const workers = await sheetRows(bytes, 2);
    expect(workers.slice(2).find((w) => w[0] === '张伟')?.slice(0, 3)).toEqual(['张伟', '东湖社区', 1]);
    const defs = await sheetRows(bytes, 3);
    expect(defs[1]).toEqual(['指标', '定义']);
    expect(defs.slice(2).map((d) => d[0])).toContain('综合得分');
  });

  it('月度排名 for a community: grids and workers ranked by score, the unscored last, 环比 against the previous month', async () => {
    const view = await ok<ExportView>(exportCall(h, 'cs1', { kind: 'ranking', format: 'xlsx', scope: { kind: 'community', id: 'c1' } }));
    expect(view.fileName).toBe('月度排名_银杏街道东湖社区_2026年11月.xlsx');
    const bytes = await download(h, view.url);
    const grids = await sheetRows(bytes, 0);
    expect(grids[1]).toEqual(['排名', '网格', '所属社区', '综合得分', '环比', ...HEAD]);
    const ranked = grids.slice(2);
    // October had no score (nothing accepted), so there is no 环比.
    expect(ranked[0].slice(0, 6)).toEqual([1, '东湖社区第1网格', '东湖社区', 100, undefined, 1]);
    // The community's other grids had nothing to assess: no rank, no score.
    expect(ranked.slice(1).map((g) => [g[0], g[3]])).toEqual(ranked.slice(1).map(() => [undefined, undefined]));
    expect(ranked.map((g) => g[1])).not.toContain('西苑社区第1网格');
    const workers = await sheetRows(bytes, 1);
    expect(workers[2].slice(0, 4)).toEqual([1, '张伟', '东湖社区', 100]);
    // A grid is ranked among its community's grids (as on the dashboard).
    const g4 = await download(h, (await ok<ExportView>(exportCall(h, 'cs1', { kind: 'ranking', scope: { kind: 'grid', id: 'g4' } }))).url);
    expect((await sheetRows(g4, 0)).slice(2).map((g) => g[1])).toEqual(ranked.map((g) => g[1]));
    expect(await h.call('cs1', 'assessment', 'export', { kind: 'ranking', format: 'csv', scope: { kind: 'street', id: 's1' }, period: NOV })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('月度排名 for the street ends with 本月热点: the hot category of the month with its count, baseline and masked examples', async () => {
    const view = await ok<ExportView>(exportCall(h, 'ss', { kind: 'ranking', format: 'xlsx' }));
    const bytes = await download(h, view.url);
    expectNoPhones(await wholeText(bytes));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['社区排名', '网格排名', '网格员排名', '本月热点', '指标说明']);
    const hot = await sheetRows(bytes, 3);
    expect(hot[1]).toEqual(['类型', '名称', '本月件数', '前三月月均', '升幅', '说明', '示例（已隐去个人信息）']);
    // 环境卫生: 3 in November; August–October: 1 (October), a monthly average of 0.33.
    const env = hot.slice(2).find((r) => r[1] === '环境卫生')!;
    expect(env.slice(0, 4)).toEqual(['类别', '环境卫生', 3, 0.33]);
    expect(String(env[6])).toContain('139****');
    const csv = await download(h, (await ok<ExportView>(exportCall(h, 'ss', { kind: 'ranking', format: 'csv' }))).url);
    expectNoPhones(csv.toString('utf8'));
    expect(csv.toString('utf8')).toContain('本月热点');
  });
});
