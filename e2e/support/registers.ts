/** Uploading a register on 台账导入 the way an admin does: through the page's own file chooser. */
import type { Page } from 'playwright-core';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Chooses `name` with `buffer` as its content and waits for the page to take it or refuse it; returns the refusals
 * shown. The page keeps showing the last file taken, so `name` must differ from it.
 */
export async function uploadRegister(page: Page, name: string, buffer: Buffer): Promise<string[]> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('.e2e-choose-file').click();
  await (await chooser).setFiles({ name, mimeType: XLSX, buffer });
  const shown = name.replace(/\.[a-z]+$/, '');
  await page.locator('.e2e-file-name', { hasText: shown }).or(page.locator('.e2e-file-error')).first().waitFor({ timeout: 30000 });
  return page.locator('.e2e-file-error').allInnerTexts();
}
