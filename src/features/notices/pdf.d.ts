// Resolved per platform: pdf.weapp.ts (chooseMessageFile, downloadFile + openDocument) or pdf.h5.ts (a file
// input, the browser opening the link).
export interface PickedPdf {
  /** What to upload: a temp file path (weapp) or an object URL (H5). */
  path: string;
  name: string;
  size: number;
  mime: string | null;
}

export type PdfPick = { kind: 'picked'; files: PickedPdf[] } | { kind: 'cancelled' } | { kind: 'failed' };

/** Up to `count` PDF files from the phone (weapp: from a chat; H5: from the file system). */
export declare function choosePdfs(count: number): Promise<PdfPick>;
/** Frees what a picked file holds once it has been uploaded (H5's object URL). */
export declare function releasePdf(path: string): void;
/** Opens an attachment's short-lived link in the phone's document viewer (weapp) or the browser (H5). */
export declare function openPdf(url: string): Promise<void>;
