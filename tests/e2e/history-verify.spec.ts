/**
 * History and file check: an edit shows in the change log in the user's language (English, then
 * French), with the field's old and new value; the file check runs as a job with its progress,
 * and ends by saying the file is sound.
 */
import { expect, test } from '@playwright/test';
import { openSample } from './app';

test('the change log in both languages, and the file check', async ({ page }) => {
  await openSample(page);

  // An edit of the programme's title, then the history.
  await page.getByTestId('nav-programme').click();
  const title = page.getByLabel('Programme title');
  const was = await title.inputValue();
  const now = was.endsWith(' (revised)') ? was.replace(/ \(revised\)$/, '') : `${was} (revised)`;
  await title.fill(now);
  await title.press('Enter');
  await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  await page.getByTestId('nav-history').click();
  const newest = page.getByTestId('change-log-entry').first();
  await expect(newest).toContainText('Editing the programme settings');
  await expect(newest).toContainText(`Title: “${was}” → “${now}”`);

  // The file check: progress, then the outcome.
  await page.getByTestId('verify-start').click();
  await expect(page.getByTestId('verify-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('verify-status')).toContainText('The file is sound');

  // The same history in French.
  await page.getByTestId('locale-select').selectOption('fr');
  await expect(newest).toContainText('Modification des paramètres du programme');
  await expect(newest).toContainText(`Titre\u00a0: «\u00a0${was}\u00a0» → «\u00a0${now}\u00a0»`);
  await page.getByTestId('locale-select').selectOption('en');
});
