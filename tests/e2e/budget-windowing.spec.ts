/**
 * The budget grid with many lines: only a window of rows is rendered (TanStack Virtual), yet the
 * grid announces every row, the last line can be reached and edited, the keyboard keeps working
 * at the edges of the window, a line moved far outside the window gets the focus and is scrolled
 * into view, and an opened details panel counts in the height of the rows it pushes down.
 */
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { writeModelToFile } from '../../src-main/documents';
import type { Snapshot } from '../../src-shared/api';
import { compute } from '../../src-shared/engine';
import { formatMinor } from '../../src-shared/money';
import type { Level } from '../../src-shared/model';
import { FUNDER_IDS, generateModel } from '../bench/generate';
import { apiCall, appUrl } from './app';

// 1,488 lines: the generator's last line (g1487) is then a support line with a unit cost (one
// line in 50 is a percentage line, whose unit cost is not used).
const LINES = 1488;
const FILE = 'Windowed grid e2e';
// A line far from the bottom of the page whose funding split does not add up: the checks under
// the grids link to it.
const BROKEN = 'g700';

const grid = (page: Page, level: Level): Locator => page.getByTestId(`level-section-${level}`).getByRole('grid');
const lineRows = (page: Page, level: Level): Locator => grid(page, level).locator('tr.line-row');
const idOf = async (row: Locator): Promise<string> =>
  ((await row.getAttribute('data-testid')) ?? '').replace('line-row-', '');
const gridHeight = async (page: Page, level: Level): Promise<number> =>
  (await grid(page, level).boundingBox())?.height ?? 0;

test('a programme of 1,488 lines: a window of rows, the full row count, the last line edited', async ({ page }) => {
  const model = generateModel({ lines: LINES, months: 36 });
  const broken = model.lines.find((l) => l.id === BROKEN);
  if (!broken) throw new Error(`the generated programme has no line ${BROKEN}`);
  broken.funding = [{ funderId: FUNDER_IDS.donor, share: '0.5' }];
  const count = (level: Level) => model.lines.filter((l) => l.level === level).length;

  await page.goto(appUrl());
  const { documentsDir } = await apiCall<{ documentsDir: string }>(page, 'app.info');
  const path = join(documentsDir, `${FILE}.rcs`);
  writeModelToFile(path, model, { overwrite: true });

  // Open it from the start screen (closing what another spec may have left open).
  await page.reload();
  const docName = page.getByTestId('doc-file-name');
  const library = page.getByTestId('library-list');
  await expect(library.or(docName)).toBeVisible();
  if (await docName.isVisible()) await page.getByTestId('close-document').click();
  const item = page.locator(`li.file-item[data-path="${path}"]`);
  await item.locator('[data-testid^="library-open-"]:not([data-testid*="readonly"])').click();
  await expect(docName).toContainText(FILE);
  await page.getByTestId('nav-budget').click();

  // Every section announces all its rows but renders only a window of them.
  const levels: Level[] = ['individual', 'community', 'structural', 'support'];
  let rendered = 0;
  for (const level of levels) {
    expect(count(level)).toBeGreaterThan(300);
    await expect(grid(page, level)).toHaveAttribute('aria-rowcount', String(count(level) + 1));
    await expect(lineRows(page, level).first()).toHaveAttribute('aria-rowindex', '2');
    const n = await lineRows(page, level).count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100);
    rendered += n;
  }
  expect(rendered).toBeLessThan(LINES / 4);

  // The bottom of the page: the support section's last line is rendered, in view, with its place
  // among all the rows.
  const support = count('support');
  const last = grid(page, 'support').locator(`tr[aria-rowindex="${support + 1}"]`);
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  await expect(last).toBeInViewport();
  expect(await lineRows(page, 'support').count()).toBeLessThan(100);
  const lastId = await idOf(last);
  expect(lastId).toBe(`g${LINES - 1}`);
  const previousId = await idOf(grid(page, 'support').locator(`tr[aria-rowindex="${support}"]`));

  // Edit its unit cost: the line, the level and the grand total move.
  const levelTotal = page.getByTestId('level-total-support');
  const total = page.getByTestId('totals-total');
  const lineTotal = page.getByTestId(`cell-total-${lastId}`);
  // The engine runs in a Web Worker: "…" until its first result for this programme.
  for (const shown of [levelTotal, total, lineTotal]) await expect(shown).not.toHaveText('…');
  const before = {
    level: await levelTotal.innerText(),
    total: await total.innerText(),
    line: await lineTotal.innerText(),
  };
  const cost = page.getByTestId(`cell-unitCost-${lastId}`);
  const typed = (await cost.inputValue()).startsWith('777,777') ? '888888' : '777777';
  await cost.click();
  await cost.press('Enter');
  await cost.fill(typed);
  await cost.press('Enter');
  await expect(cost).toHaveValue(new RegExp(`^${typed.slice(0, 3)},${typed.slice(3)}`));
  await expect(lineTotal).not.toHaveText(before.line);
  await expect(levelTotal).not.toHaveText(before.level);
  await expect(total).not.toHaveText(before.total);
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  // The grand total is the one the engine gives for the programme as saved (the worker computed
  // the edited model from the changes it was sent, not from a whole copy).
  const saved = (await apiCall<Snapshot>(page, 'document.current')).model;
  const computed = compute(saved);
  await expect(total).toHaveText(formatMinor(computed.totals.total, computed.currency, 'en'));

  // Arrows move between rows at the end of the grid.
  await expect(cost).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId(`cell-unitCost-${previousId}`)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cost).toBeFocused();

  // Ctrl+Enter adds a line after the last one; the focus moves to its name, and the grid counts it.
  await page.keyboard.press('Control+Enter');
  await expect(grid(page, 'support')).toHaveAttribute('aria-rowcount', String(support + 2));
  const added = grid(page, 'support').locator(`tr[aria-rowindex="${support + 2}"]`);
  await expect(added.locator(`[data-testid^="cell-name-"]`)).toBeFocused();
  await expect(added).toBeInViewport();
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  // Opening a line's details makes its row taller, and the virtualizer measures it again: once the
  // row has left the window (the section's focus on a line far above), the spacer standing for it
  // keeps the height of the open panel. (Rows coming into the window are measured too, and are
  // not all as tall as the estimate: hence the margin.)
  const height = await gridHeight(page, 'support');
  await page.getByTestId(`line-details-toggle-${lastId}`).click();
  await expect(page.getByTestId(`line-details-${lastId}`)).toBeVisible();
  await expect.poll(() => gridHeight(page, 'support')).toBeGreaterThan(height + 200);
  const panel = (await gridHeight(page, 'support')) - height;
  await page.evaluate('window.scrollTo(0, 0)');
  await page.getByTestId(`cell-name-${await idOf(lineRows(page, 'support').first())}`).click();
  await expect(page.getByTestId(`line-details-${lastId}`)).toHaveCount(0);
  expect(await gridHeight(page, 'support')).toBeGreaterThan(height + panel / 2);

  // Alt+PageDown moves the first individual line to the end of the community section, far outside
  // the window: it is scrolled into view and its name cell has the focus.
  const community = count('community');
  await page.evaluate('window.scrollTo(0, 0)');
  const firstId = await idOf(lineRows(page, 'individual').first());
  await page.getByTestId(`cell-name-${firstId}`).click();
  await page.keyboard.press('Alt+PageDown');
  await expect(grid(page, 'community')).toHaveAttribute('aria-rowcount', String(community + 2));
  const moved = page.getByTestId(`level-section-community`).getByTestId(`line-row-${firstId}`);
  await expect(moved).toHaveAttribute('aria-rowindex', String(community + 2));
  await expect(page.getByTestId(`cell-name-${firstId}`)).toBeFocused();
  await expect(moved).toBeInViewport();
  expect(await lineRows(page, 'community').count()).toBeLessThan(100);
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  // A check under the grids links to a line near the top of the page, from the bottom: the line is
  // scrolled into view and focused (every section's virtualizer corrects the scroll from where the
  // page is, not from where it was before the jump).
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  const link = page.getByTestId('diagnostics').getByRole('button').filter({ hasText: broken.name });
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page.getByTestId(`cell-name-${BROKEN}`)).toBeFocused();
  await expect(page.getByTestId(`line-row-${BROKEN}`)).toBeInViewport();
});
