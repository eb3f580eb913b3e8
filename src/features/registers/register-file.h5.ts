import type { RegisterPick } from './register-file';

/** A hidden file input clicked from the tap; the server still checks the content, not the name. */
export function chooseRegisterFile(): Promise<RegisterPick> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
    input.style.display = 'none';
    input.className = 'e2e-register-file-input';
    let done = false;
    const finish = (pick: RegisterPick) => {
      if (done) return;
      done = true;
      input.remove();
      resolve(pick);
    };
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (!f) return finish({ kind: 'cancelled' });
      finish({ kind: 'picked', path: URL.createObjectURL(f), name: f.name });
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

export function releaseRegisterFile(path: string): void {
  if (path.startsWith('blob:')) URL.revokeObjectURL(path);
}

export async function openTemplate(url: string, name: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
