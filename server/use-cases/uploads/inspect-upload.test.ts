import { PDFDocument } from 'pdf-lib';
import { inspectUpload } from './inspect-upload';

async function realPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Notice');
  return doc.save();
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('what an upload really is', () => {
  it('accepts a PDF that parses with at least one page', async () => {
    expect(await inspectUpload(await realPdf())).toBe('application/pdf');
  });

  it('refuses a file that only starts like a PDF and a truncated PDF', async () => {
    const fake = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)]);
    await expect(inspectUpload(fake)).rejects.toMatchObject({ code: 'UPLOAD.BAD_FILE', message: expect.stringContaining('不是有效的PDF') });
    const real = await realPdf();
    await expect(inspectUpload(real.subarray(0, Math.floor(real.length / 2)))).rejects.toMatchObject({ code: 'UPLOAD.BAD_FILE' });
  });

  it('refuses a PDF whose parse outlasts the time limit', async () => {
    // pdf-lib yields between objects while it parses, so a timer can cut a long parse short.
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3000; i++) doc.addPage([10, 10]);
    const many = await doc.save();
    await expect(inspectUpload(many, { pdfTimeoutMs: 1 })).rejects.toMatchObject({ code: 'UPLOAD.BAD_FILE' });
    expect(await inspectUpload(many)).toBe('application/pdf');
  });

  it('keeps the signature checks for images and the size limit of each type', async () => {
    expect(await inspectUpload(PNG)).toBe('image/png');
    await expect(inspectUpload(Buffer.from('just text named photo.png'))).rejects.toMatchObject({ code: 'FILE.TYPE' });
    await expect(inspectUpload(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]))).rejects.toMatchObject({ code: 'FILE.TOO_LARGE' });
    await expect(inspectUpload(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]))).rejects.toMatchObject({ code: 'FILE.TOO_LARGE' });
  });
});
