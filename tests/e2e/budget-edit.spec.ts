import { expect, type Locator, type Page, test } from '@playwright/test';
import { currencyExponent } from '../../src-shared/money';
import { openSample } from './app';

/** Reads the amount (minor units) behind a chart's screen-reader table cell for a level. */
async function chartLevelMinor(page: Page, level: string): Promise<number> {
  const cell = page.getByTestId('chart-by-level-table').locator(`tr[data-key="${level}"] td[data-minor]`);
  return Number(await cell.getAttribute('data-minor'));
}

/** The drawn length of a level's (horizontal) bar in the cost-by-level chart: the picture, not just its data. */
async function chartBarLength(page: Page, index: number): Promise<number> {
  const bar = page.getByTestId('chart-by-level').locator('.recharts-bar-rectangle').nth(index);
  const box = await bar.boundingBox();
  return box?.width ?? 0;
}

async function firstLineOf(page: Page, level: string): Promise<{ id: string; row: Locator }> {
  const row = page.getByTestId(`level-section-${level}`).locator('[data-testid^="line-row-"]').first();
  const testId = await row.getAttribute('data-testid');
  return { id: (testId ?? '').replace('line-row-', ''), row };
}

async function setUnitCost(page: Page, id: string, text: string): Promise<void> {
  const cell = page.getByTestId(`cell-unitCost-${id}`);
  await cell.click();
  await cell.press('Enter'); // start editing
  await cell.fill(text);
  await cell.press('Enter'); // commit
}

test('open the sample, edit a unit cost, watch totals and chart move, undo, edit again, reload', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-budget').click();

  const level = 'community';
  const levelTotal = page.getByTestId(`level-total-${level}`);
  const total = page.getByTestId('totals-total');
  await expect(levelTotal).toBeVisible();
  const before = { level: await levelTotal.innerText(), total: await total.innerText() };
  const chartBefore = await chartLevelMinor(page, level);
  expect(chartBefore).toBeGreaterThan(0);
  const barIndex = 1; // individual, community, structural, support, indirect, contingency
  const barBefore = await chartBarLength(page, barIndex);
  expect(barBefore).toBeGreaterThan(0);

  const { id } = await firstLineOf(page, level);
  const lineTotalBefore = await page.getByTestId(`cell-total-${id}`).innerText();
  // A unit cost is typed in the line's own currency: the sample enters community lines in XOF,
  // which has no decimals, so the amounts typed below follow the currency.
  const currency = await page.getByTestId(`cell-currency-${id}`).inputValue();
  const decimals = currencyExponent(currency) > 0;
  const big = decimals ? '99,999.99' : '99,999,999';
  // (The second edit must differ from what the line holds, even when a run before left it there.)
  const was1234 = /^1,234(\.50)?$/.test(await page.getByTestId(`cell-unitCost-${id}`).inputValue());
  const again = decimals
    ? was1234
      ? { typed: '4321.5', shown: /^4,321\.50$/ }
      : { typed: '1234.5', shown: /^1,234\.50$/ }
    : was1234
      ? { typed: '4321', shown: /^4,321$/ }
      : { typed: '1234', shown: /^1,234$/ };

  // A malformed number is refused beside the field and nothing changes.
  await setUnitCost(page, id, '12,5,0');
  await expect(page.getByTestId(`line-row-${id}`).getByTestId('field-error')).toBeVisible();
  await expect(levelTotal).toHaveText(before.level);
  await page.getByTestId(`cell-unitCost-${id}`).press('Escape');

  // A real edit: the line, the level, the grand total and the chart all move at once.
  await setUnitCost(page, id, big);
  await expect(page.getByTestId(`cell-total-${id}`)).not.toHaveText(lineTotalBefore);
  await expect(levelTotal).not.toHaveText(before.level);
  await expect(total).not.toHaveText(before.total);
  await expect.poll(() => chartLevelMinor(page, level)).toBeGreaterThan(chartBefore);
  await expect.poll(() => chartBarLength(page, barIndex)).toBeGreaterThan(barBefore);
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  // The undo button says what it would undo, naming the line, in the user's language.
  const lineName = await page.getByTestId(`cell-name-${id}`).inputValue();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', `Undo: editing “${lineName}” (Ctrl+Z)`);

  // Undo puts everything back.
  await page.getByTestId('undo').click();
  await expect(levelTotal).toHaveText(before.level);
  await expect(total).toHaveText(before.total);
  await expect.poll(() => chartLevelMinor(page, level)).toBe(chartBefore);

  // Edit again, with the keyboard shortcut for undo/redo in between.
  await setUnitCost(page, id, again.typed);
  await expect(page.getByTestId(`cell-unitCost-${id}`)).toHaveValue(again.shown);
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(levelTotal).toHaveText(before.level);
  await page.keyboard.press('Control+Shift+z');
  await expect(levelTotal).not.toHaveText(before.level);
  const afterEdit = await levelTotal.innerText();
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  // Every command commits at once: a reload finds the edit still there.
  await page.reload();
  const sample = page.getByTestId('start-open-sample');
  if (await sample.isVisible().catch(() => false)) await page.getByTestId('recent-open-0').click();
  await page.getByTestId('nav-budget').click();
  await expect(page.getByTestId(`level-total-${level}`)).toHaveText(afterEdit);
  await expect(page.getByTestId(`cell-unitCost-${id}`)).toHaveValue(again.shown);
});
