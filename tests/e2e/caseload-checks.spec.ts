import { expect, test } from '@playwright/test';
import { editCell, expectSaved, rowId, startNewProgramme, typeInto } from './app';

test('a new programme: profile with arrivals, a per-arrival line, then a broken funding split found by the checks', async ({
  page,
}) => {
  // Start from a NEW programme, so nothing depends on the sample's contents.
  await startNewProgramme(page, 'Caseload and checks');

  // Caseload: add an adult profile with 1,200 expected arrivals.
  await page.getByTestId('nav-caseload').click();
  await expect(page.getByTestId('profiles-empty')).toBeVisible();
  await page.getByTestId('profile-add-kind').selectOption('adult');
  await page.getByTestId('profile-add').click();
  const profileId = await rowId(page.locator('[data-testid^="profile-row-"]').first(), 'profile-row-');
  await expect(page.getByTestId(`profile-name-${profileId}`)).toHaveValue('Adult single');
  await typeInto(page.getByTestId(`profile-arrivals-${profileId}`), '1,200');
  await expect(page.getByTestId('caseload-total-persons')).toHaveAttribute('data-value', '1200');
  await expect(page.getByTestId('chart-arrivals').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectSaved(page);

  // Budget: a new individual line, a unit cost, a fixed quantity of 1 to begin with.
  await page.getByTestId('nav-budget').click();
  await page.getByTestId('add-line-individual').click();
  const row = page.getByTestId('level-section-individual').locator('[data-testid^="line-row-"]').first();
  const lineId = await rowId(row, 'line-row-');
  await editCell(page, `cell-name-${lineId}`, 'Reintegration kit');
  await editCell(page, `cell-unitCost-${lineId}`, '500');
  const total = page.getByTestId(`cell-total-${lineId}`);
  const perReturnee = page.getByTestId('metric-costPerReturneeIndividual');
  await expect(total).toHaveText('500.00');
  await expect(perReturnee).toHaveText('0.42 EUR'); // 500.00 ÷ 1,200 returnees
  await expect(page.getByTestId('metric-returnees')).toHaveText('1,200');
  await expectSaved(page);

  // Per arrival: one kit per arriving returnee; then 60 % take-up, typed in the details panel.
  await page.getByTestId(`cell-driver-${lineId}`).selectOption('perArrival');
  await expect(page.getByTestId(`cell-derivation-${lineId}`)).toHaveText('1,200 arrivals');
  await expect(total).toHaveText('600,000.00');
  await expect(perReturnee).toHaveText('500.00 EUR');
  await page.getByTestId(`line-details-toggle-${lineId}`).click();
  await typeInto(page.getByTestId(`driver-takeUp-${lineId}`), '60');
  await expect(page.getByTestId(`cell-derivation-${lineId}`)).toHaveText('1,200 arrivals × 60 % take-up = 720');
  await expect(total).toHaveText('360,000.00');
  await expect(perReturnee).toHaveText('300.00 EUR');
  await expectSaved(page);

  // The month-by-month view adds up to the line's total.
  await total.click();
  const months = page.getByTestId('line-months-dialog');
  await expect(months).toBeVisible();
  await expect(page.getByTestId('line-months-total')).toHaveAttribute('data-minor', '36000000');
  await page.getByTestId('line-months-close').click();
  await expect(months).toBeHidden();

  // Break the funding split: 60 % to the main donor only. It is saved, and flagged.
  const badge = page.getByTestId('checks-badge');
  const findingsBefore = (await badge.count()) > 0 ? Number(await badge.getAttribute('data-count')) : 0;
  await expect(page.getByTestId(`funding-default-${lineId}`)).toContainText('Main donor');
  await page.getByTestId(`funding-add-${lineId}`).click();
  await expect(page.getByTestId(`funding-share-${lineId}-0`)).toHaveValue('100');
  await typeInto(page.getByTestId(`funding-share-${lineId}-0`), '60');
  await expect(page.getByTestId(`funding-sum-${lineId}`)).toHaveAttribute('data-complete', 'false');
  await expectSaved(page);
  await expect.poll(async () => Number(await badge.getAttribute('data-count'))).toBeGreaterThan(findingsBefore);

  // The checks panel lists it, with its severity and source; "Go to" lands on the line.
  await page.getByTestId('nav-checks').click();
  const finding = page.getByTestId('checks-group-integrity').locator('[data-code="funding.sum"]');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('Reintegration kit');
  await expect(finding).toContainText('60 %');
  await expect(finding).toHaveAttribute('data-severity', 'error');
  await finding.locator('[data-testid^="finding-go-"]').click();

  await expect(page.getByTestId('nav-budget')).toHaveAttribute('aria-current', 'page');
  const target = page.getByTestId(`line-row-${lineId}`);
  await expect(target).toHaveAttribute('data-highlighted', 'true');
  await expect(page.getByTestId(`cell-name-${lineId}`)).toBeFocused();
  await expect(target).toBeInViewport();
  await expect(page.getByTestId(`funding-editor-${lineId}`)).toBeVisible();
});
