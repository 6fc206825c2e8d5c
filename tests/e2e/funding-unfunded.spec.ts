/**
 * A funding split under 100 % is never spread over the sources: 50 % + 30 % of 60,000 gives
 * 30,000 and 18,000, and 12,000 shows as unfunded on the line, in the totals bar and on the
 * Funding screen. A share that would take the split over 100 % is refused where it is typed.
 */
import { expect, test } from '@playwright/test';
import { addLine, editCell, expectSaved, startNewProgramme, typeInto } from './app';

test('50 % + 30 % of 60,000: 30,000 + 18,000 and 12,000 unfunded, shown everywhere; over 100 % refused', async ({
  page,
}) => {
  await startNewProgramme(page, 'Unfunded');

  // A second funding source beside the main donor.
  await page.getByTestId('nav-funding').click();
  await page.getByTestId('funder-add').click();
  await expect(page.locator('[data-testid^="funder-row-"]')).toHaveCount(2);
  await expectSaved(page);

  // A line of 60,000 (fixed quantity 1).
  await page.getByTestId('nav-budget').click();
  const id = await addLine(page, 'individual', 0);
  await editCell(page, `cell-unitCost-${id}`, '60,000');
  await expect(page.getByTestId(`cell-total-${id}`)).toHaveText('60,000.00');

  // 50 % to the main donor, 30 % to the second source.
  await page.getByTestId(`line-details-toggle-${id}`).click();
  await page.getByTestId(`funding-add-${id}`).click();
  await typeInto(page.getByTestId(`funding-share-${id}-0`), '50');
  await page.getByTestId(`funding-add-${id}`).click();
  await expect(page.getByTestId(`funding-share-${id}-1`)).toHaveValue('50');
  await typeInto(page.getByTestId(`funding-share-${id}-1`), '30');
  await expect(page.getByTestId(`funding-sum-${id}`)).toHaveAttribute('data-complete', 'false');
  await expectSaved(page);

  const amounts = page.getByTestId(`funding-editor-${id}`).locator('[data-testid^="funding-amount-"]');
  await expect(amounts).toHaveCount(3);
  await expect(page.getByTestId(`funding-amount-${id}-unfunded`)).toHaveAttribute('data-minor', '1200000');
  await expect(page.getByTestId(`funding-amount-${id}-unfunded`)).toHaveText('12,000.00 EUR');
  const minors = await amounts.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-minor'))));
  expect(minors.sort((a, b) => a - b)).toEqual([1_200_000, 1_800_000, 3_000_000]);

  // The totals bar says how much of the total is unfunded (the line's 12,000 and its share of
  // any indirect costs and contingency), and the Funding screen lists the same amount.
  const unfunded = page.getByTestId('totals-unfunded');
  await expect(unfunded).toBeVisible();
  const unfundedText = await unfunded.innerText();
  await page.getByTestId('nav-funding').click();
  const row2 = page.getByTestId('funders-unassigned');
  await expect(row2).toContainText('Unfunded');
  await expect(row2).toContainText(unfundedText);
  const sources = await page
    .locator('[data-testid^="funder-total-"]')
    .evaluateAll((els) => els.reduce((s, e) => s + Number(e.getAttribute('data-minor')), 0));
  const gap = Number(await row2.locator('td[data-minor]').getAttribute('data-minor'));
  expect(gap).toBeGreaterThanOrEqual(1_200_000);
  await expect(page.getByTestId('funders-total')).toHaveAttribute('data-minor', String(sources + gap));

  // 80 % for the second source would make 130 %: refused beside the field, nothing saved.
  await page.getByTestId('nav-budget').click();
  const second = page.getByTestId(`funding-share-${id}-1`);
  await expect(second).toBeVisible();
  await typeInto(second, '80');
  await expect(page.getByTestId(`funding-editor-${id}`).getByTestId('field-error')).toContainText('more than 100 %');
  await second.press('Escape');
  await expect(second).toHaveValue('30');
  await expect(page.getByTestId(`funding-amount-${id}-unfunded`)).toHaveAttribute('data-minor', '1200000');
});
