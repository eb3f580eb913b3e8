import { pickWithFileInput, releaseBlobUrl } from '../../lib/file-input.h5';
import type { RegisterPick } from './register-file';

/** One spreadsheet from the file system; the server still checks the content, not the name. */
export async function chooseRegisterFile(): Promise<RegisterPick> {
  const pick = await pickWithFileInput({ accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv', multiple: false });
  if (pick.kind !== 'picked') return pick;
  const f = pick.files[0];
  return { kind: 'picked', path: URL.createObjectURL(f), name: f.name };
}

export const releaseRegisterFile = releaseBlobUrl;

export async function openTemplate(url: string, name: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
