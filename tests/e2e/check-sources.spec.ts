/**
 * The checks panel cites where each rule comes from as a reader can find it: the source
 * documents by title and line numbers (or the donor's rule), in the user's language; never the
 * project's own design notes ("DESIGN §7", "SY-12").
 */
import { expect, test } from '@playwright/test';
import { openSample } from './app';

const INTERNAL = /DESIGN|§|SY-\d|KP2|\bL\d{2,}/;

test('check sources name the documents by title and line, in English and in French', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('nav-checks').click();
  const sources = page.locator('.finding-source');
  await expect(sources.first()).toBeVisible();
  const en = await sources.allInnerTexts();
  expect(en.length).toBeGreaterThan(0);
  for (const s of en) expect(s).not.toMatch(INTERNAL);
  expect(en.some((s) => /(Knowledge Paper #2|Reintegration: Effective Approaches).*, lines? \d+/.test(s))).toBe(true);

  await page.getByTestId('locale-select').selectOption('fr');
  await expect(sources.first()).toContainText('Source');
  const fr = await sources.allInnerTexts();
  for (const s of fr) expect(s).not.toMatch(INTERNAL);
  expect(fr.some((s) => /, lignes? \d+/.test(s))).toBe(true);
  await page.getByTestId('locale-select').selectOption('en');

  // The caseload screen's notes on minimum durations cite the same way.
  await page.getByTestId('nav-caseload').click();
  await expect(page.getByTestId('caseload-sources')).toContainText(
    'IOM (2015), “Reintegration: Effective Approaches”, line 389',
  );
});
