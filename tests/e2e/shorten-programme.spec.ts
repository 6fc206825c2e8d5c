/**
 * Shortening the programme past some lines: the lines are named (each a link), and one click
 * clips them to the new end in one undoable step. A line left running to the programme's end
 * follows the end without being asked about.
 */
import { expect, type Page, test } from '@playwright/test';
import { addLine, editCell, expectSaved, startNewProgramme } from './app';

/** A monthly cost over the whole programme (a new line starts as a one-off cost in month 1). */
async function addMonthlyLine(page: Page, index: number): Promise<string> {
  const id = await addLine(page, 'individual', index);
  await page.getByTestId(`cell-schedule-${id}`).selectOption('monthly');
  return id;
}

test('shortening names the lines past the new end and clips them in one undoable step', async ({ page }) => {
  await startNewProgramme(page, 'Shorten');

  await page.getByTestId('nav-programme').click();
  const duration = page.getByTestId('field-durationMonths');
  const months = Number(await duration.inputValue());
  expect(months).toBeGreaterThan(24);

  // One line left at its default window (to the end), one ending earlier but after month 24.
  await page.getByTestId('nav-budget').click();
  const follower = await addMonthlyLine(page, 0);
  await expect(page.getByTestId(`cell-end-${follower}`)).toHaveValue(String(months));
  const ending = await addMonthlyLine(page, 1);
  await editCell(page, `cell-name-${ending}`, 'Ends early');
  await editCell(page, `cell-end-${ending}`, String(months - 2));
  await expect(page.getByTestId(`cell-end-${ending}`)).toHaveValue(String(months - 2));

  // Shorten to 24: the dialog names only the line that does not follow the end.
  await page.getByTestId('nav-programme').click();
  await duration.fill('24');
  await duration.press('Enter');
  const dialog = page.getByTestId('shorten-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId(`shorten-line-${ending}`)).toHaveText('Ends early');
  await expect(dialog.getByTestId(`shorten-line-${follower}`)).toHaveCount(0);
  await expect(duration).toHaveValue(String(months));
  await dialog.getByTestId('shorten-clip').click();
  await expect(dialog).toBeHidden();
  await expect(duration).toHaveValue('24');
  await expectSaved(page);

  await page.getByTestId('nav-budget').click();
  await expect(page.getByTestId(`cell-end-${ending}`)).toHaveValue('24');
  await expect(page.getByTestId(`cell-end-${follower}`)).toHaveValue('24');

  // One undo restores the duration and both windows.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId(`cell-end-${ending}`)).toHaveValue(String(months - 2));
  await expect(page.getByTestId(`cell-end-${follower}`)).toHaveValue(String(months));

  // The line's name in the dialog is a link to the line.
  await page.getByTestId('nav-programme').click();
  await duration.fill('24');
  await duration.press('Enter');
  await dialog.getByTestId(`shorten-line-${ending}`).click();
  await expect(page.getByTestId('nav-budget')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId(`cell-name-${ending}`)).toBeFocused();
});
