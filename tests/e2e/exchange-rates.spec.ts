/**
 * An exchange rate that is probably a slip asks for confirmation before it is saved: "655,957"
 * typed in English reads as 655,957 (a thousand times the CFA franc's peg) and asks "did you mean
 * 655.957?"; a rate more than ten times away from the peg says so. Enter again keeps it.
 */
import { expect, test } from '@playwright/test';
import { expectSaved, startNewProgramme } from './app';

test('a rate typed with a thousands separator, or ten times off the peg, asks before it is saved', async ({ page }) => {
  await startNewProgramme(page, 'Exchange rates');
  await page.getByTestId('nav-programme').click();

  // Adding XOF at "655,957": asked first, added when confirmed.
  await page.getByTestId('currency-add-code').fill('XOF');
  await page.getByTestId('currency-add-rate').fill('655,957');
  await page.getByTestId('currency-add').click();
  const addError = page.getByTestId('field-error');
  await expect(addError).toContainText('“655,957” reads as 655,957 XOF per EUR');
  await expect(addError).toContainText('Did you mean 655.957?');
  await expect(page.getByTestId('currency-row-XOF')).toHaveCount(0);
  await page.getByTestId('currency-add').click();
  await expect(page.getByTestId('currency-row-XOF')).toBeVisible();
  const year1 = page.getByTestId('currency-rate-XOF-1');
  await expect(year1).toHaveValue('655,957');

  // The peg itself is taken at once.
  await year1.fill('655.957');
  await year1.press('Enter');
  await expect(year1).toHaveValue('655.957');
  await expect(page.getByTestId('field-error')).toHaveCount(0);

  // Ten times off the peg: asked, and Escape keeps the saved rate.
  await year1.fill('7000');
  await year1.press('Enter');
  await expect(page.getByTestId('currency-row-XOF').getByTestId('field-error')).toContainText(
    'more than ten times away from the fixed peg of 655.957',
  );
  await year1.press('Escape');
  await expect(year1).toHaveValue('655.957');
  await expectSaved(page);
});
