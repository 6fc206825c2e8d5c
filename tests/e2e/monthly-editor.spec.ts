/**
 * "Months…" on a profile with an even spread opens on the months that spread gives, so saving it
 * without a change keeps every arrival (it used to open at 0 and wipe them).
 */
import { expect, test } from '@playwright/test';
import { addAdultProfile, expectSaved, startNewProgramme, typeInto } from './app';

test("the monthly editor opens on the pattern's months, and saving keeps the arrivals", async ({ page }) => {
  await startNewProgramme(page, 'Monthly editor');

  const id = await addAdultProfile(page);
  await typeInto(page.getByTestId(`profile-arrivals-${id}`), '1,200');
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
  await expectSaved(page);
});
