/**
 * PDF attachments of a notice, checked on the phone before uploading: the store takes PDFs up to 10 MB
 * (decided by the file's content; the checks here only spare a person a pointless upload). The limits are
 * the server's own (core/shared/file-limits).
 */
import { ATTACHMENT_NAME_MAX, PDF_MAX_BYTES } from '@core/shared/file-limits';

export { ATTACHMENT_NAME_MAX, PDF_MAX_BYTES };

export interface PickedAttachment {
  name: string;
  size: number;
}

/** Why this file cannot be attached, in words a person understands; null when it can. */
export function pdfProblem(file: PickedAttachment & { mime?: string | null }): string | null {
  const isPdf = /\.pdf$/i.test(file.name.trim()) || file.mime === 'application/pdf';
  if (!isPdf) return '只能添加 PDF 文件';
  if (file.size <= 0) return '文件是空的';
  if (file.size > PDF_MAX_BYTES) return `文件超过10MB（${fileSizeText(file.size)}），请压缩后再添加`;
  return null;
}

/** The name residents see: the picked file's name, cut to the contract's length with its .pdf kept. */
export function attachmentName(name: string): string {
  const trimmed = name.trim().replace(/[\r\n\t]/g, ' ') || '附件.pdf';
  const stem = trimmed.replace(/\.pdf$/i, '');
  const chars = Array.from(stem);
  const room = ATTACHMENT_NAME_MAX - 4;
  return `${chars.length > room ? chars.slice(0, room).join('') : stem}.pdf`;
}

/** 820 B / 320 KB / 1.5 MB. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${Math.max(0, Math.round(bytes))} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
