import iconv from 'iconv-lite';
import { guardRegisterFile, readZipDirectory } from './file-guard';
import { spreadsheetRegisterReader } from './register-reader';
import { buildZip } from './zip-fixture';

const STREET = '420102001000';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c10000000049454e44ae426082', 'hex');

async function refusal(bytes: Uint8Array, name = 'register.xlsx'): Promise<string> {
  try {
    await spreadsheetRegisterReader.read({ bytes, name }, undefined, STREET);
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'read without refusal';
}

describe('file guard', () => {
  it('refuses a file over 50 MB before reading it', async () => {
    expect(await refusal(Buffer.alloc(51 * 1024 * 1024, 0x61))).toBe('IMPORT.FILE_TOO_LARGE');
  });

  it('refuses a PNG renamed .xlsx, an old .doc/.xls and other binary bytes as not a spreadsheet', async () => {
    expect(await refusal(PNG, '台账.xlsx')).toBe('IMPORT.NOT_SPREADSHEET');
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(await refusal(ole, '台账.doc')).toBe('IMPORT.NOT_SPREADSHEET');
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    expect(await refusal(binary, '台账.csv')).toBe('IMPORT.NOT_SPREADSHEET');
    expect(await refusal(Buffer.alloc(0), '台账.csv')).toBe('IMPORT.NOT_SPREADSHEET');
  });

  it('refuses a zip that holds no workbook (a .docx, a plain archive)', async () => {
    const docx = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect(() => guardRegisterFile(docx)).toThrow(expect.objectContaining({ code: 'IMPORT.NOT_SPREADSHEET', message: expect.stringContaining('Word') }));
    expect(await refusal(buildZip([{ name: 'a.txt', data: Buffer.from('hello') }]))).toBe('IMPORT.NOT_SPREADSHEET');
  });

  it('refuses a truncated zip (no central directory)', () => {
    const zip = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    expect(() => guardRegisterFile(zip.subarray(0, zip.byteLength - 30))).toThrow(expect.objectContaining({ code: 'IMPORT.NOT_SPREADSHEET' }));
  });

  it('reads the central directory sizes without inflating', () => {
    const zip = buildZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(5000, 0x20), deflate: true }]);
    const [entry] = readZipDirectory(zip);
    expect(entry).toMatchObject({ name: 'xl/workbook.xml', method: 8, uncompressedSize: 5000 });
    expect(entry.compressedSize).toBeLessThan(100);
  });

  it('refuses a zip whose directory claims more than 300 MB, or a ratio above 200', () => {
    const huge = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('x'.repeat(1000)), claimedSize: 4_000_000_000 },
    ]);
    expect(() => guardRegisterFile(huge)).toThrow(expect.objectContaining({ code: 'IMPORT.ZIP_BOMB' }));
    // 10 MB of one byte deflates to ~10 KB: a ratio of ~1000, far beyond any real workbook's XML.
    const dense = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10 * 1024 * 1024, 0x20), deflate: true },
    ]);
    expect(() => guardRegisterFile(dense)).toThrow(expect.objectContaining({ code: 'IMPORT.ZIP_BOMB' }));
  });

  it('refuses a zip whose entry unpacks past what its directory claims (the lie is caught while inflating)', async () => {
    const liar = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2 * 1024 * 1024, 0x20), deflate: true, claimedSize: 100_000 },
    ]);
    expect(() => guardRegisterFile(liar)).not.toThrow();
    expect(await refusal(liar)).toBe('IMPORT.ZIP_BOMB');
  });

  it('refuses a local entry the central directory does not list (a sequential unzip would read it unchecked)', () => {
    const smuggled = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet9.xml', data: Buffer.alloc(1024 * 1024, 0x20), deflate: true, unlisted: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') },
    ]);
    expect(() => guardRegisterFile(smuggled)).toThrow(expect.objectContaining({ code: 'IMPORT.NOT_SPREADSHEET', message: expect.stringContaining('未登记') }));
  });

  it('refuses an entry whose deflate stream ends before the bytes the directory gives it', async () => {
    const padded = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), deflate: true, trailing: Buffer.from('PK\x03\x04hidden') },
    ]);
    expect(() => guardRegisterFile(padded)).not.toThrow();
    await expect(spreadsheetRegisterReader.inspect({ bytes: padded, name: 'x.xlsx' }, [])).rejects.toMatchObject({
      code: 'IMPORT.NOT_SPREADSHEET',
      message: expect.stringContaining('结构异常'),
    });
  });

  it('decodes CSV as UTF-8 with or without BOM, else GB18030', () => {
    const text = '姓名,手机号\n张三,13800138000\n';
    expect(guardRegisterFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ format: 'csv', text, encoding: 'utf-8' });
    expect(guardRegisterFile(Buffer.from(text))).toEqual({ format: 'csv', text, encoding: 'utf-8' });
    expect(guardRegisterFile(iconv.encode(text, 'gb18030'))).toEqual({ format: 'csv', text, encoding: 'gb18030' });
  });

  it('refuses CSV bytes that are neither UTF-8 nor GB18030, and UTF-16 text', () => {
    expect(() => guardRegisterFile(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xff, 0x81, 0x20]))).toThrow(
      expect.objectContaining({ code: 'IMPORT.ENCODING_UNKNOWN' }),
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t手机号', 'utf16le')]);
    expect(() => guardRegisterFile(utf16)).toThrow(expect.objectContaining({ code: 'IMPORT.ENCODING_UNKNOWN' }));
  });

  it('refuses a sheet of more than 100,000 data rows, and takes exactly 100,000', async () => {
    const csv = (n: number) => '网格编码,楼栋,单元,房号\n' + Array.from({ length: n }, (_, i) => `420102001001001,1号楼,1,${i + 1}`).join('\n');
    const big = await spreadsheetRegisterReader.inspect({ bytes: Buffer.from(csv(100_000)), name: '房屋.csv' }, []);
    expect(big.sheets[0].rows).toBe(100_000);
    await expect(spreadsheetRegisterReader.inspect({ bytes: Buffer.from(csv(100_001)), name: '房屋.csv' }, [])).rejects.toMatchObject({
      code: 'IMPORT.TOO_MANY_ROWS',
    });
  });
});

describe('damaged workbooks', () => {
  const workbook = '<workbook xmlns:r="r"><sheets><sheet name="房屋" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const rels = '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

  it('a workbook that lists no sheet is refused as not a spreadsheet', async () => {
    const broken = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="房屋" r:id="rId1"') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData></sheetData></worksheet>') },
    ]);
    await expect(spreadsheetRegisterReader.inspect({ bytes: broken, name: 'x.xlsx' }, [])).rejects.toMatchObject({ code: 'IMPORT.NOT_SPREADSHEET' });
  });

  it('a sheet whose XML does not parse is refused as not a spreadsheet, not an internal error', async () => {
    const broken = buildZip([
      { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData><row r="1"><<c r="A1"></row></worksheet>') },
    ]);
    await expect(spreadsheetRegisterReader.inspect({ bytes: broken, name: 'x.xlsx' }, [])).rejects.toMatchObject({ code: 'IMPORT.NOT_SPREADSHEET' });
  });

  it('names sheets from workbook.xml even when a rel target is absolute and workbook.xml comes last in the zip', async () => {
    const zip = buildZip([
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels.replace('worksheets/', '/xl/worksheets/')) },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.from(
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>网格编码</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
        ),
      },
      { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    ]);
    const parsed = await spreadsheetRegisterReader.read({ bytes: zip, name: 'x.xlsx' }, undefined, '420102001000');
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '房屋', code: 'IMPORT.MERGED_CELLS' }),
        expect.objectContaining({ sheet: '房屋', code: 'IMPORT.COLUMN_MISSING' }),
      ]),
    );
  });
});
