/**
 * Ctrl+D names the copy so that it can be told from the original: "(copy)" in English,
 * "(copie)" in French, numbered when that name is taken. Undo removes each copy.
 */
import { expect, type Page, test } from '@playwright/test';
import { openSample } from './app';

const rowsOf = (page: Page) => page.getByTestId('level-section-structural').locator('[data-testid^="line-row-"]');

async function idAt(page: Page, index: number): Promise<string> {
  const row = rowsOf(page).nth(index);
  await expect(row).toHaveAttribute('data-testid', /^line-row-.+/);
  return ((await row.getAttribute('data-testid')) ?? '').replace('line-row-', '');
}

test('Ctrl+D names the copy "(copy)" / "(copie)", numbers further copies, and undo removes them', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
  const count = await rowsOf(page).count();
  const original = await idAt(page, 0);
  const name = await page.getByTestId(`cell-name-${original}`).inputValue();

  /** Ctrl+D on the original; the copy lands right after it. Returns the copy's name. */
  let made = 0;
  const duplicate = async (): Promise<string> => {
    await page.getByTestId(`cell-name-${original}`).click();
    await page.keyboard.press('Control+d');
    made += 1;
    await expect(rowsOf(page)).toHaveCount(count + made);
    return page.getByTestId(`cell-name-${await idAt(page, 1)}`).inputValue();
  };

  expect(await duplicate()).toBe(`${name} (copy)`);
  expect(await duplicate()).toBe(`${name} (copy 2)`);
  await page.getByTestId('locale-select').selectOption('fr');
  expect(await duplicate()).toBe(`${name} (copie)`);
  await page.getByTestId('locale-select').selectOption('en');
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  for (let i = 0; i < 3; i++) {
    await page.getByTestId(`cell-name-${original}`).click();
    await page.keyboard.press('Control+z');
    await expect(rowsOf(page)).toHaveCount(count + 2 - i);
  }
  await expect(page.getByTestId(`cell-name-${original}`)).toHaveValue(name);
});
