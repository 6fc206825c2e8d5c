/**
 * Partners & synergies: add a partner programme and a referral synergy to a line of the sample;
 * what the partner delivers leaves the line's budget amount and is shown beside it (the grid's
 * total, the line's month-by-month view); the summary's net and
 * expected costs move; lowering the confidence raises the expected cost; the drop-out view says
 * what the programme would add without that partner; undo takes the synergy away again.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { appUrl, expectSaved, openSample, rowId } from './app';

const minor = async (l: Locator) => Number(await l.getAttribute('data-minor'));

/** n tenths of amount (≥ 0), rounded by the engine's one rule (ties away from zero), exactly. */
function tenths(amount: number, n: number): number {
  const x = BigInt(amount) * BigInt(n);
  const q = x / 10n;
  const r = x % 10n;
  return Number(r >= 5n ? q + 1n : q);
}

async function figures(page: Page) {
  return {
    gross: await minor(page.getByTestId('synergy-gross')),
    covered: await minor(page.getByTestId('synergy-covered')),
    net: await minor(page.getByTestId('synergy-net')),
    expected: await minor(page.getByTestId('synergy-expected')),
  };
}

test('a referral synergy splits a line into covered and net, and its confidence moves the expected cost', async ({
  page,
}) => {
  await openSample(page);
  // The sample's referral to training: its coordination is in the budget, under the individual
  // level's grid (the partner delivers the training itself, beside the budget); its name leads to it.
  const coordination = page.getByTestId('coordination-row-sy-referral-tvet');
  await expect(coordination).toContainText('Referral to training and job placement');
  expect(await minor(page.getByTestId('coordination-total-sy-referral-tvet'))).toBeGreaterThan(0);
  await expect(page.getByTestId('cell-delivered-ind-tvet')).toBeVisible();
  await coordination.getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partners & synergies');
  await expect(page.getByTestId('synergy-row-sy-referral-tvet')).toBeVisible();

  // The sample works with partners already: what they cover before this test adds one.
  const base = await figures(page);
  expect(base.covered).toBeGreaterThan(0);

  await page.getByTestId('partner-add').click();
  const partnerRow = page.locator('[data-testid^="partner-row-"]').last();
  const partnerId = await rowId(partnerRow, 'partner-row-');
  const name = page.getByTestId(`partner-name-${partnerId}`);
  await name.fill('Employment programme');
  await name.press('Enter');
  // A month that is not YYYY-MM is refused at the field, and nothing is sent.
  const end = page.getByTestId(`partner-endMonth-${partnerId}`);
  await end.fill('2030-13');
  await end.press('Enter');
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await end.press('Escape');

  await page.getByTestId(`synergy-add-type-${partnerId}`).selectOption('referral');
  await page.getByTestId(`synergy-add-${partnerId}`).click();
  const synergyRow = page.getByTestId(`synergies-${partnerId}`).locator('[data-testid^="synergy-row-"]');
  const synergyId = await rowId(synergyRow.first(), 'synergy-row-');

  // Target the first individual line (paid per arrival).
  await page.getByTestId(`synergy-targets-${synergyId}`).click();
  const dialog = page.getByTestId('synergy-targets-dialog');
  const first = dialog.locator('input[data-testid^="target-line-"]').first();
  const lineId = ((await first.getAttribute('data-testid')) ?? '').replace('target-line-', '');
  await first.check();
  await page.getByTestId('synergy-targets-save').click();
  await expectSaved(page);

  // A ratio-like typo in a share is refused beside the field.
  const share = page.getByTestId(`synergy-share-${synergyId}`);
  await share.fill('150');
  await share.press('Enter');
  await expect(share).toHaveAttribute('aria-invalid', 'true');
  await share.fill('50');
  await share.press('Enter');
  await expectSaved(page);

  const covered = page.getByTestId(`synergy-covered-${synergyId}`);
  await expect.poll(() => minor(covered)).toBeGreaterThan(0);
  const mine = await minor(covered);
  const a = await figures(page);
  expect(a.covered).toBe(base.covered + mine);
  // The partner delivers it outside the budget: the net cost falls by at least that (percentage
  // lines on the level fall with it), and gross − net is still what partners cover.
  expect(a.net).toBeLessThanOrEqual(base.net - mine);
  expect(a.gross - a.net).toBe(a.covered);
  // Identified: 30 % sure, so 70 % of what it covers is at risk (each sum rounded once: ± 1).
  const atRisk = (f: typeof a) => f.expected - f.net;
  expect(Math.abs(atRisk(a) - (atRisk(base) + tenths(mine, 7)))).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('totals-covered')).toBeVisible();

  // Lower the confidence: the expected cost rises.
  const confidence = page.getByTestId(`synergy-confidence-${synergyId}`);
  await confidence.fill('10');
  await confidence.press('Enter');
  await expect.poll(async () => (await figures(page)).expected).toBeGreaterThan(a.expected);
  const b = await figures(page);
  expect(Math.abs(atRisk(b) - (atRisk(base) + tenths(mine, 9)))).toBeLessThanOrEqual(1);

  // The drop-out view: without this partner, the programme adds what it covers.
  await expect(page.getByTestId(`dropout-total-${partnerId}`)).toHaveAttribute('data-minor', String(mine));

  // The budget's key figures carry them too.
  await page.getByTestId('nav-budget').click();
  await expect(page.getByTestId('metric-netCost')).toHaveAttribute('data-value', String(b.net));
  await expect(page.getByTestId('metric-expectedCost')).toHaveAttribute('data-value', String(b.expected));
  // The line's total is the budget's: what the partner delivers is said beside it, not in it.
  await expect(page.getByTestId(`cell-delivered-${lineId}`)).toBeVisible();
  // Its month-by-month view: what the partner delivers beside the budget, nothing paid by partners
  // inside it, and the whole amount net to the programme.
  await page.getByTestId(`cell-total-${lineId}`).click();
  const total = await minor(page.getByTestId('line-months-total'));
  expect(await minor(page.getByTestId('line-months-total-delivered'))).toBe(mine);
  expect(await minor(page.getByTestId('line-months-total-covered'))).toBe(0);
  expect(await minor(page.getByTestId('line-months-total-net'))).toBe(total);
  await page.getByTestId('line-months-close').click();
  // The referral's coordination is in the budget, under the line's level (none here: its cost is 0).
  await expect(page.getByTestId(`coordination-row-${synergyId}`)).toHaveCount(0);
  // Deleting the line says what depends on it; cancelled here.
  await page.getByTestId(`cell-name-${lineId}`).click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('confirm-delete')).toContainText('will no longer act on it');
  await page.getByTestId('confirm-cancel').click();

  // Undo (three times: confidence, share, targets) leaves the synergy covering nothing.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await page.getByTestId('nav-partners').click();
  await expect.poll(() => minor(page.getByTestId(`synergy-covered-${synergyId}`))).toBe(0);
  // A synergy moves to another partner: it is then listed under that partner.
  await page.getByTestId(`synergy-partner-${synergyId}`).selectOption('pa-employment');
  await expect(page.getByTestId('synergies-pa-employment').getByTestId(`synergy-row-${synergyId}`)).toBeVisible();
  // Clean up: the synergy, then the partner (a partner with synergies cannot be deleted).
  await page.getByTestId(`synergy-delete-${synergyId}`).click();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId(`partner-delete-${partnerId}`).click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId(`partner-row-${partnerId}`)).toHaveCount(0);
  await expectSaved(page);
});

test('New from a template: the El Cucayo matching fund opens with its partner and synergy at work', async ({
  page,
}) => {
  await page.goto(appUrl());
  const docName = page.getByTestId('doc-file-name');
  const templates = page.getByTestId('start-templates');
  await expect(templates.or(docName)).toBeVisible();
  if (await docName.isVisible()) {
    await page.getByTestId('close-document').click();
    await expect(templates).toBeVisible();
  }
  await expect(page.getByTestId('start-template-elCucayo')).toContainText('El Cucayo');
  await page.getByTestId('start-template-elCucayo').click();
  const name = `Cucayo ${Date.now()}`;
  const dialog = page.getByTestId('template-dialog');
  await expect(dialog).toContainText('line 475');
  await dialog.locator('input').fill(name);
  await dialog.locator('input').press('Enter');
  await expect(docName).toContainText(name);

  await page.getByTestId('nav-partners').click();
  const covered = page.getByTestId('synergy-covered-matching-50-50');
  await expect.poll(() => minor(covered)).toBeGreaterThan(0);
  const byFund = await minor(covered);
  // A second synergy with the fund, moved up: its partner's table lists it first.
  await page.getByTestId('synergy-add-type-senami').selectOption('costSharing');
  await page.getByTestId('synergy-add-senami').click();
  const rows = page.getByTestId('synergies-senami').locator('[data-testid^="synergy-row-"]');
  await expect(rows).toHaveCount(2);
  const added = await rowId(rows.nth(1), 'synergy-row-');
  await page.getByTestId(`synergy-up-${added}`).click();
  await expect(rows.first()).toHaveAttribute('data-testid', `synergy-row-${added}`);
  await page.getByTestId(`synergy-delete-${added}`).click();
  await page.getByTestId('confirm-ok').click();
  await expect(rows).toHaveCount(1);
  // Half of each USD 2,500 project, at most USD 1,250: half the grants line, month by month.
  await page.getByTestId('nav-budget').click();
  await page.getByTestId('cell-total-grants').click();
  const total = await minor(page.getByTestId('line-months-total'));
  expect(await minor(page.getByTestId('line-months-total-covered'))).toBe(byFund);
  expect(Math.abs(2 * byFund - total)).toBeLessThanOrEqual(1);
});
