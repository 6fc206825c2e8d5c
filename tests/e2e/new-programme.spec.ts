/**
 * A new programme asks for what it starts from (title, start month, duration, reporting currency,
 * donor profile), puts the focus back on a field it refuses, and opens on the Programme screen.
 */
import { expect, test } from '@playwright/test';
import { openNewDialog } from './app';

test('the New programme dialog asks for the settings, refuses a bad one at the field, opens on Programme', async ({
  page,
}) => {
  await openNewDialog(page);
  const docName = page.getByTestId('doc-file-name');

  const file = `Gambia ${Date.now()}`;
  await page.getByTestId('new-dialog-name').fill(file);
  await page.getByTestId('new-dialog-title').fill('Reintegration in the Gambia');
  const start = page.getByTestId('new-dialog-startMonth');
  await start.fill('2027-3');
  await page.getByTestId('new-dialog-durationMonths').fill('18');
  await page.getByTestId('new-dialog-reportingCurrency').fill('gmd');
  await page.getByTestId('new-dialog-donor').selectOption('EU');
  await page.getByTestId('new-dialog-submit').click();

  // Refused at the field, with the focus back on it; nothing was created.
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(start).toBeFocused();
  await expect(page.getByTestId('new-dialog').getByTestId('field-error')).toBeVisible();
  await start.fill('2027-03');
  await start.press('Enter');

  await expect(docName).toContainText(file);
  await expect(page.getByTestId('nav-programme')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('field-title')).toHaveValue('Reintegration in the Gambia');
  await expect(page.getByTestId('field-startMonth')).toHaveValue('2027-03');
  await expect(page.getByTestId('field-durationMonths')).toHaveValue('18');
  await expect(page.getByTestId('field-reportingCurrency')).toHaveValue('GMD');
  await expect(page.getByTestId('totals-total')).toContainText('0.00');
});
