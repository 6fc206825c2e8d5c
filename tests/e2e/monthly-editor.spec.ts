/**
 * "Months…" on a profile with an even spread opens on the months that spread gives, so saving it
 * without a change keeps every arrival (it used to open at 0 and wipe them).
 */
import { expect, test } from '@playwright/test';
import { appUrl } from './app';

test("the monthly editor opens on the pattern's months, and saving keeps the arrivals", async ({ page }) => {
  await page.goto(appUrl());
  const startNew = page.getByTestId('start-new');
  const docName = page.getByTestId('doc-file-name');
  await expect(startNew.or(docName)).toBeVisible();
  if (await docName.isVisible()) await page.getByTestId('close-document').click();
  await startNew.click();
  const name = `Monthly editor ${Date.now()}`;
  await page.getByTestId('new-dialog-name').fill(name);
  await page.getByTestId('new-dialog-name').press('Enter');
  await expect(docName).toContainText(name);

  await page.getByTestId('nav-caseload').click();
  await page.getByTestId('profile-add-kind').selectOption('adult');
  await page.getByTestId('profile-add').click();
  const row = page.locator('[data-testid^="profile-row-"]').first();
  await expect(row).toHaveAttribute('data-testid', /^profile-row-.+/);
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('profile-row-', '');
  const arrivals = page.getByTestId(`profile-arrivals-${id}`);
  await arrivals.fill('1,200');
  await arrivals.press('Enter');
  await page.getByTestId(`profile-pattern-${id}`).selectOption('even');
  const total = page.getByTestId('caseload-total-persons');
  await expect(total).toHaveAttribute('data-value', '1200');

  await page.getByTestId(`profile-monthly-${id}`).click();
  const dialog = page.getByTestId('profile-monthly-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('monthly-input-1')).not.toHaveValue('');
  await expect(dialog.getByTestId('monthly-total')).toContainText('1,200');
  await dialog.getByTestId('monthly-save').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId(`profile-pattern-${id}`)).toHaveValue('explicit');
  await expect(total).toHaveAttribute('data-value', '1200');
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
});
