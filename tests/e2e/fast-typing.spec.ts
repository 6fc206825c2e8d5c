/**
 * No keystroke is dropped: keys typed at full speed right after Esc (or after Enter) all land
 * in the cell, in order.
 */
import { expect, test } from '@playwright/test';
import { openSample } from './app';

test('keys typed at full speed right after Esc or Enter are all kept', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
  const row = page.getByTestId('level-section-structural').locator('[data-testid^="line-row-"]').first();
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('line-row-', '');
  const name = page.getByTestId(`cell-name-${id}`);
  const was = await name.inputValue();

  for (let i = 0; i < 5; i++) {
    await name.click();
    await page.keyboard.type('draft to drop', { delay: 0 });
    // Esc, then at once a whole word: every key must land (the draft is gone, the text replaced).
    await page.keyboard.press('Escape');
    await page.keyboard.type('Quickly typed words', { delay: 0 });
    await expect(name).toHaveValue('Quickly typed words');
    await page.keyboard.press('Escape');
    await expect(name).toHaveValue(was);
  }
});
