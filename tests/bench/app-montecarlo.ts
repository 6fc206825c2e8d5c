/**
 * Monte-Carlo as a person runs it (bench cases j and k): the built app in browser mode, in
 * Debian's Chromium, on a programme written with its ranges; on the Sensitivity screen the draws
 * and the seed are typed and Run is clicked; timed in the page's own clock from the click (the
 * event's time stamp) until the results name the run's seed. The run's draws go to one Web Worker
 * per core (src-renderer/document/montecarloPool.ts), started and warmed up as the screen shows.
 *
 * Three kinds of run, each on a fresh page (new workers) unless said:
 * - first: the run of a session, Run clicked PAUSE_MS after the screen shows (a person typing the
 *   draws and the seed; the workers warm up meanwhile);
 * - cold: Run clicked as soon as the screen shows (the workers still starting);
 * - again: a run after a run, on the workers kept from it.
 * The percentiles on screen must be the engine's, computed here in Node for the same seed.
 *
 * Needs out/ (`buildApp()` makes it: `electron-vite build`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { writeModelToFile } from '../../src-main/documents';
import { compute, keyParameters, monteCarlo, type Range } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { openListed, showLibrary, startAppInChromium } from './browser';

/** How long a person takes to type the draws and the seed before clicking Run, in ms. */
export const PAUSE_MS = 1500;

export interface AppMonteCarloTimes {
  first: number[];
  cold: number[];
  again: number[];
  /** How many Monte-Carlo workers the page runs (one per core, at most 4: montecarloPool.ts). */
  workers: number;
}

/** Builds out/ as `npm run build` does (the cases measure the app as built from this tree). */
export function buildApp(): void {
  const r = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('`electron-vite build` failed: the Monte-Carlo cases measure the built app.');
}

/** `model` with a range low/likely/high 0.8 / 1 / 1.2 on each of its key parameters. */
export function withRanges(model: Model): Model {
  const params = keyParameters(model, compute(model));
  return { ...model, ranges: params.map((p) => ({ id: p.id, low: '0.8', likely: '1', high: '1.2' })) };
}

/** The run's P50 of the total, computed here (the screen must show it). */
export function p50Here(model: Model, draws: number, seed: number): number {
  const params = keyParameters(model, compute(model));
  const ranges = new Map<string, Range>(
    model.ranges.map((r) => [r.id, { low: Number(r.low), likely: Number(r.likely), high: Number(r.high) }]),
  );
  const run = monteCarlo(model, ranges, draws, seed, params);
  if (!run) throw new Error('the run here was stopped');
  return run.total.p50;
}

/*
 * In the page: window.__benchMc resolves with the time from the next click on Run until the
 * results name `seed` (plain JavaScript: this file is compiled for Node, without the DOM's types).
 */
const ARM_RUN_TIMER = `(seed) => {
  window.__benchMc = new Promise((resolve, reject) => {
    let start = -1;
    const onClick = (e) => {
      if (start < 0 && e.target instanceof Element && e.target.closest('[data-testid="mc-run"]')) start = e.timeStamp;
    };
    document.addEventListener('click', onClick, { capture: true });
    const done = new RegExp('seed ' + seed + '(?![0-9])');
    const check = () => {
      const r = document.querySelector('[data-testid="mc-results"]');
      if (start >= 0 && r && done.test(r.textContent || '')) {
        const ms = performance.now() - start;
        observer.disconnect();
        document.removeEventListener('click', onClick, { capture: true });
        clearTimeout(timer);
        resolve(ms);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => reject(new Error('no results within 120 s')), 120000);
  });
}`;

async function inPage<T>(page: Page, fn: string, arg?: unknown): Promise<T> {
  return page.evaluate(({ fn, arg }) => (0, eval)(fn)(arg) as T, { fn, arg });
}

async function openOnSensitivity(browser: Browser, url: string, file: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'en-GB' });
  await showLibrary(page, url);
  await openListed(page, file);
  await page.getByTestId('nav-sensitivity').click();
  await page.getByTestId('mc-run').waitFor();
  return page;
}

/** Types `draws` and `seed`, clicks Run (after `pauseMs`), and gives the page's time to the results. */
async function timedRun(page: Page, draws: number, seed: number, pauseMs: number): Promise<number> {
  await inPage(page, ARM_RUN_TIMER, seed);
  const started = Date.now();
  await page.getByTestId('mc-draws').fill(String(draws));
  await page.getByTestId('mc-seed').fill(String(seed));
  const left = pauseMs - (Date.now() - started);
  if (left > 0) await page.waitForTimeout(left);
  await page.getByTestId('mc-run').click();
  return inPage<number>(page, '() => window.__benchMc');
}

/**
 * Times runs of `draws` draws of `model` (which must carry its ranges) in the app, until `samples`
 * of each kind or `budgetMs` (at least 3 of each); checks the first run's P50 against `p50`.
 */
export async function appMonteCarlo(
  model: Model,
  draws: number,
  p50: { seed: number; minor: number },
  samples: number,
  budgetMs: number,
): Promise<AppMonteCarloTimes> {
  const app = await startAppInChromium('rcs-bench-mc-');
  const { browser, url } = app;
  const file = join(app.documents, 'Monte-Carlo bench.rcs');
  writeModelToFile(file, model, { overwrite: true });
  const times: AppMonteCarloTimes = { first: [], cold: [], again: [], workers: 0 };
  try {
    const t0 = Date.now();
    let seed = p50.seed;
    for (let i = 0; i < samples; i++) {
      const page = await openOnSensitivity(browser, url, file);
      times.first.push(await timedRun(page, draws, seed, PAUSE_MS));
      if (i === 0) {
        const shown = Number(await page.getByTestId('mc-total-p50').getAttribute('data-minor'));
        if (shown !== p50.minor) {
          throw new Error(`the app shows a P50 of ${shown} for seed ${seed}, the engine here ${p50.minor}`);
        }
        times.workers = await inPage<number>(page, '() => Math.min(4, navigator.hardwareConcurrency)');
      }
      times.again.push(await timedRun(page, draws, ++seed, 0));
      await page.close();
      const cold = await openOnSensitivity(browser, url, file);
      times.cold.push(await timedRun(cold, draws, ++seed, 0));
      await cold.close();
      seed++;
      if (i >= 2 && Date.now() - t0 > budgetMs) break;
    }
  } finally {
    await app.close();
  }
  return times;
}
