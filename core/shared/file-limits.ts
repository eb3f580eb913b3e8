/**
 * Limits on the files people bring in, one definition for both sides: the server refuses a file over them
 * (server/ports/file-storage.port.ts), the app checks them before uploading to spare a wasted upload.
 */

/** Photos (JPEG, PNG): 5 MB. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** PDFs and registers (XLSX): 10 MB. */
export const PDF_MAX_BYTES = 10 * 1024 * 1024;
/** The name an attachment is shown with (a notice's PDF), in characters, its ".pdf" included. */
export const ATTACHMENT_NAME_MAX = 60;
