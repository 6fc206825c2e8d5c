/**
 * Printing: each main screen of the sample, printed to PDF by Chromium as Ctrl+P would, gives A4
 * landscape pages with the programme's title and scenario on top, numbered, without the app's
 * buttons, and with the content a reader needs: every budget line's total (so every grid column,
 * the total being the last), the profiles, the funding sources and the grand total.
 */
import { expect, type Page, test } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Snapshot } from '../../src-shared/api';
import { compute } from '../../src-shared/engine';
import { formatMinor } from '../../src-shared/money';
import { join } from 'node:path';
import { writeModelToFile } from '../../src-main/documents';
import { generateModel } from '../bench/generate';
import { apiCall, appUrl, openSample } from './app';

interface Printed {
  pages: string[];
  /** Each page's size in points (A4 landscape: 842 × 595). */
  sizes: [number, number][];
}

async function print(page: Page): Promise<Printed> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const out: Printed = { pages: [], sizes: [] };
  for (let i = 1; i <= doc.numPages; i++) {
    const p = await doc.getPage(i);
    const content = await p.getTextContent();
    out.pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    const [x0, y0, x1, y1] = p.view as [number, number, number, number];
    out.sizes.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
  }
  await doc.destroy();
  return out;
}

const money = (minor: number, currency: string) => formatMinor(minor, currency, 'en');
/** Text as pdf.js returns it: runs separated by spaces, so compare without them. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

const SCREENS = ['programme', 'caseload', 'budget', 'funding', 'checks', 'history'] as const;

test('every main screen prints on numbered A4 landscape pages with the title, the scenario and its content', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openSample(page);
  // The sample as it is now (other specs edit it), and what the engine makes of it.
  const model = (await apiCall<Snapshot>(page, 'document.current')).model;
  const result = compute(model);
  const cur = result.currency;
  for (const screen of SCREENS) {
    await page.getByTestId(`nav-${screen}`).click();
    await expect(page.getByTestId('totals-total')).toHaveText(money(result.totals.total, cur));
    const printed = await print(page);
    const all = squeeze(printed.pages.join(' '));
    const n = printed.pages.length;

    for (const size of printed.sizes) expect(size, screen).toEqual([842, 595]);
    expect(squeeze(printed.pages[0] ?? ''), screen).toContain(squeeze(model.programme.title));
    expect(squeeze(printed.pages[0] ?? ''), screen).toContain('Scenario:Baseline');
    expect(all, screen).toContain(squeeze(money(result.totals.total, cur)));
    for (let i = 1; i <= n; i++) expect(squeeze(printed.pages[i - 1] ?? ''), screen).toContain(`${i}/${n}`);
    // No app chrome: the top bar's and the toolbars' buttons are not printed.
    for (const chrome of ['Saveas…', '↶Undo', '↷Redo', '+Addline', '↑Moveup', 'Nochangessinceopening']) {
      expect(all, `${screen}: "${chrome}"`).not.toContain(chrome);
    }

    if (screen === 'budget') {
      for (const line of result.lines) expect(all, `line ${line.lineId}`).toContain(squeeze(money(line.total, cur)));
      expect(all).toContain('Resultingquantity');
      expect(all).toContain('cases/staff');
    }
    if (screen === 'caseload') for (const p of model.profiles) expect(all).toContain(squeeze(p.name));
    if (screen === 'funding') {
      for (const f of model.funders) {
        expect(all).toContain(squeeze(f.name));
        expect(all).toContain(squeeze(money(result.byFunder[f.id] ?? 0, cur)));
      }
    }
  }
  // The screen is back to its window of rows once printed.
  await page.getByTestId('nav-budget').click();
  expect(await page.locator('tr.line-row').count()).toBeLessThan(result.lines.length + 1);
});

test('a long budget prints every line, not only the rows in view', async ({ page }) => {
  test.setTimeout(120_000);
  // 400 lines: each level has more than the grid renders at once (see rowWindow.ts).
  const big = generateModel({ lines: 400, months: 36 });
  const bigResult = compute(big);
  await page.goto(appUrl());
  const { documentsDir } = await apiCall<{ documentsDir: string }>(page, 'app.info');
  const file = `Print e2e ${Date.now()}`;
  writeModelToFile(join(documentsDir, `${file}.rcs`), big);
  await page.reload();
  const docName = page.getByTestId('doc-file-name');
  await expect(page.getByTestId('library-list').or(docName)).toBeVisible();
  if (await docName.isVisible()) await page.getByTestId('close-document').click();
  await page.locator('li.file-item', { hasText: file }).locator('[data-testid^="library-open-"]').first().click();
  await expect(docName).toContainText(file);
  await page.getByTestId('nav-budget').click();
  await expect(page.getByTestId('totals-total')).toHaveText(
    formatMinor(bigResult.totals.total, bigResult.currency, 'en'),
  );
  const onScreen = await page.locator('tr.line-row').count();
  expect(onScreen).toBeLessThan(big.lines.length);

  const all = squeeze((await print(page)).pages.join(' '));
  const missing = bigResult.lines.filter((l) => !all.includes(squeeze(formatMinor(l.total, bigResult.currency, 'en'))));
  expect(missing.map((l) => l.lineId)).toEqual([]);
  // Back on screen, the grid shows a window of rows again.
  await expect.poll(() => page.locator('tr.line-row').count()).toBeLessThan(big.lines.length);
});
