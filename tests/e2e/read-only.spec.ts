/**
 * A programme opened read-only: typing into a cell, Ctrl+D and Delete change nothing, and the app
 * says why right where the person acts (at the cell, and in the read-only notice); the notice
 * stays in view while the budget scrolls.
 */
import { expect, test } from '@playwright/test';
import { openSample } from './app';

test('read-only: edits are refused with the reason shown, and the notice stays in view', async ({ page }) => {
  // The sample, then the same file again, read-only (from the recent files).
  await openSample(page);
  const docName = page.getByTestId('doc-file-name');
  const fileName = (await docName.innerText()).trim();
  await page.getByTestId('close-document').click();
  await page
    .getByRole('button', { name: `Open ${fileName} read-only` })
    .first()
    .click();
  const banner = page.getByTestId('readonly-banner');
  await expect(banner).toBeVisible();

  await page.getByTestId('nav-budget').click();
  const rows = page.getByTestId('level-section-individual').locator('[data-testid^="line-row-"]');
  const count = await rows.count();
  const first = rows.first();
  const id = ((await first.getAttribute('data-testid')) ?? '').replace('line-row-', '');
  const nameCell = page.getByTestId(`cell-name-${id}`);
  const was = await nameCell.inputValue();

  // Typing: nothing appears; the cell and the notice say why.
  await nameCell.click();
  await page.keyboard.type('x');
  await expect(first.getByTestId('field-error')).toContainText('Nothing was changed: this programme is open read-only');
  await expect(page.getByTestId('readonly-nudge')).toBeVisible();
  await expect(nameCell).toHaveValue(was);

  // Ctrl+D and Delete: no copy, no deletion dialog; the notice says why.
  await page.keyboard.press('Control+d');
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(count);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('readonly-nudge')).toContainText('read-only');

  // Scrolled far down the budget, the notice is still in view.
  await page.mouse.wheel(0, 4000);
  // (The first line's row has left the window: the page did scroll.)
  await expect(first).not.toBeInViewport();
  await expect(banner).toBeInViewport();

  await page.getByTestId('close-document').click();
});
