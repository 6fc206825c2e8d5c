/**
 * The benchmarks that drive the built app (bench:ui, cases j and k): browser mode on a free port
 * with throw-away documents and settings folders (as the end-to-end tests start it), Debian's
 * Chromium through Playwright, and a programme opened from the start screen's list.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { startServe } from '../e2e/serve';

export interface RunningApp {
  /** Where programmes for the app to list are written. */
  documents: string;
  url: string;
  browser: Browser;
  /** Closes the browser, stops the server and removes the folders. */
  close(): Promise<void>;
}

export async function startAppInChromium(prefix: string): Promise<RunningApp> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const documents = join(root, 'documents');
  mkdirSync(documents, { recursive: true });
  const { url, server } = await startServe(root);
  const browser = await chromium.launch({
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  return {
    documents,
    url,
    browser,
    async close() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Goes to the start screen's list of programmes, closing whatever programme is open. */
export async function showLibrary(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const docName = page.getByTestId('doc-file-name');
  await page.getByTestId('library-list').or(docName).waitFor();
  if (await docName.isVisible()) await page.getByTestId('close-document').click();
}

/** Opens `file` (in the app's documents folder) from the list the start screen shows. */
export async function openListed(page: Page, file: string): Promise<void> {
  await page
    .locator(`li.file-item[data-path="${file}"]`)
    .locator('[data-testid^="library-open-"]:not([data-testid*="readonly"])')
    .click();
  await page.getByTestId('doc-file-name').waitFor();
}
