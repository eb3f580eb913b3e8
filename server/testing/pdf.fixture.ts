import { PDFDocument } from 'pdf-lib';

/** A real one-page PDF (a few hundred bytes), made by pdf-lib so tests never carry binary fixtures. */
export async function smallPdf(text = 'notice'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText(text, { x: 20, y: 100, size: 12 });
  return Buffer.from(await doc.save());
}

/** Starts like a PDF ("%PDF-" and a version) and is nothing of the kind after that. */
export function fakePdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(2048, 0x5a)]);
}
