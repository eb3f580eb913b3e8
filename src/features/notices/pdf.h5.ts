import { pickWithFileInput, releaseBlobUrl } from '../../lib/file-input.h5';
import type { PdfPick } from './pdf';

/** PDFs from the file system (at most `count`). */
export async function choosePdfs(count: number): Promise<PdfPick> {
  const pick = await pickWithFileInput({ accept: 'application/pdf,.pdf', multiple: count > 1 });
  if (pick.kind !== 'picked') return pick;
  const files = pick.files.slice(0, count);
  return { kind: 'picked', files: files.map((f) => ({ path: URL.createObjectURL(f), name: f.name, size: f.size, mime: f.type || null })) };
}

export const releasePdf = releaseBlobUrl;

/** The local gateway sends a PDF as a download, so it never renders inside the app's own origin. */
export async function openPdf(url: string): Promise<void> {
  window.open(url, '_blank', 'noopener');
}
