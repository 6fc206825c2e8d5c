/**
 * Compare (issue 10, item 3): on a copy of the sample with a scenario that makes one line dearer
 * and lowers the adults' arrivals (made through the document's command path: scenario.add, then
 * scenario.edit, as the Scenarios screen sends them), the Compare screen puts the baseline and
 * the scenario side by side: the totals' differences are the engine's, the dearer line is in the
 * lines that differ with its cause, and the bridge has a step for the caseload and one for unit
 * costs, which add up exactly to the difference.
 */
import { expect, type Locator, test } from '@playwright/test';
import type { Snapshot } from '../../src-shared/api';
import { compute, resolve } from '../../src-shared/engine';
import { apiCall, expectSaved, openSample } from './app';

const minor = async (l: Locator) => Number(await l.getAttribute('data-minor'));

test('the baseline and a scenario side by side: totals, the line that differs and why, a bridge by cause', async ({
  page,
}) => {
  await openSample(page);
  // A copy of the sample, so that the scenario stays out of the other specs' way.
  await page.getByTestId('save-as').click();
  const name = `Compare ${Date.now()}`;
  await page.getByTestId('save-as-dialog-name').fill(name);
  await page.getByTestId('save-as-dialog-submit').click();
  await expect(page.getByTestId('doc-file-name')).toContainText(name);

  // No scenario yet: the screen says so.
  await page.getByTestId('nav-compare').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare scenarios');
  await expect(page.getByTestId('compare-no-scenarios')).toBeVisible();

  // The scenario, through the document's commands (the window follows main's events).
  const id = `sc-${Date.now()}`;
  const before = (await apiCall<Snapshot>(page, 'document.current')).model;
  const tvet = before.lines.find((l) => l.id === 'ind-tvet');
  const adult = before.profiles.find((p) => p.id === 'p-adult');
  if (!tvet || !adult) throw new Error('the sample has changed');
  const command = (c: object) => apiCall(page, 'document.command', { command: c });
  await command({
    type: 'scenario.add',
    id,
    fields: { name: 'Dearer training', description: 'TVET at a higher cost' },
  });
  await command({
    type: 'scenario.edit',
    scenario: id,
    command: { type: 'line.update', id: 'ind-tvet', patch: { unitCost: tvet.unitCost + 10_000_000 } },
  });
  await command({
    type: 'scenario.edit',
    scenario: id,
    command: { type: 'profile.update', id: 'p-adult', patch: { arrivals: adult.arrivals - 100 } },
  });
  const model = (await apiCall<Snapshot>(page, 'document.current')).model;
  const scenario = model.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error('the scenario was not added');
  expect(scenario.overlay.lines?.['ind-tvet']?.unitCost).toBe(tvet.unitCost + 10_000_000);
  const a = compute(model);
  const b = compute(resolve(model, scenario.overlay));

  // By default the baseline (the reference) and the first scenario are picked.
  await expect(page.getByTestId('compare-pick-baseline')).toBeChecked();
  await expect(page.getByTestId(`compare-pick-${id}`)).toBeChecked();
  // Untick and tick again through the UI: the baseline stays the reference.
  await page.getByTestId(`compare-pick-${id}`).uncheck();
  await expect(page.getByTestId('compare-pick-more')).toBeVisible();
  await page.getByTestId(`compare-pick-${id}`).check();

  const totalRow = page.getByTestId('compare-row-total');
  await expect(page.getByTestId('compare-value-total-0')).toHaveAttribute('data-minor', String(a.totals.total));
  await expect(page.getByTestId('compare-value-total-1')).toHaveAttribute('data-minor', String(b.totals.total));
  await expect(page.getByTestId('compare-delta-total-1')).toHaveAttribute(
    'data-minor',
    String(b.totals.total - a.totals.total),
  );
  await expect(totalRow).toContainText('%');
  // Funding sources by their names, levels and years in words.
  await expect(page.getByTestId('compare-totals')).toContainText(model.funders[0]?.name ?? '');
  await expect(page.getByTestId('compare-row-level:individual')).toContainText('Individual');
  await expect(page.getByTestId('compare-row-year:1')).toContainText('Year 1');

  // The dearer line differs, because of its unit cost; a line paid per arrival differs for another reason.
  const line = page.getByTestId('compare-line-ind-tvet');
  await expect(line).toContainText(tvet.name);
  await expect(page.getByTestId('compare-line-cause-ind-tvet')).toHaveAttribute('data-causes', 'unitCost');
  await expect(page.getByTestId('compare-line-cause-ind-tvet')).toHaveText('unit cost');
  await expect(page.getByTestId('compare-line-cause-ind-arrival-cash')).toHaveText(
    'other: caseload, rates or synergies',
  );

  // The bridge: from the baseline's total to the scenario's, a caseload step (fewer adults cost
  // less) and a unit-cost step (the dearer line), nothing for lines or synergies, adding up exactly.
  const bridge = page.getByTestId('compare-bridge');
  await expect(bridge).toContainText('From “Baseline” to “Dearer training”, by cause');
  expect(await minor(page.getByTestId('compare-bridge-from'))).toBe(a.totals.total);
  expect(await minor(page.getByTestId('compare-bridge-to'))).toBe(b.totals.total);
  const caseload = await minor(page.getByTestId('compare-bridge-caseload'));
  const unitCosts = await minor(page.getByTestId('compare-bridge-unitCosts'));
  expect(caseload).toBeLessThan(0);
  expect(unitCosts).toBeGreaterThan(0);
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

  // A change in the programme flows into the comparison (the scenario does not override it).
  await page.getByTestId('compare-reference-baseline').click();
  await command({ type: 'programme.update', patch: { indirectRate: '0.05' } });
  const after = compute((await apiCall<Snapshot>(page, 'document.current')).model);
  await expect(page.getByTestId('compare-value-total-0')).toHaveAttribute('data-minor', String(after.totals.total));

  // French: the screen's words follow.
  await page.getByTestId('locale-select').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comparer des scénarios');
  await expect(page.getByTestId('compare-line-cause-ind-tvet')).toHaveText('coût unitaire');
  await page.screenshot({ path: 'test-results/compare-fr.png', fullPage: true });
  await page.getByTestId('locale-select').selectOption('en');
  await expectSaved(page);
  await page.screenshot({ path: 'test-results/compare-en.png', fullPage: true });
});
