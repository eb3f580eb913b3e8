// Declares the platform consent dialogs for the type checker: webpack resolves `./consent-dialog` to
// `consent-dialog.weapp.ts` or `consent-dialog.h5.ts` (Taro's multi-platform resolution), each exporting these.

/** weapp: WeChat's own subscribe dialog; h5: none (the app shows its own sheet instead). */
export declare const HAS_WECHAT_DIALOG: boolean;

/**
 * Shows WeChat's subscribe dialog for these template ids — call it straight from a tap, with nothing
 * awaited before it, or WeChat refuses. Resolves with the ids the person allowed, or a reason in Chinese.
 */
export declare function askWechat(templateIds: string[]): Promise<{ accepted: string[] } | { problem: string }>;
