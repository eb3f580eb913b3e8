/**
 * What an upload really is, decided from its bytes before anything is stored or counted. Images and
 * registers by their signature (sniffFile) and their type's size limit. A PDF must also parse: pdf-lib reads
 * its cross-reference table and page tree, so "%PDF-" followed by anything else, a truncated file or an
 * encrypted one (residents could not open it) is refused — a PDF that cannot be read is not a notice.
 *
 * Images are not decoded: the signature is all the app relies on (they are shown through <image>, which
 * decodes them in WeChat's sandbox), and a full decode of a 5 MB photo costs more than the rest of the upload.
 */
import { PDFDocument } from 'pdf-lib';
import { DomainError } from '@core/shared/errors';
import { maxBytesFor, PDF_MAX_BYTES, sniffFile, type StoredContentType } from '../../ports/file-storage.port';

/** A PDF that takes longer than this to parse is refused rather than holding the function. */
export const PDF_PARSE_TIMEOUT_MS = 3000;

async function parsesAsPdf(bytes: Uint8Array, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const parse = PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true })
      .then((doc) => !doc.isEncrypted && doc.getPageCount() > 0)
      .catch(() => false);
    return await Promise.race([parse, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function inspectUpload(bytes: Uint8Array, options: { pdfTimeoutMs?: number } = {}): Promise<StoredContentType> {
  if (bytes.length > PDF_MAX_BYTES) throw new DomainError('FILE.TOO_LARGE', '文件太大了：图片不能超过5MB，PDF 不能超过10MB');
  const contentType = sniffFile(bytes);
  if (!contentType) throw new DomainError('FILE.TYPE', '只支持 JPG、PNG 图片，PDF 文件或 Excel（.xlsx）台账');
  if (bytes.length > maxBytesFor(contentType)) throw new DomainError('FILE.TOO_LARGE');
  if (contentType === 'application/pdf' && !(await parsesAsPdf(bytes, options.pdfTimeoutMs ?? PDF_PARSE_TIMEOUT_MS))) {
    throw new DomainError('UPLOAD.BAD_FILE');
  }
  return contentType;
}
