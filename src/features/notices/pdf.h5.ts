import type { PdfPick } from './pdf';

/**
 * A hidden file input, clicked from the person's tap. Browsers report a closed picker with `cancel`
 * (older ones never say: the promise then simply waits, and the next tap starts a new pick).
 */
export function choosePdfs(count: number): Promise<PdfPick> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'application/pdf,.pdf';
    input.multiple = count > 1;
    input.style.display = 'none';
    let done = false;
    const finish = (pick: PdfPick) => {
      if (done) return;
      done = true;
      input.remove();
      resolve(pick);
    };
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      if (files.length === 0) return finish({ kind: 'cancelled' });
      finish({ kind: 'picked', files: files.map((f) => ({ path: URL.createObjectURL(f), name: f.name, size: f.size, mime: f.type || null })) });
    });
    input.addEventListener('cancel', () => finish({ kind: 'cancelled' }));
    document.body.appendChild(input);
    try {
      input.click();
    } catch {
      finish({ kind: 'failed' });
    }
  });
}

export function releasePdf(path: string): void {
  if (path.startsWith('blob:')) URL.revokeObjectURL(path);
}

/** The local gateway sends a PDF as a download, so it never renders inside the app's own origin. */
export async function openPdf(url: string): Promise<void> {
  window.open(url, '_blank', 'noopener');
}
