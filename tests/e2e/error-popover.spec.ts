/**
 * A field's error is readable wherever the field is: on the only (and last) row of a budget
 * section and of the caseload table, the message shows in full, on top, inside the window.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { addAdultProfile, addLine, editCell, startNewProgramme, typeInto } from './app';

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
  await startNewProgramme(page, 'Errors in view');

  // The only line of the structural section (a one-row table, and its last row).
  await page.getByTestId('nav-budget').click();
  const id = await addLine(page, 'structural', 0);
  const row = page.getByTestId(`line-row-${id}`);
  const cost = page.getByTestId(`cell-unitCost-${id}`);
  await editCell(page, `cell-unitCost-${id}`, '12,5,0');
  const lineError = row.getByTestId('field-error');
  await expect(lineError).toContainText('“12,5,0” is not a number');
  await expectReadable(page, lineError);
  await expect(cost).toHaveAttribute('aria-describedby', (await lineError.getAttribute('id')) ?? 'none');
  await cost.press('Escape');
  await expect(lineError).toHaveCount(0);

  // The only row of the caseload table.
  const pid = await addAdultProfile(page);
  const profile = page.getByTestId(`profile-row-${pid}`);
  await typeInto(page.getByTestId(`profile-arrivals-${pid}`), 'lots');
  const profileError = profile.getByTestId('field-error');
  await expect(profileError).toContainText('“lots” is not a number');
  await expectReadable(page, profileError);
});
