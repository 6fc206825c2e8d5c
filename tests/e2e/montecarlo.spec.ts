/**
 * Sensitivity & uncertainty (issue 10, items 4–5) on a copy of the sample: the tornado names the
 * parameters in words and refuses a move of 0 % beside its field; the sample's ranges show in
 * percent and are taken away through the UI; a range typed in percent is kept as factors
 * (−20 % → 0.8) and a range whose low is above its likely value is refused beside the field; 0 and 10,000,000 draws are refused beside the field; a run of a million draws shows
 * its progress, can be cancelled (the bar goes, no result is shown) while the window still answers;
 * a small run gives P10 ≤ P50 ≤ P90, and the same seed gives the same numbers again; a scenario
 * shown in the switcher is what the screen computes.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Snapshot } from '../../src-shared/api';
import { compute, resolve } from '../../src-shared/engine';
import { apiCall, expectSaved, openSample } from './app';

const minor = async (l: Locator) => Number(await l.getAttribute('data-minor'));

async function percentiles(page: Page): Promise<number[]> {
  const out: number[] = [];
  for (const fig of ['total', 'net']) {
    for (const q of ['p10', 'p50', 'p90']) out.push(await minor(page.getByTestId(`mc-${fig}-${q}`)));
  }
  return out;
}

/** Types into a field and commits it with Enter. */
async function enter(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

test('a tornado in words, ranges in percent, a cancellable Monte-Carlo run, the same seed giving the same numbers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openSample(page);
  await page.getByTestId('save-as').click();
  const name = `Monte-Carlo ${Date.now()}`;
  await page.getByTestId('save-as-dialog-name').fill(name);
  await page.getByTestId('save-as-dialog-submit').click();
  await expect(page.getByTestId('doc-file-name')).toContainText(name);

  await page.getByTestId('nav-sensitivity').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sensitivity and uncertainty');

  // The tornado: ± 20 % by default, every key parameter in words.
  await expect(page.getByTestId('tornado')).toContainText('each key parameter ± 20\u00a0%');
  await expect(page.getByTestId('tornado-row-exchangeRate:XOF')).toContainText('Exchange rate — XOF');
  await expect(page.getByTestId('tornado-row-arrivals:p-adult')).toContainText('Arrivals — ');
  await expect(page.getByTestId('tornado-chart-total')).toBeVisible();
  // The sample has synergies: the net cost has its own chart.
  await expect(page.getByTestId('tornado-chart-net')).toBeVisible();
  const base = await minor(page.getByTestId('tornado-base'));
  const low20 = await minor(page.getByTestId('tornado-row-exchangeRate:XOF').locator('td').first());
  expect(low20).toBeGreaterThan(base);

  // 0 % is refused beside the field; 10 % moves less than 20 %.
  const move = page.getByTestId('tornado-move');
  await enter(move, '0');
  await expect(move).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('tornado').getByTestId('field-error')).toContainText('above 0 and at most 100');
  await enter(move, '10');
  await expect(move).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('tornado')).toContainText('each key parameter ± 10\u00a0%');
  await expect
    .poll(() => minor(page.getByTestId('tornado-row-exchangeRate:XOF').locator('td').first()))
    .toBeLessThan(low20);

  // The sample's ranges, shown in percent of each value: arrivals −20 % to +10 %.
  const model = (await apiCall<Snapshot>(page, 'document.current')).model;
  expect(model.ranges.length).toBeGreaterThan(2);
  const low = page.getByTestId('range-low-arrivals:p-adult');
  const likely = page.getByTestId('range-likely-arrivals:p-adult');
  const high = page.getByTestId('range-high-arrivals:p-adult');
  await expect(low).toHaveValue('\u221220');
  await expect(likely).toHaveValue('0');
  await expect(high).toHaveValue('+10');
  // Every range taken away through the UI: Run waits for one.
  for (const r of model.ranges) await page.getByTestId(`range-clear-${r.id}`).click();
  await expectSaved(page);
  expect((await apiCall<Snapshot>(page, 'document.current')).model.ranges).toEqual([]);
  await expect(page.getByTestId('mc-run')).toBeDisabled();
  await expect(page.getByTestId('mc-no-ranges')).toBeVisible();
  await expect(low).toHaveValue('0');

  // A range for the adults' arrivals, in percent of the value: kept as factors.
  await enter(low, '-20');
  await expectSaved(page);
  await enter(high, '+30');
  await expectSaved(page);
  const ranges = (await apiCall<Snapshot>(page, 'document.current')).model.ranges;
  expect(ranges).toEqual([{ id: 'arrivals:p-adult', low: '0.8', likely: '1', high: '1.3' }]);
  await expect(low).toHaveValue('\u221220');
  await expect(high).toHaveValue('+30');
  // Low above likely: refused beside the field, nothing sent.
  await enter(low, '+10');
  await expect(low).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('range-row-arrivals:p-adult').getByTestId('field-error')).toContainText(
    'Low is above likely',
  );
  await low.press('Escape');
  // Out of 0..10 times the value: refused.
  await enter(likely, '+1000');
  await expect(likely).toHaveAttribute('aria-invalid', 'true');
  await likely.press('Escape');
  // A range on the XOF rate too.
  await enter(page.getByTestId('range-low-exchangeRate:XOF'), '-10');
  await expectSaved(page);
  expect((await apiCall<Snapshot>(page, 'document.current')).model.ranges).toHaveLength(2);

  // Draws of 0 or 10 million are refused beside the field, and nothing runs.
  const draws = page.getByTestId('mc-draws');
  const seed = page.getByTestId('mc-seed');
  await enter(draws, '0');
  await expect(draws).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('mc').getByTestId('field-error')).toContainText('from 1 to 1,000,000');
  await enter(draws, '10000000');
  await page.getByTestId('mc-run').click();
  await expect(draws).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('mc-progress')).toHaveCount(0);
  await enter(seed, '-1');
  await expect(seed).toHaveAttribute('aria-invalid', 'true');

  // A million draws: the progress bar moves, the window still answers, and Cancel stops it.
  await enter(draws, '1,000,000');
  await enter(seed, '7');
  await expect(draws).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('mc-run').click();
  const bar = page.getByRole('progressbar', { name: 'Monte-Carlo run' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuemax', '1000000');
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  // The window is not frozen: another screen opens and comes back while the run goes on.
  await page.getByTestId('nav-budget').click();
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.getByTestId('nav-sensitivity').click();
  await expect(bar).toBeVisible();
  await page.getByTestId('mc-cancel').click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('mc-status')).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('mc-results')).toHaveCount(0);

  // A small run: P10 ≤ P50 ≤ P90 of the total and of the net cost.
  await enter(draws, '200');
  await page.getByTestId('mc-run').click();
  await expect(page.getByTestId('mc-results')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('mc-results')).toContainText('Results: 200 draws, seed 7');
  await expect(page.getByTestId('mc-results')).toContainText('2 parameters drawn');
  const first = await percentiles(page);
  const [t10, t50, t90, n10, n50, n90] = first as [number, number, number, number, number, number];
  expect(t10).toBeLessThanOrEqual(t50);
  expect(t50).toBeLessThanOrEqual(t90);
  expect(t10).toBeLessThan(t90);
  expect(n10).toBeLessThanOrEqual(n50);
  expect(n50).toBeLessThanOrEqual(n90);
  await expect(page.getByTestId('mc-hist-total')).toBeVisible();
  await expect(page.getByTestId('mc-hist-total-table')).toHaveCount(1);
  await expect(page.getByTestId('uncertainty-method')).toContainText('mulberry32');

  // Another seed gives other numbers; the same seed again gives the same numbers.
  await enter(seed, '8');
  await page.getByTestId('mc-run').click();
  await expect(page.getByTestId('mc-results')).toContainText('seed 8', { timeout: 30_000 });
  expect(await percentiles(page)).not.toEqual(first);
  await enter(seed, '7');
  await page.getByTestId('mc-run').click();
  await expect(page.getByTestId('mc-results')).toContainText('seed 7', { timeout: 30_000 });
  expect(await percentiles(page)).toEqual(first);

  // A range changed since the run: the results say they are out of date.
  await page.getByTestId('range-clear-exchangeRate:XOF').click();
  await expect(page.getByTestId('mc-stale')).toBeVisible();

  // A scenario shown in the switcher is what the screen computes (the ranges stay the programme's).
  await expect(page.getByTestId('sensitivity-on')).toContainText('Computed on the baseline');
  await page.getByTestId('scenario-switcher').selectOption('sc-fewer-arrivals');
  await expect(page.getByTestId('sensitivity-on')).toContainText('Computed on the scenario “20 % fewer arrivals”');
  const now = (await apiCall<Snapshot>(page, 'document.current')).model;
  const fewer = now.scenarios.find((x) => x.id === 'sc-fewer-arrivals');
  if (!fewer) throw new Error('the sample has changed');
  await expect(page.getByTestId('tornado-base')).toHaveAttribute(
    'data-minor',
    String(compute(resolve(now, fewer.overlay)).totals.total),
  );
  await page.getByTestId('scenario-notice-baseline').click();

  await page.getByTestId('locale-select').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sensibilité et incertitude');
  await page.getByTestId('locale-select').selectOption('en');
});
