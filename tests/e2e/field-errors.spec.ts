/**
 * A rejected number is quoted back to the person who typed it, in their language, and nothing
 * is saved: the field keeps the typed text, the programme keeps its old value.
 */
import { expect, test } from '@playwright/test';
import { openSample } from './app';

test('a malformed rate is quoted in the error, in English and French, and the saved value stays', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-programme').click();
  const field = page.getByTestId('field-indirectRate');
  const was = await field.inputValue();

  await field.fill('12,5,0');
  await field.press('Enter');
  const error = page.getByTestId('field-error');
  await expect(error).toContainText('“12,5,0” is not a number');
  await expect(error).not.toContainText('{input}');
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  // Escape drops the draft: the saved value is back, unchanged.
  await field.press('Escape');
  await expect(field).toHaveValue(was);
  await expect(error).toHaveCount(0);

  await page.getByTestId('locale-select').selectOption('fr');
  const frField = page.getByTestId('field-indirectRate');
  await frField.fill('12.5.0');
  await frField.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('« 12.5.0 » n’est pas un nombre');
  await expect(page.getByTestId('field-error')).not.toContainText('{input}');
  await frField.press('Escape');
  await page.getByTestId('locale-select').selectOption('en');
  await expect(page.getByTestId('field-indirectRate')).toHaveValue(was);
});
