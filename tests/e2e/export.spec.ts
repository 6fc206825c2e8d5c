/**
 * Export (issue 11, item 1) in browser mode: Ctrl+E opens the Export screen; a workbook in the EU
 * layout with two scenarios is downloaded (an XLSX whose Summary total is the engine's); a CSV of
 * the monthly amounts of the scenario shown is downloaded, UTF-8 with its BOM, its total the
 * engine's for that scenario; an export of no scenario cannot be started.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import type { Snapshot } from '../../src-shared/api';
import { compute, resolve } from '../../src-shared/engine';
import { apiCall, openSample } from './app';

test('export a workbook and a CSV from the Export screen, each downloaded with the engine’s totals', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openSample(page);
  const snapshot = await apiCall<Snapshot>(page, 'document.current', {});
  const model = snapshot.model;
  const scenario = model.scenarios[0];
  if (!scenario) throw new Error('the sample has scenarios');

  await page.getByTestId('nav-budget').click();
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export');
  await expect(page.getByTestId('nav-export')).toHaveAttribute('aria-current', 'page');

  // XLSX, EU layout (the sample's donor profile), the baseline and a scenario.
  await expect(page.getByTestId('export-format-xlsx')).toBeChecked();
  await page.getByTestId('export-layout').selectOption('eu');
  await page.getByTestId(`export-scenario-${scenario.id}`).check();
  // Nothing chosen: cannot start, and says why.
  await page.getByTestId('export-scenario-baseline').uncheck();
  await page.getByTestId(`export-scenario-${scenario.id}`).uncheck();
  await expect(page.getByTestId('export-none')).toBeVisible();
  await expect(page.getByTestId('export-start')).toBeDisabled();
  await page.getByTestId('export-scenario-baseline').check();
  await page.getByTestId(`export-scenario-${scenario.id}`).check();

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('export-status')).toContainText(xlsx.suggestedFilename());
  const wb = new ExcelJS.Workbook();
  const file = fs.readFileSync(await xlsx.path());
  await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  const names = wb.worksheets.map((w) => w.name);
  expect(names.length).toBeGreaterThanOrEqual(4);
  // Every number the engine gives for the total appears as a number in the workbook.
  const total = compute(model).totals.total / 100;
  const numbers: number[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'number') numbers.push(v);
        else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') numbers.push(v.result);
      }),
    );
  }
  expect(numbers.some((n) => Math.abs(n - total) < 0.005)).toBe(true);

  // CSV of the monthly amounts of the scenario shown.
  await page.getByTestId('export-format-csv').check();
  await page.getByTestId('export-csv-scenario').selectOption(scenario.id);
  await page.getByTestId('export-csv-monthly').check();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  expect(csv.suggestedFilename()).toMatch(/monthly amounts.*\.csv$/);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const scenarioTotal = compute(resolve(model, scenario.overlay)).totals.total / 100;
  expect(text).toContain(scenarioTotal.toFixed(2));
});
