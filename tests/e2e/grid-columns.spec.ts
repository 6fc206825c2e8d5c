/**
 * The budget grid reads without decoding: at 1366×768 and 1440×900, in English and French, no header,
 * category, driver, unit, amount, driver value or resulting quantity of the sample is cut off (the
 * free-text name column excepted: it takes the room left and says the full name on hover), nor is
 * the programme's title; each driver value says what it counts ("60 cases / staff"); and a column
 * resized by dragging its header's edge keeps its width after a reload, until double-clicked.
 */
import { expect, type Page, test } from '@playwright/test';
import { openSample, rowId } from './app';

/** What the check reads of an element (the e2e project has no DOM types). */
interface Box {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string | null;
  value?: string;
  querySelector(selector: string): Box | null;
  querySelectorAll(selector: string): ArrayLike<Box>;
  ownerDocument: Box;
}

/** Every element of the grid (and the title) whose content does not fit its box, described. */
async function cutOff(page: Page): Promise<string[]> {
  return page.getByTestId('level-section-individual').evaluate((el) => {
    const section = el as unknown as Box;
    const out: string[] = [];
    const check = (e: Box | null, what: string) => {
      if (!e) return;
      if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) {
        const size = `${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`;
        out.push(`${what}: "${e.value ?? e.textContent ?? ''}" (${size})`);
      }
    };
    for (const h of Array.from(section.querySelectorAll('.th-label'))) check(h, 'header');
    const rows = Array.from(section.querySelectorAll('tr.line-row'));
    for (const row of rows) {
      for (const col of ['unitCost', 'quantity', 'start', 'end']) {
        check(row.querySelector(`input[data-testid^="cell-${col}-"]`), col);
      }
      // Free text shows on a face of up to two lines; the unit's must fit (the name may be cut).
      const unit = row.querySelector('[data-testid^="face-cell-unitLabel-"]');
      if (unit) check(unit, 'unitLabel');
      else out.push('no unit face');
      for (const col of ['category', 'currency', 'driver', 'schedule']) {
        check(row.querySelector(`[data-testid^="face-cell-${col}-"]`), col);
        check(row.querySelector(`span[data-testid^="cell-${col}-"]`), col);
      }
      for (const sel of ['.cell-unit', '.cell-plain.derivation', '.cell-total']) check(row.querySelector(sel), sel);
    }
    check(section.ownerDocument.querySelector('[data-testid="doc-title"]'), 'title');
    // The screen tabs and the totals bar fit: beside each other, or the totals under the tabs.
    check(section.ownerDocument.querySelector('.subbar'), 'tabs and totals');
    if (rows.length < 10) out.push(`only ${rows.length} rows rendered`);
    return out;
  });
}

for (const [width, height] of [
  [1366, 768],
  [1440, 900],
] as const) {
  test(`nothing in the grid is cut off at ${width}×${height}, in English and French`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openSample(page);
    await page.getByTestId('nav-budget').click();
    // The grid fits the window: no sideways scrolling at these sizes.
    const wrap = page.getByTestId('level-section-individual').locator('.grid-wrap');
    for (const locale of ['en', 'fr'] as const) {
      await page.getByTestId('locale-select').selectOption(locale);
      await expect(page.getByTestId('level-section-individual').locator('tr.line-row').first()).toBeVisible();
      expect(await cutOff(page), `${locale} at ${width}`).toEqual([]);
      expect(await wrap.evaluate((el) => `${el.scrollWidth} in ${el.clientWidth}`)).toMatch(/^(\d+) in \1$/);
    }
    await page.getByTestId('locale-select').selectOption('en');
  });
}

test('the caseload and funding tables show every name, type and choice in full, in both languages', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openSample(page);
  for (const locale of ['en', 'fr'] as const) {
    await page.getByTestId('locale-select').selectOption(locale);
    for (const screen of ['caseload', 'funding']) {
      await page.getByTestId(`nav-${screen}`).click();
      const faces = page.locator('main [data-testid^="face-"]');
      await expect(faces.first()).toBeVisible();
      const cut = await faces.evaluateAll((els) =>
        (els as unknown as Box[])
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => e.textContent ?? ''),
      );
      expect(cut, `${screen} in ${locale}`).toEqual([]);
      expect(await faces.count()).toBeGreaterThan(8);
    }
  }
  await page.getByTestId('locale-select').selectOption('en');
});

test('each driver value says what it counts, in the row', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
  const rows = page.getByTestId('level-section-individual').locator('tr.line-row');
  const withDriver = (label: string) =>
    rows.filter({ has: page.locator('[data-testid^="face-cell-driver-"]', { hasText: label }) });
  // Found by its driver in English, then followed by its id (the labels change with the language).
  const staffingId = await rowId(withDriver('Staffing ratio').first(), 'line-row-');
  const staffing = page.getByTestId(`line-row-${staffingId}`);
  await expect(staffing.first().locator('.with-unit')).toHaveText(/^\s*cases \/ staff\s*$/);
  await expect(staffing.first().locator('input[data-testid^="cell-quantity-"]')).toHaveValue('60');
  await expect(withDriver('Per arrival').first().locator('.cell-unit')).toHaveText('/ arrival');
  await expect(page.getByTestId('col-head-quantity').first()).toHaveText('Driver value');
  await expect(page.getByTestId('col-head-derivation').first()).toHaveText('Resulting quantity');
  await page.getByTestId('locale-select').selectOption('fr');
  await expect(staffing.first().locator('.cell-unit')).toHaveText('cas / agent');
  await page.getByTestId('locale-select').selectOption('en');
});

test('a resized column keeps its width after a reload, and double-click gives the default back', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
  const head = page.getByTestId('level-section-individual').getByTestId('col-head-unitLabel');
  const before = (await head.boundingBox())?.width ?? 0;
  const handle = page.getByTestId('level-section-individual').getByTestId('col-resize-unitLabel');
  await page.getByTestId('level-section-individual').locator('.grid-wrap').scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  if (!box) throw new Error('no resize handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const widthOf = async (level: string) =>
    (await page.getByTestId(`level-section-${level}`).getByTestId('col-head-unitLabel').boundingBox())?.width ?? 0;
  await expect.poll(() => widthOf('individual')).toBeCloseTo(before + 30, 0);
  // Every level's grid follows, and the width is kept for this user.
  await expect.poll(() => widthOf('community')).toBeCloseTo(before + 30, 0);
  await page.reload();
  await page.getByTestId('nav-budget').click();
  await expect.poll(() => widthOf('individual')).toBeCloseTo(before + 30, 0);

  // The keyboard does the same from a cell of the column: Alt+Shift+→ widens, Alt+Shift+← narrows.
  const unitCell = page
    .getByTestId('level-section-individual')
    .locator('input[data-testid^="cell-unitLabel-"]')
    .first();
  await unitCell.focus();
  await unitCell.press('Alt+Shift+ArrowRight');
  await expect.poll(() => widthOf('individual')).toBeCloseTo(before + 38, 0);
  await unitCell.press('Alt+Shift+ArrowLeft');
  await unitCell.press('Alt+Shift+ArrowLeft');
  await expect.poll(() => widthOf('community')).toBeCloseTo(before + 22, 0);

  await page.getByTestId('level-section-individual').getByTestId('col-resize-unitLabel').dblclick();
  await expect.poll(() => widthOf('individual')).toBeCloseTo(before, 0);
  await page.reload();
  await page.getByTestId('nav-budget').click();
  await expect.poll(() => widthOf('individual')).toBeCloseTo(before, 0);
});
