/** What every end-to-end spec needs: the server's address, and the sample programme open. */
import { expect, type Locator, type Page } from '@playwright/test';

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
    // The start screen comes after the close is confirmed: wait for it, or the sample is never opened.
    await expect(open).toBeVisible();
  }
  if (await open.isVisible().catch(() => false)) await open.click();
  await expect(docName).toContainText('Sample programme');
}

/** Closes whatever programme is open and opens the New programme dialog. */
export async function openNewDialog(page: Page): Promise<void> {
  await page.goto(appUrl());
  const startNew = page.getByTestId('start-new');
  const docName = page.getByTestId('doc-file-name');
  await expect(startNew.or(docName)).toBeVisible();
  if (await docName.isVisible()) await page.getByTestId('close-document').click();
  await startNew.click();
}

/** Creates a new programme named `prefix` + a timestamp, with the dialog's defaults. */
export async function startNewProgramme(page: Page, prefix: string): Promise<string> {
  await openNewDialog(page);
  const name = `${prefix} ${Date.now()}`;
  await typeInto(page.getByTestId('new-dialog-name'), name);
  await expect(page.getByTestId('doc-file-name')).toContainText(name);
  return name;
}

/** Types into a form field and commits it with Enter. */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

/** Edits a budget grid cell: select it, Enter to edit, type, Enter to commit. */
export async function editCell(page: Page, testId: string, text: string): Promise<void> {
  const cell = page.getByTestId(testId);
  await cell.click();
  await cell.press('Enter');
  await cell.fill(text);
  await cell.press('Enter');
}

/** The id behind a row's data-testid (`<prefix><id>`), once the row is there. */
export async function rowId(row: Locator, prefix: string): Promise<string> {
  await expect(row).toHaveAttribute('data-testid', new RegExp(`^${prefix}.+`));
  return ((await row.getAttribute('data-testid')) ?? '').slice(prefix.length);
}

/** Adds a line at the end of a budget section; returns its id (the line is row `index`). */
export async function addLine(page: Page, level: string, index: number): Promise<string> {
  await page.getByTestId(`add-line-${level}`).click();
  return rowId(
    page.getByTestId(`level-section-${level}`).locator('[data-testid^="line-row-"]').nth(index),
    'line-row-',
  );
}

/** Waits until everything typed has been saved. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
}

/** Adds an adult returnee profile on the Caseload screen; returns its id. */
export async function addAdultProfile(page: Page): Promise<string> {
  await page.getByTestId('nav-caseload').click();
  await page.getByTestId('profile-add-kind').selectOption('adult');
  await page.getByTestId('profile-add').click();
  return rowId(page.locator('[data-testid^="profile-row-"]').first(), 'profile-row-');
}

/** Calls the app's HTTP API as the page does (its token, its origin); fails the test on a refusal. */
export async function apiCall<T>(page: Page, name: string, data: object = {}): Promise<T> {
  const token = (await page.locator('meta[name="rcs-token"]').getAttribute('content')) ?? '';
  const res = await page.request.post(`${appUrl()}api/${name}`, {
    data,
    headers: { 'X-RCS-Token': token, Origin: appUrl().replace(/\/$/, '') },
  });
  const body = (await res.json()) as { ok: boolean; value: T };
  expect(body.ok).toBe(true);
  return body.value;
}
