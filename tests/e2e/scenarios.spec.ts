import { expect, test } from '@playwright/test';
import { addAdultProfile, addLine, editCell, expectSaved, openSample, startNewProgramme, typeInto } from './app';

test('a scenario: lower arrivals and raise a unit cost in it, the baseline unchanged, marks and a way back', async ({
  page,
}) => {
  await startNewProgramme(page, 'Scenarios');
  // The baseline: 1,200 adults; one line at 500.00 per arrival.
  await page.getByTestId('nav-caseload').click();
  const profileId = await addAdultProfile(page);
  await typeInto(page.getByTestId(`profile-arrivals-${profileId}`), '1200');
  await page.getByTestId('nav-budget').click();
  const lineId = await addLine(page, 'individual', 0);
  await editCell(page, `cell-name-${lineId}`, 'Reintegration kit');
  await editCell(page, `cell-unitCost-${lineId}`, '500');
  await page.getByTestId(`cell-driver-${lineId}`).selectOption('perArrival');
  const total = page.getByTestId(`cell-total-${lineId}`);
  await expect(total).toHaveText('600,000.00');
  await expectSaved(page);

  // A new scenario from the switcher, beside undo and redo; a name already used is refused beside the field.
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-dialog-name').fill('Baseline');
  await page.getByTestId('scenario-dialog-submit').click();
  await expect(page.getByTestId('scenario-dialog').getByTestId('field-error')).toContainText('Baseline');
  await page.getByTestId('scenario-dialog-name').fill('Fewer arrivals, dearer kits');
  await page.getByTestId('scenario-dialog-description').fill('20 % fewer arrivals; kits at 550.');
  await page.getByTestId('scenario-dialog-submit').click();
  await expect(page.getByTestId('scenario-dialog')).toBeHidden();
  await expect(page.getByTestId('scenario-notice')).toContainText('Fewer arrivals, dearer kits');
  await expect(page.getByTestId('scenario-switcher')).toHaveValue(/.+/);

  // In the scenario: 960 arrivals and a unit cost of 550.
  await editCell(page, `cell-unitCost-${lineId}`, '550');
  await expect(total).toHaveText('660,000.00');
  await expect(page.getByTestId(`override-line-${lineId}-unitCost`)).toHaveAttribute('title', /500\.00 EUR/);
  await page.getByTestId('nav-caseload').click();
  await typeInto(page.getByTestId(`profile-arrivals-${profileId}`), '960');
  await expect(page.getByTestId(`override-profile-${profileId}-arrivals`)).toBeVisible();
  await expectSaved(page);
  await page.getByTestId('nav-budget').click();
  await expect(total).toHaveText('528,000.00'); // 960 × 550.00

  // A field that is the same in every scenario is refused, saying where to change it; nothing is saved.
  await editCell(page, `cell-name-${lineId}`, 'Renamed in the scenario');
  await expect(page.getByTestId('error-banner')).toContainText('same in every scenario');
  await expect(page.getByTestId(`cell-name-${lineId}`)).toHaveValue('Reintegration kit');
  await page.getByTestId('error-banner-dismiss').click();

  // The undo button names the scenario; the scenarios screen lists both changes with the baseline's values.
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Fewer arrivals, dearer kits/);
  await page.getByTestId('scenario-manage').click();
  const unitCost = page.getByTestId(`scenario-override-line-${lineId}-unitCost`);
  await expect(unitCost).toContainText('550.00');
  await expect(unitCost).toContainText('500.00');
  await expect(page.getByTestId(`scenario-override-profile-${profileId}-arrivals`)).toContainText('1,200');

  // The baseline is unchanged.
  await page.getByTestId('scenario-switcher').selectOption('');
  await expect(page.getByTestId('scenario-notice')).toBeHidden();
  await page.getByTestId('nav-budget').click();
  await expect(total).toHaveText('600,000.00');
  await expect(page.getByTestId(`override-line-${lineId}-unitCost`)).toHaveCount(0);

  // Back in the scenario, one click on the mark takes the unit cost back to the baseline's.
  await page.getByTestId('scenario-switcher').selectOption({ label: 'Fewer arrivals, dearer kits' });
  await expect(total).toHaveText('528,000.00');
  await page.getByTestId(`override-line-${lineId}-unitCost`).click();
  await expect(total).toHaveText('480,000.00'); // 960 × 500.00
  await expect(page.getByTestId(`override-line-${lineId}-unitCost`)).toHaveCount(0);
  await expectSaved(page);
});

test('the sample opens with its three scenarios in the switcher; choosing one shows its totals everywhere', async ({
  page,
}) => {
  await openSample(page);
  const switcher = page.getByTestId('scenario-switcher');
  await expect(switcher.locator('option')).toHaveText([
    'Baseline',
    '20 % fewer arrivals',
    'Main partner drops out',
    'Weaker CFA franc, higher inflation',
  ]);
  // Other specs may have edited the sample's copy: compare with what it shows now.
  const total = page.getByTestId('totals-total');
  await expect(total).not.toHaveText('…');
  const baseline = await total.innerText();
  await switcher.selectOption({ label: '20 % fewer arrivals' });
  await expect(total).not.toHaveText(baseline);
  await expect(page.getByTestId('scenario-notice')).toContainText('20 % fewer arrivals');
  // The caseload shows the scenario's arrivals, each marked as changed.
  await page.getByTestId('nav-caseload').click();
  await expect(page.getByTestId('override-profile-p-adult-arrivals')).toBeVisible();
  await switcher.selectOption('');
  await expect(total).toHaveText(baseline);
  await expect(page.getByTestId('override-profile-p-adult-arrivals')).toHaveCount(0);
});
