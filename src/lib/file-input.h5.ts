/**
 * H5 only: a hidden file input, clicked from the person's tap, as every "choose a file" of the app does it.
 * Browsers report a closed picker with `cancel` (older ones never say: the promise then simply waits, and
 * the next tap starts a new pick). The chosen files come back as blob: URLs, released with releaseBlobUrl.
 */
export type FileInputPick = { kind: 'picked'; files: File[] } | { kind: 'cancelled' } | { kind: 'failed' };

export function pickWithFileInput(options: { accept: string; multiple: boolean }): Promise<FileInputPick> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = options.accept;
    input.multiple = options.multiple;
    input.style.display = 'none';
    let done = false;
    const finish = (pick: FileInputPick) => {
      if (done) return;
      done = true;
      input.remove();
      resolve(pick);
    };
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      finish(files.length ? { kind: 'picked', files } : { kind: 'cancelled' });
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

export function releaseBlobUrl(path: string): void {
  if (path.startsWith('blob:')) URL.revokeObjectURL(path);
}
