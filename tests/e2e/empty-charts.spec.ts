/**
 * A new programme has nothing to draw: its charts say so, and what to do, instead of showing empty
 * 0–4 axes; the first cost draws them.
 */
import { expect, test } from '@playwright/test';
import { addLine, editCell, startNewProgramme } from './app';

test('empty charts show a sentence, not empty axes, until there is something to draw', async ({ page }) => {
  await startNewProgramme(page, 'Empty charts');

  await page.getByTestId('nav-caseload').click();
  for (const id of ['chart-arrivals', 'chart-active']) {
    await expect(page.getByTestId(`${id}-empty`)).toContainText('Add a returnee profile');
    await expect(page.getByTestId(id).locator('svg')).toHaveCount(0);
  }

  await page.getByTestId('nav-budget').click();
  for (const id of ['chart-by-level', 'chart-by-year']) {
    await expect(page.getByTestId(`${id}-empty`)).toContainText('Add a line');
    await expect(page.getByTestId(id).locator('svg')).toHaveCount(0);
    await expect(page.getByTestId(`${id}-table`)).toHaveCount(0);
  }

  const id = await addLine(page, 'structural', 0);
  await editCell(page, `cell-unitCost-${id}`, '1000');
  await expect(page.getByTestId(`cell-total-${id}`)).not.toHaveText(/^0[.,]00$/);
  for (const chart of ['chart-by-level', 'chart-by-year']) {
    await expect(page.getByTestId(`${chart}-empty`)).toHaveCount(0);
    await expect(page.getByTestId(chart).locator('svg.recharts-surface').first()).toBeVisible();
  }
  await expect(page.getByTestId('chart-by-level-table').locator('tr[data-key="structural"] td')).not.toHaveText(
    /^0[.,]00/,
  );

  // French says the same.
  await page.getByTestId('nav-caseload').click();
  await page.getByTestId('locale-select').selectOption('fr');
  await expect(page.getByTestId('chart-arrivals-empty')).toContainText('Ajoutez un profil');
  await page.getByTestId('locale-select').selectOption('en');
});
