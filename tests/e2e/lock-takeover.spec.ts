/**
 * A programme locked by someone who cannot be checked (a lock from another computer, or one left by
 * a crash) opens read-only; the notice offers "Open anyway…", warns before it acts, and after the
 * person confirms the programme opens for editing (issue 13).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { apiCall, openSample } from './app';

test('a locked programme can be opened anyway, after a clear warning', async ({ page }) => {
  await openSample(page);
  const docName = page.getByTestId('doc-file-name');
  const fileName = (await docName.innerText()).trim();
  // Where the programme lives, asked of the app itself as the page asks it.
  const filePath = (await apiCall<{ info: { path: string } }>(page, 'document.current')).info.path;
  await page.getByTestId('close-document').click();
  const lock = path.join(path.dirname(filePath), `.~lock.${path.basename(filePath)}#`);
  writeFileSync(
    lock,
    JSON.stringify({
      app: 'x',
      pid: 1,
      hostname: 'another-computer.example',
      user: 'Amina',
      since: new Date().toISOString(),
    }),
  );

  await page
    .getByRole('button', { name: `Open ${fileName}`, exact: true })
    .first()
    .click();
  const banner = page.getByTestId('readonly-banner');
  await expect(banner).toContainText('open in another window or program');

  // First a warning, which can be backed out of.
  await page.getByTestId('open-anyway').click();
  await expect(page.getByTestId('open-anyway-warning')).toContainText(
    'Only if you are sure no one else has this file open',
  );
  await page.getByTestId('open-anyway-cancel').click();
  await expect(page.getByTestId('open-anyway-warning')).toHaveCount(0);
  await expect(banner).toBeVisible();

  await page.getByTestId('open-anyway').click();
  await page.getByTestId('open-anyway-confirm').click();
  await expect(banner).toHaveCount(0);

  // Editable now: a change is kept.
  await page.getByTestId('nav-budget').click();
  const rows = page.getByTestId('level-section-individual').locator('[data-testid^="line-row-"]');
  const id = ((await rows.first().getAttribute('data-testid')) ?? '').replace('line-row-', '');
  const nameCell = page.getByTestId(`cell-name-${id}`);
  const was = await nameCell.inputValue();
  await nameCell.click();
  await nameCell.press('Enter');
  await nameCell.fill(`${was} (taken over)`);
  await nameCell.press('Enter');
  await expect(nameCell).toHaveValue(`${was} (taken over)`);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  // Put it back for the other specs, then close (the lock, now ours, goes with it).
  await page.keyboard.press('Control+z');
  await expect(nameCell).toHaveValue(was);
  await page.getByTestId('close-document').click();
});
