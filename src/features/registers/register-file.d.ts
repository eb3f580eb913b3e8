// Resolved per platform: register-file.weapp.ts (chooseMessageFile; downloadFile + openDocument) or
// register-file.h5.ts (a file input; the browser downloads the link).
export type RegisterPick = { kind: 'picked'; path: string; name: string } | { kind: 'cancelled' } | { kind: 'failed' };

/** One spreadsheet (.xlsx or .csv): weapp from a chat, H5 from the file system. */
export declare function chooseRegisterFile(): Promise<RegisterPick>;
export declare function releaseRegisterFile(path: string): void;
/** Opens the template's short-lived link: the document viewer (weapp) or a download (H5). */
export declare function openTemplate(url: string, name: string): Promise<void>;
