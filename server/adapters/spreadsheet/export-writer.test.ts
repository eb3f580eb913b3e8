import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beijingText, tableOf, writeCsv, writeXlsx, type SheetData } from './export-writer';

interface Row {
  no: string;
  grid: string;
  at: Date;
  rate: number | null;
  count: number;
}

const ROWS: Row[] = [
  { no: 'R-001', grid: '东湖社区第1网格', at: new Date('2026-11-23T02:05:00Z'), rate: 0.965, count: 12 },
  { no: '=HYPERLINK("x")', grid: '东湖社区第2网格', at: new Date('2026-11-30T16:30:00Z'), rate: null, count: 0 },
];

async function* slowly<T>(items: T[]): AsyncIterable<T> {
  for (const i of items) {
    await new Promise((r) => setImmediate(r));
    yield i;
  }
}

function sheet(rows: AsyncIterable<Row> | Iterable<Row>, name = '诉求台账'): SheetData {
  return tableOf<Row>(
    {
      name,
      title: '诉求台账　银杏街道东湖社区　2026年11月',
      columns: [
        { header: '诉求编号', width: 14, kind: 'text', value: (r) => r.no },
        { header: '网格', width: 20, kind: 'text', value: (r) => r.grid },
        { header: '提交时间', width: 18, kind: 'datetime', value: (r) => r.at },
        { header: '按期办结率', width: 12, kind: 'percent', value: (r) => r.rate },
        { header: '件数', width: 8, kind: 'integer', value: (r) => r.count },
      ],
    },
    rows,
  );
}

describe('export writer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-xw-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('XLSX: a merged title row, Chinese headers, frozen panes, widths, and real dates showing Beijing time', async () => {
    const path = join(dir, 'a.xlsx');
    expect(await writeXlsx(path, [sheet(slowly(ROWS)), sheet([], '本月热点')])).toEqual([2, 0]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['诉求台账', '本月热点']);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('诉求台账　银杏街道东湖社区　2026年11月');
    expect(ws.getCell('E1').isMerged).toBe(true);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['诉求编号', '网格', '提交时间', '按期办结率', '件数']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.columns.map((c) => c.width)).toEqual([14, 20, 18, 12, 8]);
    const at = ws.getCell('C3');
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    // 02:05 UTC is 10:05 in Beijing: the cell's wall clock (read back as UTC) says 10:05.
    expect((at.value as Date).toISOString()).toBe('2026-11-23T10:05:00.000Z');
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    // 16:30 UTC on the 30th is already 1 December in Beijing.
    expect((ws.getCell('C4').value as Date).toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(ws.getCell('D3').value).toBe(0.965);
    expect(ws.getCell('D3').numFmt).toBe('0.0%');
    expect(ws.getCell('D4').value).toBeNull();
    // A string is a string in XLSX, never a formula.
    expect(ws.getCell('A4').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('A4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.rowCount).toBe(4);
  });

  it('CSV: starts with the UTF-8 BOM, reads back as the same Chinese, dates in Beijing time, formulas defused', async () => {
    const path = join(dir, 'a.csv');
    expect(await writeCsv(path, [sheet(ROWS), sheet(slowly(ROWS.slice(0, 1)), '本月热点')])).toEqual([2, 1]);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: false }).data;
    expect(parsed[0]).toEqual(['诉求台账　银杏街道东湖社区　2026年11月']);
    expect(parsed[1]).toEqual(['诉求编号', '网格', '提交时间', '按期办结率', '件数']);
    expect(parsed[2]).toEqual(['R-001', '东湖社区第1网格', '2026-11-23 10:05', '96.5%', '12']);
    expect(parsed[3]).toEqual(["'=HYPERLINK(\"x\")", '东湖社区第2网格', '2026-12-01 00:30', '', '0']);
    // The second section follows after an empty line, with its own title and headers.
    expect(parsed[4]).toEqual(['']);
    expect(parsed[5]).toEqual(['诉求台账　银杏街道东湖社区　2026年11月']);
    expect(parsed.length).toBe(8);
  });

  it('formats Beijing text across midnight', () => {
    expect(beijingText(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
    expect(beijingText(new Date('2026-12-31T15:59:00Z'), 'date')).toBe('2026-12-31');
  });
});
