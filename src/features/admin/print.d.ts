// Resolved per platform: print.h5.ts (the browser's print dialog) or print.weapp.ts (none).
export declare const canPrint: boolean;
export declare function printPage(): void;
