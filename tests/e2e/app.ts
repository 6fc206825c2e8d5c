/** What every end-to-end spec needs: the server's address, and the sample programme open. */
import { expect, type Page } from '@playwright/test';

/** The browser-mode server the global setup started (tests/e2e/global-setup.ts). */
export function appUrl(): string {
  const u = process.env.RCS_E2E_URL;
  if (!u) throw new Error('RCS_E2E_URL is not set: the global setup did not start the server');
  return u;
}

/**
 * Opens the app on the sample programme. On first start (no recent files) the sample opens by
 * itself; another spec may have left a programme of its own open, which is closed first.
 */
export async function openSample(page: Page): Promise<void> {
  await page.goto(appUrl());
  const open = page.getByTestId('start-open-sample');
  const docName = page.getByTestId('doc-file-name');
  await expect(open.or(docName)).toBeVisible();
  if ((await docName.isVisible()) && !(await docName.innerText()).includes('Sample programme')) {
    await page.getByTestId('close-document').click();
  }
  if (await open.isVisible().catch(() => false)) await open.click();
  await expect(docName).toContainText('Sample programme');
}
