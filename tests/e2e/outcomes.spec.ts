/**
 * Outcomes: a line records what each unit yields (here jobs per business grant, the Kosovo figure);
 * the key figures then show the jobs created and the all-in cost per job; undo takes it back.
 */
import { expect, test } from '@playwright/test';
import { expectSaved, openSample } from './app';

test('jobs per unit on a line give the cost per job in the key figures', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
  await expect(page.getByTestId('metric-costPerJob')).toHaveCount(0);

  await page.getByTestId('line-details-toggle-ind-matching').click();
  const jobs = page.getByTestId('field-output-jobs-ind-matching');
  // A malformed count is refused at the field, and nothing is saved.
  await jobs.fill('2,7,5');
  await jobs.press('Enter');
  await expect(jobs).toHaveAttribute('aria-invalid', 'true');
  await jobs.fill('2.75');
  await jobs.press('Enter');
  await expectSaved(page);

  const perJob = page.getByTestId('metric-costPerJob');
  await expect(perJob).toBeVisible();
  const total = Number((await page.getByTestId('totals-total').innerText()).replace(/,/g, ''));
  const value = Number(((await perJob.innerText()).match(/[\d,.]+/)?.[0] ?? '').replace(/,/g, ''));
  const jobsText = await page.getByTestId('outputs-result-ind-matching').innerText();
  const created = Number((jobsText.match(/([\d,.]+) jobs/)?.[1] ?? '').replace(/,/g, ''));
  expect(created).toBeGreaterThan(0);
  // The whole cost ÷ the jobs, to the cent (both read as shown).
  expect(Math.abs(value - total / Math.round(created))).toBeLessThan(0.01);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('metric-costPerJob')).toHaveCount(0);
  await expectSaved(page);
});
