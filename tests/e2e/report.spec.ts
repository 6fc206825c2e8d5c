/**
 * The printable report (issue 11): the Report screen shows the scenario chosen in the switcher,
 * with a summary whose figures are the engine's (read here from the totals bar and the metrics
 * panel, never typed in), in the user's language; printed, it is A4 portrait pages with no
 * navigation, no buttons and no totals bar, the lines table's header repeated on each page.
 */
import { expect, type Page, test } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openSample } from './app';

/** Text as pdf.js returns it: runs separated by spaces, so compare without them. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
const NBSP = '\u00a0';

/** The engine's figures as the Budget screen's metrics panel and the totals bar show them. */
async function figuresOnScreen(page: Page) {
  await page.getByTestId('nav-budget').click();
  const total = page.getByTestId('totals-total');
  await expect(total).not.toHaveText('…');
  const returnees = page.getByTestId('metric-returnees');
  await expect(returnees).toBeVisible();
  return {
    total: await total.innerText(),
    returnees: await returnees.innerText(),
    perReturnee: await page.getByTestId('metric-costPerReturneeAllIn').innerText(),
  };
}

async function printedPages(page: Page): Promise<{ pages: string[]; sizes: [number, number][] }> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const out: { pages: string[]; sizes: [number, number][] } = { pages: [], sizes: [] };
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

test.afterEach(async ({ page }) => {
  // Leave the app as the other specs expect it: English, the baseline.
  await page.getByTestId('locale-select').selectOption('en');
  await page.getByTestId('scenario-switcher').selectOption('');
});

test('the report of the sample: its summary states the engine’s figures, and it follows the scenario chosen', async ({
  page,
}) => {
  await openSample(page);
  const base = await figuresOnScreen(page);

  await page.getByTestId('nav-report').click();
  const report = page.getByTestId('report');
  await expect(report).toBeVisible();
  // One h1, the programme's title; a section heading for each part of the report.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(await page.getByTestId('doc-title').innerText());
  for (const name of ['Summary', 'Key figures', 'Charts', 'Budget lines by level', 'Checks']) {
    await expect(report.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await expect(page.getByTestId('report-scenario')).toHaveText('Baseline (no scenario)');
  const reach = page.getByTestId('report-summary-reach');
  await expect(reach).toContainText(`assists ${base.returnees} returnees`);
  await expect(reach).toContainText(`${base.total}${NBSP}EUR`);
  await expect(reach).toContainText(base.perReturnee.replace(' ', NBSP));
  await expect(page.getByTestId('report-figure-total')).toHaveText(`${base.total} EUR`);
  await expect(page.getByTestId('report-grand-total')).toHaveText(base.total);
  // The charts carry their figures as tables for screen readers.
  await expect(page.getByTestId('chart-by-level-table')).toBeAttached();
  await expect(page.getByTestId('chart-by-funder-table')).toBeAttached();

  // Another scenario: the report follows it, with that scenario's figures.
  await page.getByTestId('scenario-switcher').selectOption({ label: '20 % fewer arrivals' });
  const scenario = await figuresOnScreen(page);
  expect(scenario.total).not.toBe(base.total);
  expect(scenario.returnees).not.toBe(base.returnees);
  await page.getByTestId('nav-report').click();
  await expect(page.getByTestId('report-scenario')).toHaveText('Scenario: 20 % fewer arrivals');
  await expect(reach).toContainText('In the scenario “20 % fewer arrivals”');
  await expect(reach).toContainText(`assists ${scenario.returnees} returnees`);
  await expect(reach).toContainText(`${scenario.total}${NBSP}EUR`);
  await expect(page.getByTestId('report-figure-total')).toHaveText(`${scenario.total} EUR`);

  // In French: the same figures, written the French way.
  await page.getByTestId('locale-select').selectOption('fr');
  const fr = await figuresOnScreen(page);
  expect(fr.total).toMatch(/^\d{1,3}([\u202f\u00a0]\d{3})+,\d{2}$/);
  await page.getByTestId('nav-report').click();
  await expect(page.getByTestId('report-scenario')).toHaveText(`Scénario${NBSP}: 20 % fewer arrivals`);
  await expect(reach).toContainText(`accompagne ${fr.returnees} personnes de retour`);
  await expect(reach).toContainText(`${fr.total}${NBSP}EUR`);
  await expect(page.getByRole('heading', { level: 2, name: 'Résumé' })).toBeVisible();
});

test('printed, the report has no navigation nor buttons, and lies on numbered A4 portrait pages', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page);
  const { total } = await figuresOnScreen(page);
  await page.getByTestId('nav-report').click();
  await expect(page.getByTestId('report-summary-reach')).toBeVisible();

  // Browser mode: no "Save as PDF…" (a desktop call); "Print…" opens the browser's print dialog.
  await expect(page.getByTestId('report-save-pdf')).toHaveCount(0);
  await expect(page.getByTestId('report-print-hint')).toContainText('Save as PDF');
  await page.evaluate(() => {
    const w = globalThis as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => {
      w.printed += 1;
    };
  });
  await page.getByTestId('report-print').click();
  expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('report')).toBeVisible();
  for (const id of ['nav-budget', 'nav-report', 'report-print', 'save-as', 'scenario-switcher', 'totals-total']) {
    await expect(page.getByTestId(id), id).toBeHidden();
  }
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByTestId('print-header')).toBeHidden();
  await page.emulateMedia({ media: null });
  await expect(page.getByTestId('nav-report')).toBeVisible();

  const printed = await printedPages(page);
  const n = printed.pages.length;
  expect(n).toBeGreaterThanOrEqual(4);
  for (const size of printed.sizes) expect(size).toEqual([595, 842]);
  const first = squeeze(printed.pages[0] ?? '');
  expect(first).toContain(squeeze(await page.getByTestId('doc-title').innerText()));
  expect(first).toContain('Baseline(noscenario)');
  expect(first).toContain(squeeze(`${total} EUR`));
  for (let i = 1; i <= n; i++) expect(squeeze(printed.pages[i - 1] ?? '')).toContain(`${i}/${n}`);
  const all = squeeze(printed.pages.join(' '));
  for (const chrome of ['Print…', 'Saveas…', '↶Undo', 'Nochangessinceopening', 'Amountsin']) {
    expect(all, chrome).not.toContain(chrome);
  }
  // The charts, the lines and the checks each start a page; the lines' header repeats on the pages they run over.
  // (A page's text starts with its number, from the page's margin box.)
  const startsWith = (heading: string) =>
    printed.pages.findIndex((p) =>
      squeeze(p)
        .replace(/^\d+\/\d+/, '')
        .startsWith(squeeze(heading)),
    );
  expect(startsWith('Charts')).toBeGreaterThan(0);
  const lines = startsWith('Budget lines by level');
  const checks = startsWith('Checks');
  expect(lines).toBeGreaterThan(startsWith('Charts'));
  expect(checks).toBeGreaterThan(lines + 1);
  for (let i = lines + 1; i < checks; i++)
    expect(squeeze(printed.pages[i] ?? ''), `page ${i + 1}`).toContain('Unitcost');
  expect(all).toContain(squeeze(`Total of the programme ${total}`));
});
