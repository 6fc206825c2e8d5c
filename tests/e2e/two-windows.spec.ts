/**
 * Two windows on one programme (browser mode: two tabs of the same server): an edit in one shows in
 * the other at once, through the event stream, without a reload or an edit of its own; an undo in
 * the second shows in the first.
 */
import { expect, type Page, test } from '@playwright/test';
import { openSample } from './app';

/** Opens the app on the sample programme's budget (whatever another spec left open). */
async function onSampleBudget(page: Page): Promise<void> {
  await openSample(page);
  await page.getByTestId('nav-budget').click();
}

test('an edit in one window shows in the other at once; an undo there shows here', async ({ browser }) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  const b = await context.newPage();
  await onSampleBudget(a);
  await onSampleBudget(b);

  const row = a.getByTestId('level-section-structural').locator('[data-testid^="line-row-"]').first();
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('line-row-', '');
  const totalA = a.getByTestId('totals-total');
  const totalB = b.getByTestId('totals-total');
  await expect(totalB).toHaveText(await totalA.innerText());
  const before = await totalB.innerText();
  const costB = b.getByTestId(`cell-unitCost-${id}`);
  const was = await costB.inputValue();

  // Edit in A: A's own total moves, and B's follows without B doing anything.
  const cell = a.getByTestId(`cell-unitCost-${id}`);
  await cell.click();
  await cell.press('Enter');
  // A whole number: valid in any currency (XOF has no decimals).
  await cell.fill(/^77,777(\.00)?$/.test(was) ? '66666' : '77777');
  await cell.press('Enter');
  await expect(totalA).not.toHaveText(before);
  const after = await totalA.innerText();
  await expect(totalB).toHaveText(after);
  await expect(costB).not.toHaveValue(was);

  // Undo in B (its undo button names the edit made in A): both go back.
  await b.getByTestId('undo').click();
  await expect(totalB).toHaveText(before);
  await expect(totalA).toHaveText(before);
  await expect(a.getByTestId(`cell-unitCost-${id}`)).toHaveValue(was);
  await context.close();
});
