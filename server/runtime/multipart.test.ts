import { multipartBoundary, parseMultipart } from './multipart';

const crlf = '\r\n';
function body(boundary: string, parts: { headers: string[]; data: Buffer | string }[], epilogue = `--${boundary}--${crlf}`): Buffer {
  const chunks: Buffer[] = [Buffer.from(`preamble${crlf}`)];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}${crlf}${p.headers.join(crlf)}${crlf}${crlf}`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from(crlf));
  }
  chunks.push(Buffer.from(epilogue));
  return Buffer.concat(chunks);
}

describe('multipartBoundary', () => {
  it('reads plain and quoted boundaries from a multipart/form-data type only', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----WebKitFormBoundaryAbC123')).toBe('----WebKitFormBoundaryAbC123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('multipart/mixed; boundary=x')).toBeNull();
    expect(multipartBoundary('application/json')).toBeNull();
    expect(multipartBoundary(undefined)).toBeNull();
  });
});

describe('parseMultipart', () => {
  it('returns each field with its bytes intact, including CRLF and the boundary-like text inside the data', () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a, 0x00, 0xff]);
    const b = 'XyZ';
    const parsed = parseMultipart(
      body(b, [
        { headers: ['Content-Disposition: form-data; name="note"'], data: 'hello --XyZa' },
        { headers: ['Content-Disposition: form-data; name="file"; filename="照片.png"', 'Content-Type: image/png'], data: binary },
      ]),
      b,
    );
    expect(parsed).not.toBeNull();
    expect(parsed!.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['note', null, null],
      ['file', '照片.png', 'image/png'],
    ]);
    expect(parsed![0].data.toString()).toBe('hello --XyZa');
    expect(parsed![1].data.equals(binary)).toBe(true);
  });

  it('gives an empty list for a body with only the closing delimiter', () => {
    expect(parseMultipart(Buffer.from(`--b--${crlf}`), 'b')).toEqual([]);
  });

  it.each([
    ['no delimiter at all', Buffer.from('just text')],
    ['a part that never ends', Buffer.from(`--b${crlf}Content-Disposition: form-data; name="file"${crlf}${crlf}data without end`)],
    ['headers that never end', Buffer.from(`--b${crlf}Content-Disposition: form-data; name="file"`)],
    ['a part without a name', Buffer.from(`--b${crlf}Content-Disposition: form-data${crlf}${crlf}x${crlf}--b--`)],
    ['a header line without a colon', Buffer.from(`--b${crlf}garbage${crlf}${crlf}x${crlf}--b--`)],
    ['not form-data', Buffer.from(`--b${crlf}Content-Disposition: attachment; name="f"${crlf}${crlf}x${crlf}--b--`)],
  ])('returns null for %s', (_label, input) => {
    expect(parseMultipart(input, 'b')).toBeNull();
  });

  it('refuses a body with too many parts', () => {
    const parts = Array.from({ length: 40 }, (_, i) => ({ headers: [`Content-Disposition: form-data; name="f${i}"`], data: 'x' }));
    expect(parseMultipart(body('b', parts), 'b')).toBeNull();
  });
});
