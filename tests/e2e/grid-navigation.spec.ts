/**
 * Moving around as in a spreadsheet: a click on a cell selects its content, so typing replaces
 * it; a new screen starts at its top; the ⌨ shortcuts panel opens in view wherever the page is.
 */
import { expect, test } from '@playwright/test';
import { openSample } from './app';

test('click selects, typing replaces; one selected line; tabs start at the top; the shortcuts panel opens in view', async ({
  page,
}) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
  const row = page.getByTestId('level-section-individual').locator('[data-testid^="line-row-"]').first();
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('line-row-', '');
  const cost = page.getByTestId(`cell-unitCost-${id}`);
  const was = await cost.inputValue();
  expect(was.length).toBeGreaterThan(1);

  // One click, then typing: the typed text replaces the amount. Escape brings it back unsaved.
  await cost.click();
  await page.keyboard.type('7');
  await expect(cost).toHaveValue('7');
  await page.keyboard.press('Escape');
  await expect(cost).toHaveValue(was);

  // One selected line for the whole budget: selecting a community line unselects the individual one.
  await cost.click();
  const individual = page.getByTestId('level-section-individual');
  const community = page.getByTestId('level-section-community');
  await expect(individual.locator('.line-row.active')).toHaveCount(1);
  await expect(page.getByTestId('line-duplicate-individual')).toBeEnabled();
  await community.locator('[data-testid^="cell-name-"]').first().click();
  await expect(community.locator('.line-row.active')).toHaveCount(1);
  await expect(individual.locator('.line-row.active')).toHaveCount(0);
  await expect(page.getByTestId('line-duplicate-individual')).toBeDisabled();
  await page.keyboard.press('Escape');

  // Far down the budget, the shortcuts panel opens in view.
  await page.mouse.wheel(0, 5000);
  await expect(row).not.toBeInViewport();
  await page.getByTestId('help-toggle').click();
  await expect(page.getByTestId('shortcut-help')).toBeInViewport();
  await page.getByTestId('help-toggle').click();

  // Another screen starts at its top.
  await page.getByTestId('nav-funding').click();
  await expect(page.locator('.screen-title')).toBeInViewport();
});
