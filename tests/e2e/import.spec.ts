/**
 * Import (issue 11, item 5) in browser mode: a CSV whose unit-cost column is not recognised and
 * with two bad rows; the dialog says which field has no column, the column is chosen, the report
 * names the two rows and what is wrong with each, the ready rows are imported as one step into the
 * level chosen, and Undo takes them all back.
 */
import { expect, test } from '@playwright/test';
import { expectSaved, openSample } from './app';

const CSV = [
  'Name,Amount,Quantity,Unit',
  'Imported toolkits,125.50,40,kit',
  'Imported broken cost,12x,3,kit',
  'Imported training days,"1,200.00",6,day',
  ',80,2,kit',
  '',
].join('\r\n');

test('import a CSV with two bad rows: choose the missing column, read the report, import, undo', async ({ page }) => {
  test.setTimeout(90_000);
  await openSample(page);
  await page.getByTestId('save-as').click();
  const name = `Import ${Date.now()}`;
  await page.getByTestId('save-as-dialog-name').fill(name);
  await page.getByTestId('save-as-dialog-submit').click();
  await expect(page.getByTestId('doc-file-name')).toContainText(name);
  await page.getByTestId('nav-budget').click();

  await page.getByTestId('import-open').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('import-file').setInputFiles({
    name: 'lines.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV, 'utf8'),
  });
  await expect(page.getByTestId('import-read')).toContainText('4 rows');
  // "Amount" is not recognised as the unit cost: the dialog says what is missing, and nothing can be imported.
  await expect(page.getByTestId('import-missing')).toContainText('Unit cost');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await expect(page.getByTestId('import-map-name')).toHaveValue('0');

  await page.getByTestId('import-map-unitCost').selectOption('1');
  await expect(page.getByTestId('import-summary')).toContainText('Ready to import: 2');
  await expect(page.getByTestId('import-summary')).toContainText('Left out because of a problem: 2');
  await expect(page.getByTestId('import-issue-3')).toContainText('Unit cost');
  await expect(page.getByTestId('import-issue-5')).toContainText('Name');

  await page.getByTestId('import-level').selectOption('community');
  await expect(page.getByTestId('import-confirm')).toHaveText('Import the ready lines (2) into Community');
  await page.getByTestId('import-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expectSaved(page);
  const community = page.getByTestId('level-section-community');
  await expect(community.getByText('Imported toolkits')).toHaveCount(1);
  await expect(community.getByText('Imported training days')).toHaveCount(1);
  await expect(page.getByText('Imported broken cost')).toHaveCount(0);

  // One step: Undo takes both lines back.
  await page.getByTestId('undo').click();
  await expectSaved(page);
  await expect(page.getByText('Imported toolkits')).toHaveCount(0);
  await expect(page.getByText('Imported training days')).toHaveCount(0);
});
