/**
 * Compare (issue 10, item 3): on a copy of the sample, a scenario made through the UI (the
 * switcher's "New scenario…", then a dearer training line in the budget and fewer adults on the
 * Caseload screen while it is shown) is compared with the baseline: the totals' differences are
 * the engine's, the dearer line is in the lines that differ with its cause, and the bridge has a
 * caseload step and a unit-cost step, which add up exactly to the difference. The comparison is of
 * the baseline whichever scenario is shown; at most four are picked; the reference can change.
 */
import { expect, type Locator, test } from '@playwright/test';
import type { Snapshot } from '../../src-shared/api';
import { compute, resolve } from '../../src-shared/engine';
import { apiCall, editCell, expectSaved, openSample, typeInto } from './app';

const minor = async (l: Locator) => Number(await l.getAttribute('data-minor'));

test('the baseline and a scenario side by side: totals, the line that differs and why, a bridge by cause', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openSample(page);
  // A copy of the sample, so that the scenario stays out of the other specs' way.
  await page.getByTestId('save-as').click();
  const name = `Compare ${Date.now()}`;
  await page.getByTestId('save-as-dialog-name').fill(name);
  await page.getByTestId('save-as-dialog-submit').click();
  await expect(page.getByTestId('doc-file-name')).toContainText(name);
  const before = (await apiCall<Snapshot>(page, 'document.current')).model;
  const tvet = before.lines.find((l) => l.id === 'ind-tvet');
  const adult = before.profiles.find((p) => p.id === 'p-adult');
  if (!tvet || !adult) throw new Error('the sample has changed');

  // The scenario, through the UI: made in the switcher, then edited while it is shown.
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-dialog-name').fill('Dearer training');
  await page.getByTestId('scenario-dialog-description').fill('TVET places cost more; fewer adults return.');
  await page.getByTestId('scenario-dialog-submit').click();
  await expect(page.getByTestId('scenario-notice')).toContainText('Dearer training');
  await page.getByTestId('nav-budget').click();
  await editCell(page, 'cell-unitCost-ind-tvet', String(tvet.unitCost + 100_000));
  await page.getByTestId('nav-caseload').click();
  await typeInto(page.getByTestId('profile-arrivals-p-adult'), String(adult.arrivals - 100));
  await expectSaved(page);
  const model = (await apiCall<Snapshot>(page, 'document.current')).model;
  const scenario = model.scenarios.find((s) => s.name === 'Dearer training');
  if (!scenario) throw new Error('the scenario was not added');
  const id = scenario.id;
  expect(scenario.overlay.lines?.['ind-tvet']?.unitCost).toBe(tvet.unitCost + 100_000);
  expect(model.lines.find((l) => l.id === 'ind-tvet')?.unitCost).toBe(tvet.unitCost);
  const a = compute(model);
  const b = compute(resolve(model, scenario.overlay));

  // The scenario shown is picked by default, beside the baseline (the reference); the comparison
  // is of the baseline itself although the scenario is shown.
  await page.getByTestId('nav-compare').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare scenarios');
  await expect(page.getByTestId('compare-pick-baseline')).toBeChecked();
  await expect(page.getByTestId(`compare-pick-${id}`)).toBeChecked();
  await expect(page.getByTestId('compare-value-total-0')).toHaveAttribute('data-minor', String(a.totals.total));
  await expect(page.getByTestId('compare-value-total-1')).toHaveAttribute('data-minor', String(b.totals.total));
  await expect(page.getByTestId('compare-delta-total-1')).toHaveAttribute(
    'data-minor',
    String(b.totals.total - a.totals.total),
  );
  await expect(page.getByTestId('compare-row-total')).toContainText('%');
  // Funding sources by their names, levels and years in words.
  await expect(page.getByTestId('compare-totals')).toContainText(model.funders[0]?.name ?? '');
  await expect(page.getByTestId('compare-row-level:individual')).toContainText('Individual');
  await expect(page.getByTestId('compare-row-year:1')).toContainText('Year 1');

  // The dearer line differs because of its unit cost; a line paid per arrival differs for another reason.
  await expect(page.getByTestId('compare-line-ind-tvet')).toContainText(tvet.name);
  await expect(page.getByTestId('compare-line-cause-ind-tvet')).toHaveAttribute('data-causes', 'unitCost');
  await expect(page.getByTestId('compare-line-cause-ind-tvet')).toHaveText('unit cost');
  await expect(page.getByTestId('compare-line-cause-ind-arrival-cash')).toHaveText(
    'other: caseload, rates or synergies',
  );

  // The bridge: from the baseline's total to the scenario's, a caseload step (fewer adults cost
  // less) and a unit-cost step (the dearer line), nothing for lines or synergies, adding up exactly.
  await expect(page.getByTestId('compare-bridge')).toContainText('From “Baseline” to “Dearer training”, by cause');
  expect(await minor(page.getByTestId('compare-bridge-from'))).toBe(a.totals.total);
  expect(await minor(page.getByTestId('compare-bridge-to'))).toBe(b.totals.total);
  expect(await minor(page.getByTestId('compare-bridge-caseload'))).toBeLessThan(0);
  expect(await minor(page.getByTestId('compare-bridge-unitCosts'))).toBeGreaterThan(0);
  expect(await minor(page.getByTestId('compare-bridge-rates'))).toBe(0);
  expect(await minor(page.getByTestId('compare-bridge-lines'))).toBe(0);
  expect(await minor(page.getByTestId('compare-bridge-synergies'))).toBe(0);
  const steps = await Promise.all(
    ['caseload', 'rates', 'unitCosts', 'lines', 'synergies'].map((c) => minor(page.getByTestId(`compare-bridge-${c}`))),
  );
  expect(steps.reduce((s, x) => s + x, 0)).toBe(b.totals.total - a.totals.total);
  await expect(page.getByTestId('compare-bridge-sum')).toHaveAttribute(
    'data-minor',
    String(b.totals.total - a.totals.total),
  );

  // Every chart has its table for screen readers.
  for (const chart of ['levels', 'funders', 'monthly']) {
    await expect(page.getByTestId(`compare-chart-${chart}`)).toBeVisible();
    await expect(page.getByTestId(`compare-chart-${chart}-table`)).toHaveCount(1);
  }

  // The scenario as the reference: the differences change sign.
  await page.getByTestId(`compare-reference-${id}`).click();
  await expect(page.getByTestId('compare-delta-total-1')).toHaveAttribute(
    'data-minor',
    String(a.totals.total - b.totals.total),
  );
  await expect(page.getByTestId('compare-bridge')).toContainText('From “Dearer training” to “Baseline”, by cause');
  await page.getByTestId('compare-reference-baseline').click();

  // One alone is not a comparison; four at most (the sample's three scenarios and this one: five choices).
  await page.getByTestId(`compare-pick-${id}`).uncheck();
  await expect(page.getByTestId('compare-pick-more')).toBeVisible();
  await expect(page.getByTestId('compare-results')).toHaveCount(0);
  for (const s of ['sc-fewer-arrivals', 'sc-partner-drops', 'sc-weak-franc']) {
    await page.getByTestId(`compare-pick-${s}`).check();
  }
  await expect(page.getByTestId(`compare-pick-${id}`)).toBeDisabled();
  await expect(page.getByTestId('compare-value-total-3')).toHaveAttribute(
    'data-minor',
    String(compute(resolve(model, model.scenarios.find((s) => s.id === 'sc-weak-franc')?.overlay ?? {})).totals.total),
  );
  // The bridge goes to the scenario chosen: the weaker franc (more francs to the euro) is all rates.
  await page.getByTestId('compare-bridge-target').selectOption('sc-weak-franc');
  await expect(page.getByTestId('compare-bridge')).toContainText('to “Weaker CFA franc, higher inflation”');
  expect(await minor(page.getByTestId('compare-bridge-rates'))).not.toBe(0);
  expect(await minor(page.getByTestId('compare-bridge-caseload'))).toBe(0);
  expect(await minor(page.getByTestId('compare-bridge-unitCosts'))).toBe(0);

  // A change to the baseline flows into the comparison.
  await page.getByTestId('scenario-notice-baseline').click();
  await page.getByTestId('nav-programme').click();
  await apiCall(page, 'document.command', { command: { type: 'programme.update', patch: { indirectRate: '0.05' } } });
  const after = compute((await apiCall<Snapshot>(page, 'document.current')).model);
  await page.getByTestId('nav-compare').click();
  await expect(page.getByTestId('compare-value-total-0')).toHaveAttribute('data-minor', String(after.totals.total));

  // French: the screen's words follow.
  await page.getByTestId('locale-select').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comparer des scénarios');
  await expect(page.getByTestId('compare-bridge')).toContainText('De «\u00a0Référence\u00a0» à');
  await page.getByTestId('locale-select').selectOption('en');
  await expectSaved(page);
});
