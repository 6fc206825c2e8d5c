/**
 * Donor rule profiles (issue 12): the indirect cost base follows the donor profile and moves the
 * indirect costs (EU: direct + contingency), undoably; the US profile shows its award date and
 * negotiated rate; a funding source marked conditional on match funding is an FCDO error, a
 * matching grant is not.
 */
import { expect, test } from '@playwright/test';
import { addLine, editCell, expectSaved, startNewProgramme, typeInto } from './app';

test('the EU base includes the contingency, undoably; US fields; FCDO flags a source conditional on match', async ({
  page,
}) => {
  await startNewProgramme(page, 'Donor rules');

  // A line of 100,000, 5 % contingency and 7 % indirect costs on the direct eligible cost.
  await page.getByTestId('nav-budget').click();
  const id = await addLine(page, 'individual', 0);
  await editCell(page, `cell-unitCost-${id}`, '100,000');
  await page.getByTestId('nav-programme').click();
  await typeInto(page.getByTestId('field-indirectRate'), '7');
  await typeInto(page.getByTestId('field-contingencyRate'), '5');
  await expectSaved(page);
  await expect(page.getByTestId('field-indirectBase')).toHaveValue('direct');
  await expect(page.getByTestId('totals-indirect')).toContainText('7,000.00');

  // The EU profile brings its base: 7 % of 105,000.
  await page.getByTestId('field-donorProfile').selectOption('EU');
  await expect(page.getByTestId('field-indirectBase')).toHaveValue('directPlusContingency');
  await expect(page.getByTestId('totals-indirect')).toContainText('7,350.00');
  await expect(page.getByTestId('field-euAgreement')).toHaveValue('grant');
  await expect(page.getByTestId('donor-help')).toContainText('contingency reserve included');
  await expectSaved(page);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('field-indirectBase')).toHaveValue('direct');
  await expect(page.getByTestId('totals-indirect')).toContainText('7,000.00');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('totals-indirect')).toContainText('7,350.00');

  // The US profile: MTDC, an award date, a negotiated rate and its base.
  await page.getByTestId('field-donorProfile').selectOption('US');
  await expect(page.getByTestId('field-indirectBase')).toHaveValue('mtdc');
  await typeInto(page.getByTestId('field-usAwardDate'), '2024-9');
  await expect(page.getByRole('alert').first()).toContainText('YYYY-MM-DD');
  await typeInto(page.getByTestId('field-usAwardDate'), '2024-09-15');
  await typeInto(page.getByTestId('field-usNicra'), '12.5');
  await expect(page.getByTestId('field-usNicraBase')).toHaveValue('mtdc');
  await expectSaved(page);

  // FCDO: a matching grant is no finding; a source conditional on match funding is an error.
  await page.getByTestId('field-donorProfile').selectOption('FCDO');
  await page.getByTestId('nav-funding').click();
  const box = page.locator('[data-testid^="funder-conditionalOnMatch-"]').first();
  await box.check();
  await expectSaved(page);
  await page.getByTestId('nav-checks').click();
  await expect(page.locator('[data-testid^="finding-donor.fcdo.match:"]')).toContainText(
    'conditional on match funding',
  );
});
