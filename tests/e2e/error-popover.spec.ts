/**
 * A field's error is readable wherever the field is: on the only (and last) row of a budget
 * section and of the caseload table, the message shows in full, on top, inside the window.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { appUrl } from './app';

/** The whole message is in the window and nothing covers it (its corners and centre hit it). */
async function expectReadable(page: Page, error: Locator): Promise<void> {
  await expect(error).toBeVisible();
  const box = await error.boundingBox();
  expect(box).not.toBeNull();
  const b = box as { x: number; y: number; width: number; height: number };
  const view = page.viewportSize() as { width: number; height: number };
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(view.width);
  expect(b.y + b.height).toBeLessThanOrEqual(view.height);
  const hits = await error.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const points = [
      [r.left + 3, r.top + 3],
      [r.right - 3, r.top + 3],
      [r.left + 3, r.bottom - 3],
      [r.right - 3, r.bottom - 3],
      [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
    ];
    return points.map(([x, y]) => {
      const hit = el.ownerDocument.elementFromPoint(x as number, y as number);
      return hit !== null && (hit === el || el.contains(hit));
    });
  });
  expect(hits).toEqual([true, true, true, true, true]);
}

test('errors on the last row of a budget section and of the caseload table are shown in full', async ({ page }) => {
  await page.goto(appUrl());
  const startNew = page.getByTestId('start-new');
  const docName = page.getByTestId('doc-file-name');
  await expect(startNew.or(docName)).toBeVisible();
  if (await docName.isVisible()) await page.getByTestId('close-document').click();
  await startNew.click();
  const name = `Errors in view ${Date.now()}`;
  await page.getByTestId('new-dialog-name').fill(name);
  await page.getByTestId('new-dialog-name').press('Enter');
  await expect(docName).toContainText(name);

  // The only line of the structural section (a one-row table, and its last row).
  await page.getByTestId('nav-budget').click();
  await page.getByTestId('add-line-structural').click();
  const row = page.getByTestId('level-section-structural').locator('[data-testid^="line-row-"]').first();
  await expect(row).toHaveAttribute('data-testid', /^line-row-.+/);
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('line-row-', '');
  const cost = page.getByTestId(`cell-unitCost-${id}`);
  await cost.click();
  await cost.press('Enter');
  await cost.fill('12,5,0');
  await cost.press('Enter');
  const lineError = row.getByTestId('field-error');
  await expect(lineError).toContainText('“12,5,0” is not a number');
  await expectReadable(page, lineError);
  await expect(cost).toHaveAttribute('aria-describedby', (await lineError.getAttribute('id')) ?? 'none');
  await cost.press('Escape');
  await expect(lineError).toHaveCount(0);

  // The only row of the caseload table.
  await page.getByTestId('nav-caseload').click();
  await page.getByTestId('profile-add-kind').selectOption('adult');
  await page.getByTestId('profile-add').click();
  const profile = page.locator('[data-testid^="profile-row-"]').first();
  await expect(profile).toHaveAttribute('data-testid', /^profile-row-.+/);
  const pid = ((await profile.getAttribute('data-testid')) ?? '').replace('profile-row-', '');
  const arrivals = page.getByTestId(`profile-arrivals-${pid}`);
  await arrivals.fill('lots');
  await arrivals.press('Enter');
  const profileError = profile.getByTestId('field-error');
  await expect(profileError).toContainText('“lots” is not a number');
  await expectReadable(page, profileError);
});
