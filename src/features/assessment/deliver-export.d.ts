// Resolved per platform: deliver-export.h5.ts (the browser downloads the link under the file's Chinese name)
// or deliver-export.weapp.ts (downloadFile, then openDocument with its menu, or — for a CSV, which the
// document viewer cannot show — the chat share sheet).
import type { ExportView } from '@core/api/assessment.contract';

/** Hands a finished export to the person: a download (H5), the document viewer or a chat (weapp). */
export declare function deliverExport(view: ExportView, format: 'xlsx' | 'csv'): Promise<void>;
